import { Link } from 'react-router';
import { listPlans, type PlanSummary } from '../../api/plans';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { EmptyState } from '../../components/EmptyState';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { formatDateTimeJst, formatSeireki } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { MESSAGES } from '../../messages';
import { PLAN_STATE_LABELS, type PlanState } from '../../lib/plans';
import { getPrefectureQueue, getReviewQueue, type ReviewQueueItem } from '../review/api';
import { REVIEW_MESSAGES as M } from '../review/messages';
import { daysSince, sortByTarget } from '../review/review';
import { PLAN_MESSAGES as P } from './messages';
import { PlanTable } from './PlanTable';

/** Every plan in the given states (all pages of them: queues are short, a few hundred at most). */
async function plansIn(states: readonly PlanState[], signal: AbortSignal): Promise<PlanSummary[]> {
  const pages = await Promise.all(states.map((state) => listPlans({ state }, 0, signal, 500)));
  return pages.flatMap((p) => p.items);
}

function Failed({ error }: { error: Error }) {
  return <ApiErrorNotice title={P.queues.failed} error={error} />;
}

/** 市町村計画の取りまとめ: municipal plans waiting at this prefecture, what they came for and since when. */
export function PrefectureQueuePage() {
  const [loaded] = useLoad('prefecture-queue', (signal) => getPrefectureQueue(signal).then((page) => page.items));
  const now = new Date();
  return (
    <Page title={MESSAGES.nav.prefectureQueue} lead={<p>{M.prefectureLead}</p>}>
      {loaded.status === 'loading' ? <p role="status">{P.queues.loading}</p> : null}
      {loaded.status === 'failed' ? <Failed error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.length === 0 ? (
          <EmptyState title={M.prefectureEmpty}>
            <p>{M.prefectureEmptyHint}</p>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170" data-testid="prefecture-queue">
              <caption className="sr-only">{M.prefectureCaption}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className="p-2">{M.colPlan}</th>
                  <th scope="col" className="p-2">{M.colPending}</th>
                  <th scope="col" className="p-2">{M.colWaiting}</th>
                  <th scope="col" className="p-2">{M.colAsked}</th>
                  <th scope="col" className="p-2">{M.colForwarded}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.data.map((plan) => (
                  <tr key={plan.id} className="border-b border-solid-gray-420 align-top">
                    <td className="p-2">
                      <Link to={`/plans/${plan.id}`} className="text-blue-900 underline">
                        {plan.title}
                      </Link>
                    </td>
                    <td className="p-2">{plan.pending_step === 'submission' ? M.pendingSubmission : M.pendingPrecheck}</td>
                    <td className="p-2">
                      {plan.waiting_since ? `${formatDateTimeJst(plan.waiting_since)}${M.waitingDays(daysSince(plan.waiting_since, now))}` : '—'}
                    </td>
                    <td className="p-2">{plan.asked_at ? formatDateTimeJst(plan.asked_at) : '—'}</td>
                    <td className="p-2">{plan.first_precheck_requested_at ? formatDateTimeJst(plan.first_precheck_requested_at) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </Page>
  );
}

/** The national queue with each request's review clock, in the order of its round's target date. */
export function ReviewClockTable({ items }: { items: readonly ReviewQueueItem[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-std-16N-170" data-testid="review-queue">
        <caption className="sr-only">{M.queueCaption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="p-2">{M.colPlan}</th>
            <th scope="col" className="p-2">{M.colState}</th>
            <th scope="col" className="p-2">{M.colRound}</th>
            <th scope="col" className="p-2">{M.colDays}</th>
            <th scope="col" className="p-2">{M.colTarget}</th>
            <th scope="col" className="p-2">{M.colChanged}</th>
          </tr>
        </thead>
        <tbody>
          {sortByTarget(items).map((item) => (
            <tr key={item.id} className="border-b border-solid-gray-420 align-top" data-testid={`review-row-${item.id}`}>
              <td className="p-2">
                <Link to={`/plans/${item.id}`} className="text-blue-900 underline">
                  {item.title}
                </Link>
                {item.leading_example ? <span className="ml-2 text-dns-14B-120 text-success-2">{P.facts.leadingExample}</span> : null}
              </td>
              <td className="p-2">{PLAN_STATE_LABELS[item.state]}</td>
              <td className="p-2">{item.round_name ?? M.noRound}</td>
              <td className="p-2">{M.days(item.review_clock.days_in_review)}</td>
              <td className="p-2">
                {item.review_clock.target_date ? formatSeireki(`${item.review_clock.target_date}T00:00:00+09:00`) : M.noTarget}
                {item.review_clock.overdue ? (
                  <strong className="ml-2 rounded-4 border-2 border-error-1 px-1 text-error-1" data-testid="overdue">
                    {M.overdue}
                  </strong>
                ) : null}
              </td>
              <td className="p-2">{item.changed_since_review ? M.changed : M.unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const PUBLISH_STATES: readonly PlanState[] = ['submitted'];

/** 事前確認の審査: the national queue with its review clock, and plans waiting for publication. */
export function ReviewQueuePage() {
  const user = useCurrentUser();
  const [review] = useLoad('review-queue', (signal) => getReviewQueue(signal).then((page) => page.items));
  const [publish] = useLoad(PUBLISH_STATES.join(','), (signal) => plansIn(PUBLISH_STATES, signal));
  return (
    <Page title={MESSAGES.nav.reviewQueue} lead={<p>{M.queueLead}</p>}>
      {review.status === 'loading' ? <p role="status">{P.queues.loading}</p> : null}
      {review.status === 'failed' ? <Failed error={review.error} /> : null}
      {review.status === 'ready' ? (
        review.data.length === 0 ? <p>{M.queueEmpty}</p> : <ReviewClockTable items={review.data} />
      ) : null}
      {hasRole(user, 'publisher') && publish.status === 'ready' ? (
        <section aria-labelledby="round-publish" className="mt-8">
          <h2 id="round-publish" className="text-std-24B-150">
            {M.publishTitle}
          </h2>
          <div className="mt-2">
            {publish.data.length === 0 ? <p>{P.queues.publishEmpty}</p> : <PlanTable plans={publish.data} caption={M.publishTitle} />}
          </div>
        </section>
      ) : null}
    </Page>
  );
}

