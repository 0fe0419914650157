import { Link, useParams } from 'react-router';
import { getDeadline, type DeadlineOut } from '../../api/notify';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { formatDateTimeJst, formatUntil } from '../../lib/dates';
import { isNotFound, useLoad } from '../../lib/useLoad';
import { formatYearMonthParam, monthOf } from './calendar';
import { NOTIFY_MESSAGES } from './messages';
import { NotificationsNav } from './NotificationsNav';

const M = NOTIFY_MESSAGES.deadline;
const C = NOTIFY_MESSAGES.calendar;

/** The due line: 「2026年7月15日（水）まで」 for a 「…までに」 deadline, else its JST moment. */
export function dueText(deadline: DeadlineOut): string {
  return deadline.last_day ? formatUntil(deadline.last_day) : formatDateTimeJst(deadline.due_at);
}

/** 締切の詳細: the page a calendar event's URL and a reminder mail's link open. */
export function DeadlinePage() {
  const { deadlineId } = useParams();
  const id = Number(deadlineId);
  const wellFormed = Number.isInteger(id) && id >= 1;
  const [fetched] = useLoad(wellFormed ? String(id) : null, (signal) => getDeadline(id, signal));
  const missing = !wellFormed || isNotFound(fetched);
  const loaded = missing ? ({ status: 'missing' } as const) : fetched;

  const deadline = loaded.status === 'ready' ? loaded.data : null;
  const month = deadline ? monthOf(deadline.last_day ?? deadline.due_at) : null;
  const back = month ? `/notifications?month=${formatYearMonthParam(month)}` : '/notifications';

  return (
    <Page title={deadline?.title ?? M.title}>
      <NotificationsNav />
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'missing' ? (
        <EmptyState title={M.notFound}>
          <p>{M.notFoundDetail}</p>
        </EmptyState>
      ) : null}
      {deadline ? (
        <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-8 gap-y-4 text-std-16N-170" data-testid="deadline-detail">
          <dt className="text-std-16B-170">{M.due}</dt>
          <dd>
            <time dateTime={deadline.last_day ?? deadline.due_at} className="text-std-17B-170">
              {dueText(deadline)}
            </time>
            {M.jst}
          </dd>
          <dt className="text-std-16B-170">{M.daysLeft}</dt>
          <dd>{deadline.days_left < 0 ? M.passed : C.daysLeft(deadline.days_left)}</dd>
          <dt className="text-std-16B-170">{M.kind}</dt>
          <dd>
            {C.kinds[deadline.kind] ?? C.kinds.ad_hoc}
            {deadline.mandatory ? <span className="ml-2 rounded-4 border border-error-1 px-2 text-error-1">{C.mandatory}</span> : null}
          </dd>
          {deadline.description ? (
            <>
              <dt className="text-std-16B-170">{M.description}</dt>
              <dd>{deadline.description}</dd>
            </>
          ) : null}
          <dt className="text-std-16B-170">{M.organisations}</dt>
          <dd>{deadline.organisations.length > 0 ? deadline.organisations.join('、') : M.everyone}</dd>
        </dl>
      ) : null}
      <p className="mt-8">
        <Link to={back} className="text-std-16B-170 text-blue-900 underline">
          {M.back}
        </Link>
      </p>
    </Page>
  );
}
