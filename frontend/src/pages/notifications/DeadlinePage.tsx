import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { getDeadline, type DeadlineOut } from '../../api/notify';
import { ApiError } from '../../api/problem';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { formatDateTimeJst, formatUntil } from '../../lib/dates';
import { formatYearMonthParam, monthOf } from './calendar';
import { NOTIFY_MESSAGES } from './messages';
import { NotificationsNav } from './NotificationsNav';

const M = NOTIFY_MESSAGES.deadline;
const C = NOTIFY_MESSAGES.calendar;

type Loaded =
  | { status: 'loading' }
  | { status: 'ready'; deadline: DeadlineOut }
  | { status: 'missing' }
  | { status: 'failed'; message: string };

/** The due line: 「2026年7月15日（水）まで」 for a 「…までに」 deadline, else its JST moment. */
export function dueText(deadline: DeadlineOut): string {
  return deadline.last_day ? formatUntil(deadline.last_day) : formatDateTimeJst(deadline.due_at);
}

/** 締切の詳細: the page a calendar event's URL and a reminder mail's link open. */
export function DeadlinePage() {
  const { deadlineId } = useParams();
  const id = Number(deadlineId);
  const wellFormed = Number.isInteger(id) && id >= 1;
  const [fetched, setLoaded] = useState<Loaded>({ status: 'loading' });
  const loaded: Loaded = wellFormed ? fetched : { status: 'missing' };

  useEffect(() => {
    if (!wellFormed) return;
    const controller = new AbortController();
    getDeadline(id, controller.signal).then(
      (deadline) => setLoaded({ status: 'ready', deadline }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ status: 'missing' });
        else setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [id, wellFormed]);

  const deadline = loaded.status === 'ready' ? loaded.deadline : null;
  const month = deadline ? monthOf(deadline.last_day ?? deadline.due_at) : null;
  const back = month ? `/notifications?month=${formatYearMonthParam(month)}` : '/notifications';

  return (
    <Page title={deadline?.title ?? M.title}>
      <NotificationsNav />
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <NoticeBanner tone="error" title={M.failed}>{loaded.message}</NoticeBanner> : null}
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
