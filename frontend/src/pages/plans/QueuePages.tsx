import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { listPlans, listPublishedPlans, type PlanSummary, type PublishedPlanPage } from '../../api/plans';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { formatDateTimeJst, formatSeireki } from '../../lib/dates';
import { MESSAGES } from '../../messages';
import { PLAN_STATE_LABELS, type PlanState } from '../../lib/plans';
import { getPrefectureQueue, getReviewQueue, type ReviewQueueItem } from '../review/api';
import { REVIEW_MESSAGES as M } from '../review/messages';
import { daysSince, sortByTarget } from '../review/review';
import { PlanTable } from './PlanTable';

type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

/** Every plan in the given states (all pages of them: queues are short, a few hundred at most). */
function usePlansIn(states: readonly PlanState[]): Loaded<PlanSummary[]> {
  const [loaded, setLoaded] = useState<Loaded<PlanSummary[]>>({ status: 'loading' });
  const key = states.join(',');
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(key.split(',').map((state) => listPlans({ state }, 0, controller.signal, 500))).then(
      (pages) => setLoaded({ status: 'ready', value: pages.flatMap((p) => p.items) }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [key]);
  return loaded;
}

function Failed({ message }: { message: string }) {
  return <NoticeBanner tone="error" title="一覧を取得できませんでした">{message}</NoticeBanner>;
}

/** Loads one queue once (the queues are short: a few hundred plans at most). */
function useQueue<T>(load: (signal: AbortSignal) => Promise<{ items: T[] }>): Loaded<T[]> {
  const [loaded, setLoaded] = useState<Loaded<T[]>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (page) => setLoaded({ status: 'ready', value: page.items }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [load]);
  return loaded;
}

/** 市町村計画の取りまとめ: municipal plans waiting at this prefecture, what they came for and since when. */
export function PrefectureQueuePage() {
  const loaded = useQueue(getPrefectureQueue);
  const now = new Date();
  return (
    <Page title={MESSAGES.nav.prefectureQueue} lead={<p>{M.prefectureLead}</p>}>
      {loaded.status === 'loading' ? <p role="status">読み込んでいます…</p> : null}
      {loaded.status === 'failed' ? <Failed message={loaded.message} /> : null}
      {loaded.status === 'ready' ? (
        loaded.value.length === 0 ? (
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
                {loaded.value.map((plan) => (
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
                {item.leading_example ? <span className="ml-2 text-dns-14B-120 text-success-2">先行事例候補</span> : null}
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
  const review = useQueue(getReviewQueue);
  const publish = usePlansIn(PUBLISH_STATES);
  return (
    <Page title={MESSAGES.nav.reviewQueue} lead={<p>{M.queueLead}</p>}>
      {review.status === 'loading' ? <p role="status">読み込んでいます…</p> : null}
      {review.status === 'failed' ? <Failed message={review.message} /> : null}
      {review.status === 'ready' ? (
        review.value.length === 0 ? <p>{M.queueEmpty}</p> : <ReviewClockTable items={review.value} />
      ) : null}
      {hasRole(user, 'publisher') && publish.status === 'ready' ? (
        <section aria-labelledby="round-publish" className="mt-8">
          <h2 id="round-publish" className="text-std-24B-150">
            {M.publishTitle}
          </h2>
          <div className="mt-2">
            {publish.value.length === 0 ? <p>該当する計画はありません。</p> : <PlanTable plans={publish.value} caption={M.publishTitle} />}
          </div>
        </section>
      ) : null}
    </Page>
  );
}

/** オープンデータ: the published plans, for anyone, no login. */
export function OpenDataPage() {
  const [loaded, setLoaded] = useState<Loaded<PublishedPlanPage>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    listPublishedPlans(controller.signal).then(
      (value) => setLoaded({ status: 'ready', value }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setLoaded({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, []);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 md:px-8">
      <Page title="公表された計画（オープンデータ）" lead={<p>内閣官房HPで公表された計画の一覧です。CSVでも取得できます。</p>}>
        <p className="mb-4 flex gap-6">
          <a href="/public/v1/plans.csv" download className="text-blue-900">
            CSVで取得する
          </a>
          <Link to="/login" className="text-blue-900">
            ログイン
          </Link>
        </p>
        {loaded.status === 'loading' ? <p role="status">読み込んでいます…</p> : null}
        {loaded.status === 'failed' ? <Failed message={loaded.message} /> : null}
        {loaded.status === 'ready' ? (
          loaded.value.items.length === 0 ? (
            <EmptyState title="公表された計画はまだありません。">
              <p>計画が公表されると、ここに表示されます。</p>
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-std-16N-170" data-testid="open-data">
                <caption className="sr-only">公表された計画</caption>
                <thead>
                  <tr className="border-b-2 border-solid-gray-600">
                    <th scope="col" className="p-2">計画の名称</th>
                    <th scope="col" className="p-2">種類</th>
                    <th scope="col" className="p-2">都道府県</th>
                    <th scope="col" className="p-2">版</th>
                    <th scope="col" className="p-2">公表日時</th>
                  </tr>
                </thead>
                <tbody>
                  {loaded.value.items.map((plan) => (
                    <tr key={`${plan.plan_id}-${plan.version}`} className="border-b border-solid-gray-420">
                      <td className="p-2">{plan.title}</td>
                      <td className="p-2">{plan.plan_type}</td>
                      <td className="p-2">{plan.prefecture_name}</td>
                      <td className="p-2">{plan.version}</td>
                      <td className="p-2">{formatDateTimeJst(plan.published_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : null}
      </Page>
    </main>
  );
}
