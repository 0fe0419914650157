import type { HistoryOut } from '../../api/plans';
import { formatDateTimeJst, isoDateTimeJst } from '../../lib/dates';
import { historyActionLabel, PLAN_STATE_LABELS } from '../../lib/plans';
import { PLAN_MESSAGES } from './messages';
import { useOrganisationNames } from './useOrganisationNames';

const H = PLAN_MESSAGES.history;

const LABELS: Partial<Record<string, string>> = PLAN_STATE_LABELS;
const stateLabel = (state: string | null) => (state ? (LABELS[state] ?? state) : '—');

function requirementComments(details: HistoryOut['details']): { number: number; comment: string }[] {
  const raw = details?.requirement_comments;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (c): c is { number: number; comment: string } =>
      typeof c === 'object' && c !== null && typeof (c as { number?: unknown }).number === 'number',
  );
}

/** Every step of the plan, oldest first, as recorded (never edited). */
export function HistoryTimeline({ history }: { history: readonly HistoryOut[] }) {
  const organisationName = useOrganisationNames(history.map((entry) => entry.organisation));
  return (
    <section aria-labelledby="history-heading" className="mt-10">
      <h2 id="history-heading" className="text-std-24B-150">
        {H.title}
      </h2>
      {history.length === 0 ? (
        <p className="mt-2">{H.empty}</p>
      ) : (
        <ol className="mt-4 border-l-4 border-blue-200 pl-6" data-testid="history">
          {history.map((entry, i) => (
            <li key={i} className="relative mb-6">
              <p className="text-std-17B-170">
                {historyActionLabel(entry.action)}
                <span className="ml-2 text-std-16N-170 text-solid-gray-700">
                  {H.transition(stateLabel(entry.from_state), stateLabel(entry.to_state))}
                </span>
              </p>
              <p className="text-dns-16N-130 text-solid-gray-800">
                <time dateTime={isoDateTimeJst(entry.occurred_at)}>{formatDateTimeJst(entry.occurred_at)}</time>
                {H.separator}
                {organisationName(entry.organisation)} {entry.actor_name}
                {entry.recorded_outside ? H.recordedOutside : ''}
              </p>
              {entry.comment ? <p className="mt-1 whitespace-pre-wrap rounded-8 bg-solid-gray-50 p-2">{entry.comment}</p> : null}
              {requirementComments(entry.details).map((c) => (
                <p key={c.number} className="mt-1 text-dns-16N-130">
                  {H.requirementComment(c.number, c.comment)}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
