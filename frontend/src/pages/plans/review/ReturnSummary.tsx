import type { HistoryOut, PlanOut } from '../../../api/plans';
import { formatDateTimeJst } from '../../../lib/dates';
import { REVIEW_PANEL_MESSAGES as M } from './messages';
import { returnSummary } from './reviewDraft';

/** Moves to the part of the plan a comment concerns and gives it the focus. */
function goTo(anchor: string) {
  // A requirement's statement is a field only while the plan may be edited; else its section.
  const target = document.getElementById(anchor) ?? (anchor.startsWith('field-requirements-') ? document.getElementById('editor-requirements') : null);
  if (!target) return;
  if (!target.hasAttribute('tabindex') && !/^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(target.tagName)) target.setAttribute('tabindex', '-1');
  target.focus();
}

/** The return (修正依頼 / 差戻し) at the top of the plan, for its authors: what was said and what to do next. */
export function ReturnSummary({ plan, history }: { plan: PlanOut; history: readonly HistoryOut[] }) {
  const summary = returnSummary(plan, history);
  if (!summary) return null;
  const link = (anchor: string, label: string) => (
    <a
      href={`#${anchor}`}
      className="text-std-16B-170 text-blue-900 underline"
      onClick={(event) => {
        event.preventDefault();
        goTo(anchor);
      }}
    >
      {M.returnGoTo(label)}
    </a>
  );
  return (
    <section aria-labelledby="return-summary-heading" className="mb-6 rounded-8 border-2 border-error-1 p-4 md:p-6" data-testid="return-summary">
      <h2 id="return-summary-heading" className="text-std-24B-150 text-error-1">
        {summary.byReviewer ? M.returnTitle : M.returnTitleByPrefecture}
      </h2>
      <p className="mt-1 text-dns-16N-130">{M.returnFrom(summary.actorName, formatDateTimeJst(summary.occurredAt))}</p>
      {summary.comment ? (
        <div className="mt-4">
          <h3 className="text-std-17B-170">{M.returnOverall}</h3>
          <p className="mt-1 whitespace-pre-wrap" data-testid="return-overall">
            {summary.comment}
          </p>
        </div>
      ) : null}
      {summary.requirements.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-std-17B-170">{M.returnRequirements}</h3>
          <ul className="mt-2 flex flex-col gap-3" data-testid="return-requirements">
            {summary.requirements.map((r) => (
              <li key={r.number} className="rounded-8 bg-solid-gray-50 p-3">
                <p className="text-std-16B-170">
                  {r.label}
                  {r.verdict ? <span className="ml-2">{M.returnVerdict(r.verdict)}</span> : null}
                </p>
                {r.comment ? <p className="mt-1 whitespace-pre-wrap">{r.comment}</p> : null}
                <p className="mt-1">{link(r.anchor, r.label)}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.sections.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-std-17B-170">{M.returnSections}</h3>
          <ul className="mt-2 flex flex-col gap-3" data-testid="return-sections">
            {summary.sections.map((s) => (
              <li key={s.key} className="rounded-8 bg-solid-gray-50 p-3">
                <p className="text-std-16B-170">{s.label}</p>
                <p className="mt-1 whitespace-pre-wrap">{s.comment}</p>
                <p className="mt-1">{link(s.anchor, s.label)}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="mt-4 text-std-16B-170" data-testid="return-next">
        {M.returnNext}
      </p>
    </section>
  );
}
