import { useEffect, useState } from 'react';
import type { PlanOut } from '../../api/plans';
import { SelectField } from '../../components/SelectField';
import { formatDateTimeJst } from '../../lib/dates';
import { getChanges, type ChangesOut, type ChangesSince } from './api';
import { REVIEW_MESSAGES as M } from './messages';
import { nameChange, showValue } from './review';

type Loaded = { status: 'loading' } | { status: 'ready'; value: ChangesOut } | { status: 'failed'; message: string };

/** The rows of a difference, each named in Japanese, with the reviewer's comment of that time beside it. */
export function ChangesRows({ plan, changes }: { plan: PlanOut; changes: ChangesOut }) {
  const earlier = changes.earlier_review;
  const commentFor = (section: string | null, path: string): string => {
    if (!earlier) return '';
    const requirement = /^requirement_statements\/(\d+)$/.exec(path);
    if (requirement) return earlier.requirement_comments.find((c) => String(c.number) === requirement[1])?.comment ?? '';
    return earlier.section_comments.find((c) => c.section === section)?.comment ?? '';
  };
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left text-std-16N-170" data-testid="changes-table">
        <caption className="sr-only">{M.changesCaption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="p-2">{M.colSection}</th>
            <th scope="col" className="p-2">{M.colItem}</th>
            <th scope="col" className="p-2">{M.colBefore}</th>
            <th scope="col" className="p-2">{M.colAfter}</th>
            {earlier ? <th scope="col" className="p-2">{M.colEarlier}</th> : null}
          </tr>
        </thead>
        <tbody>
          {changes.changes.map((change) => {
            const named = nameChange(plan, change.path, change.before, change.after);
            const whole = change.path.split('/').length === 2 && /^(kgis|kpis|core_companies)\//.test(change.path);
            const before = whole && change.before == null ? M.empty : showValue(change.path, change.before);
            const after = whole && change.after == null ? M.removed(showValue(change.path, change.before)) : whole && change.before == null ? M.added(showValue(change.path, change.after)) : showValue(change.path, change.after);
            return (
              <tr key={change.path} className="border-b border-solid-gray-420 align-top">
                <td className="p-2">{named.sectionLabel}</td>
                <td className="p-2">{named.itemLabel}</td>
                <td className="whitespace-pre-wrap p-2">{before}</td>
                <td className="whitespace-pre-wrap p-2">{after}</td>
                {earlier ? <td className="whitespace-pre-wrap p-2">{commentFor(named.section, change.path) || '—'}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What changed in the plan, field by field, since the version the reviewer returned (修正依頼), the
 * last completed pre-check or the last published version, with the comments made at that time.
 */
export function ChangesTable({ plan, initialSince = 'returned' }: { plan: PlanOut; initialSince?: ChangesSince }) {
  const [since, setSince] = useState<ChangesSince>(initialSince);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    getChanges(plan.id, since, controller.signal).then(
      (value) => setLoaded({ status: 'ready', value }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [plan.id, plan.version, since]);
  const earlier = loaded.status === 'ready' ? loaded.value.earlier_review : null;
  return (
    <section aria-labelledby="changes-heading" className="mt-10 rounded-8 border border-solid-gray-420 p-4 md:p-6" data-testid="changes">
      <h2 id="changes-heading" className="text-std-24B-150">
        {M.changesTitle}
      </h2>
      <SelectField
        id="changes-since"
        className="mt-4"
        label="比較する版"
        required={false}
        value={since}
        onChange={(e) => {
          setLoaded({ status: 'loading' });
          setSince(e.target.value as ChangesSince);
        }}
        options={(['returned', 'review', 'published'] as const).map((value) => ({ value, label: M.changesSince[value] }))}
      />
      {loaded.status === 'loading' ? <p role="status" className="mt-4">{M.loadingChanges}</p> : null}
      {loaded.status === 'failed' ? <p role="alert" className="mt-4 text-error-1">{M.changesFailed}：{loaded.message}</p> : null}
      {loaded.status === 'ready' ? (
        !loaded.value.base_found ? (
          <p className="mt-4" data-testid="changes-no-base">{M.changesNoBase[since]}</p>
        ) : (
          <>
            {loaded.value.base_at ? <p className="mt-4 text-dns-16N-130">{M.changesBaseAt(formatDateTimeJst(loaded.value.base_at))}</p> : null}
            {earlier && earlier.comment ? (
              <div className="mt-4 rounded-8 bg-solid-gray-50 p-3" data-testid="changes-earlier">
                <p className="text-std-16B-170">{M.earlierTitle(earlier.actor_name, formatDateTimeJst(earlier.occurred_at))}</p>
                <p className="mt-1 whitespace-pre-wrap">{M.earlierOverall}：{earlier.comment}</p>
              </div>
            ) : null}
            {loaded.value.changes.length === 0 ? <p className="mt-4">{M.changesNone}</p> : <ChangesRows plan={plan} changes={loaded.value} />}
          </>
        )
      ) : null}
    </section>
  );
}
