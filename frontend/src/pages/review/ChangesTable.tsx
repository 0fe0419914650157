import { useState } from 'react';
import type { PlanOut } from '../../api/plans';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { SelectField } from '../../components/SelectField';
import { formatDateTimeJst } from '../../lib/dates';
import { useJsic } from '../../lib/useJsic';
import { useLoad } from '../../lib/useLoad';
import { getChanges, type ChangesOut, type ChangesSince } from './api';
import { REVIEW_MESSAGES as M } from './messages';
import { nameChange, showValue } from './review';

/**
 * A difference, change by change, each named in Japanese with its value before and after and the
 * reviewer's comment of that time: stacked, so it reads in the narrow column beside the plan.
 */
export function ChangesRows({ plan, changes }: { plan: PlanOut; changes: ChangesOut }) {
  const earlier = changes.earlier_review;
  const { labelOf } = useJsic(changes.changes.some((c) => c.path === 'jsic_codes'));
  const show = (path: string, value: unknown) => showValue(path, value, labelOf);
  const commentFor = (section: string | null, path: string): string => {
    if (!earlier) return '';
    const requirement = /^requirement_statements\/(\d+)$/.exec(path);
    if (requirement) return earlier.requirement_comments.find((c) => String(c.number) === requirement[1])?.comment ?? '';
    return earlier.section_comments.find((c) => c.section === section)?.comment ?? '';
  };
  return (
    <ul aria-label={M.changesCaption} className="mt-4 flex flex-col text-std-16N-170" data-testid="changes-list">
      {changes.changes.map((change) => {
        const named = nameChange(plan, change.path, change.before, change.after);
        const whole = change.path.split('/').length === 2 && /^(kgis|kpis|core_companies)\//.test(change.path);
        const before = whole && change.before == null ? M.empty : show(change.path, change.before);
        const after = whole && change.after == null ? M.removed(show(change.path, change.before)) : whole && change.before == null ? M.added(show(change.path, change.after)) : show(change.path, change.after);
        return (
          <li key={change.path} className="border-b border-solid-gray-420 py-3" data-testid="change">
            <p className="text-std-16B-170">
              {M.changePlace(named.sectionLabel, named.itemLabel)}
            </p>
            <dl className="mt-1 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1">
              <dt className="text-solid-gray-700">{M.colBefore}</dt>
              <dd className="whitespace-pre-wrap break-words">{before}</dd>
              <dt className="text-solid-gray-700">{M.colAfter}</dt>
              <dd className="whitespace-pre-wrap break-words">{after}</dd>
              {earlier ? (
                <>
                  <dt className="text-solid-gray-700">{M.colEarlier}</dt>
                  <dd className="whitespace-pre-wrap break-words">{commentFor(named.section, change.path) || '—'}</dd>
                </>
              ) : null}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * What changed in the plan, field by field, since the version the reviewer returned (修正依頼), the
 * last completed pre-check or the last published version, with the comments made at that time.
 */
export function ChangesTable({ plan, initialSince = 'returned' }: { plan: PlanOut; initialSince?: ChangesSince }) {
  const [since, setSince] = useState<ChangesSince>(initialSince);
  // A new version of the plan refreshes the list in place; another comparison loads anew.
  const [loaded] = useLoad(`${plan.id}:${since}`, (signal) => getChanges(plan.id, since, signal), plan.version);
  const earlier = loaded.status === 'ready' ? loaded.data.earlier_review : null;
  return (
    <section aria-labelledby="changes-heading" className="mt-10 rounded-8 border border-solid-gray-420 p-4 md:p-6" data-testid="changes">
      <h2 id="changes-heading" className="text-std-24B-150">
        {M.changesTitle}
      </h2>
      <SelectField
        id="changes-since"
        className="mt-4"
        label={M.changesSinceLabel}
        required={false}
        value={since}
        onChange={(e) => {
          setSince(e.target.value as ChangesSince);
        }}
        options={(['returned', 'review', 'published'] as const).map((value) => ({ value, label: M.changesSince[value] }))}
      />
      {loaded.status === 'loading' ? <p role="status" className="mt-4">{M.loadingChanges}</p> : null}
      {loaded.status === 'failed' ? (
        <div className="mt-4">
          <ApiErrorNotice title={M.changesFailed} error={loaded.error} />
        </div>
      ) : null}
      {loaded.status === 'ready' ? (
        !loaded.data.base_found ? (
          <p className="mt-4" data-testid="changes-no-base">{M.changesNoBase[since]}</p>
        ) : (
          <>
            {loaded.data.base_at ? <p className="mt-4 text-dns-16N-130">{M.changesBaseAt(formatDateTimeJst(loaded.data.base_at))}</p> : null}
            {earlier && earlier.comment ? (
              <div className="mt-4 rounded-8 bg-solid-gray-50 p-3" data-testid="changes-earlier">
                <p className="text-std-16B-170">{M.earlierTitle(earlier.actor_name, formatDateTimeJst(earlier.occurred_at))}</p>
                <p className="mt-1 whitespace-pre-wrap">{M.earlierOverallLine(earlier.comment)}</p>
              </div>
            ) : null}
            {loaded.data.changes.length === 0 ? <p className="mt-4">{M.changesNone}</p> : <ChangesRows plan={plan} changes={loaded.data} />}
          </>
        )
      ) : null}
    </section>
  );
}
