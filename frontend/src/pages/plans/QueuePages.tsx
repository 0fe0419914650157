import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { listPlans, listPublishedPlans, type PlanSummary, type PublishedPlanPage, type RoundOut } from '../../api/plans';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { formatDateTimeJst } from '../../lib/dates';
import { MESSAGES } from '../../messages';
import type { PlanState } from '../../lib/plans';
import { PlanTable } from './PlanTable';
import { useRounds } from './PlansListPage';

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

const PREFECTURE_QUEUE: readonly PlanState[] = ['prefecture_review'];

/** 市町村計画の取りまとめ: municipal plans waiting at this prefecture (pre-check or submission). */
export function PrefectureQueuePage() {
  const user = useCurrentUser();
  const loaded = usePlansIn(PREFECTURE_QUEUE);
  return (
    <Page title={MESSAGES.nav.prefectureQueue} lead={<p>県内の市町村から届いた計画です。内容を確認して国へ送付するか、コメントを付けて差し戻します。</p>}>
      {loaded.status === 'loading' ? <p role="status">読み込んでいます…</p> : null}
      {loaded.status === 'failed' ? <Failed message={loaded.message} /> : null}
      {loaded.status === 'ready' ? (
        (() => {
          const queue = loaded.value.filter((p) => p.lead_organisation !== user.organisation);
          return queue.length === 0 ? (
            <EmptyState title="取りまとめを待つ市町村の計画はありません。">
              <p>市町村が事前確認の依頼や提出を行うと、ここに表示されます。</p>
            </EmptyState>
          ) : (
            <PlanTable plans={queue} caption="取りまとめを待つ市町村の計画" />
          );
        })()
      ) : null}
    </Page>
  );
}

function RoundGroup({ id, title, plans }: { id: string; title: string; plans: PlanSummary[] }) {
  const leading = plans.filter((p) => p.leading_example).length;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-std-24B-150">
        {title}
      </h2>
      <p className="mt-1 text-std-16N-170">
        {plans.length}件（うち先行事例候補 {leading}件）
      </p>
      <div className="mt-2">
        {plans.length === 0 ? <p>該当する計画はありません。</p> : <PlanTable plans={plans} caption={title} />}
      </div>
    </section>
  );
}

function byRound(plans: PlanSummary[], rounds: RoundOut[]) {
  const groups = rounds
    .filter((r) => r.kind === 'batch')
    .map((round) => ({ key: round.code, title: `${round.name}（依頼期限 ${formatDateTimeJst(round.cutoff_at)}）`, plans: plans.filter((p) => p.round_code === round.code) }));
  const known = new Set(groups.map((g) => g.key));
  const rest = plans.filter((p) => !p.round_code || !known.has(p.round_code));
  if (rest.length > 0) groups.push({ key: 'none', title: '回の指定なし', plans: rest });
  return groups;
}

const REVIEW_STATES: readonly PlanState[] = ['precheck_requested', 'in_review'];
const PUBLISH_STATES: readonly PlanState[] = ['submitted'];

/** 事前確認の審査: the national queue by round (先行事例候補 flagged), and plans waiting for publication. */
export function ReviewQueuePage() {
  const user = useCurrentUser();
  const rounds = useRounds();
  const review = usePlansIn(REVIEW_STATES);
  const publish = usePlansIn(PUBLISH_STATES);
  return (
    <Page title={MESSAGES.nav.reviewQueue} lead={<p>事前確認の依頼が届いた計画を回ごとに表示します。計画を開いて、差戻し・完了・公表を行います。</p>}>
      {review.status === 'loading' ? <p role="status">読み込んでいます…</p> : null}
      {review.status === 'failed' ? <Failed message={review.message} /> : null}
      {review.status === 'ready'
        ? byRound(review.value, rounds).map((group) => (
            <RoundGroup key={group.key} id={`round-${group.key}`} title={`事前確認待ち：${group.title}`} plans={group.plans} />
          ))
        : null}
      {hasRole(user, 'publisher') && publish.status === 'ready' ? (
        <RoundGroup id="round-publish" title="公表待ち（正式提出済み）" plans={publish.value} />
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
