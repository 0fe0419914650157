import { formatWareki, isoDateTimeJst, jstDay } from '../lib/dates';
import { deadlineStatus, formatDeadline, orderDeadlines, type Deadline, type DeadlineStatus } from '../lib/deadlines';
import { MESSAGES } from '../messages';

function statusText(status: DeadlineStatus): string {
  switch (status.kind) {
    case 'today':
      return MESSAGES.deadlineStatus.today;
    case 'upcoming':
      return MESSAGES.deadlineStatus.upcoming(status.daysLeft);
    case 'closed':
      return MESSAGES.deadlineStatus.closed;
  }
}

const STATUS_CLASS: Record<DeadlineStatus['kind'], string> = {
  today: 'bg-error-1 text-white',
  upcoming: 'bg-blue-900 text-white',
  closed: 'bg-solid-gray-536 text-white',
};

/**
 * Deadlines with the days left counted in JST calendar days, soonest open one first; a 「…までに」
 * deadline is shown as its last day (「7月15日（水）まで」), never as 23:59.
 */
export function DeadlineList({ deadlines, now }: { deadlines: readonly Deadline[]; now: Date }) {
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {orderDeadlines(deadlines, now).map((deadline) => {
        const status = deadlineStatus(deadline, now);
        return (
          <li key={deadline.code} className="rounded-8 border border-solid-gray-420 bg-white p-6" data-testid={`deadline-${deadline.code}`}>
            <div className="flex items-start justify-between gap-4">
              <h3 className="text-std-20B-150">{deadline.name}</h3>
              <p className={`shrink-0 rounded-6 px-3 py-1 text-oln-16B-100 ${STATUS_CLASS[status.kind]}`}>
                {statusText(status)}
              </p>
            </div>
            <p className="mt-2 text-std-17B-170">
              <time dateTime={deadline.lastDay ?? isoDateTimeJst(deadline.closesAt)}>
                {formatWareki(deadline.lastDay ? jstDay(deadline.lastDay) : deadline.closesAt)}
              </time>
            </p>
            <p className="text-dns-16N-130 text-solid-gray-700">{formatDeadline(deadline)}</p>
            <p className="mt-3 text-std-16N-170">{deadline.description}</p>
          </li>
        );
      })}
    </ul>
  );
}
