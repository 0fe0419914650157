import { useEffect, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PAGE_SIZE, listPlans, listRounds, type PlanFilters, type PlanPage, type RoundOut } from '../../api/plans';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { PlanTable } from './PlanTable';
import { PLAN_STATES, PLAN_STATE_LABELS, PLAN_TYPE_LABELS, PREFECTURES, STRATEGIC_FIELDS } from '../../lib/plans';

const FILTER_KEYS = ['type', 'state', 'round', 'prefecture', 'field'] as const;

function filtersFrom(params: URLSearchParams): PlanFilters {
  const filters: PlanFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

const ANY = { value: '', label: 'すべて' };

/** The rounds as plans-api keeps them (none while it cannot be reached: the SPA holds no copy of their dates). */
export function useRounds(): RoundOut[] {
  const [rounds, setRounds] = useState<RoundOut[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    // Without the rounds the filter offers 「すべて」 only; the list itself still loads.
    listRounds(controller.signal).then(setRounds, () => undefined);
    return () => controller.abort();
  }, []);
  return rounds;
}

type Loaded = { key: string } & ({ status: 'loading' } | { status: 'ready'; page: PlanPage } | { status: 'failed'; message: string });

/** 計画一覧: every plan the user may see, filtered by type, state, round, prefecture and field. */
export function PlansListPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const rounds = useRounds();
  const key = JSON.stringify([filters, offset]);
  const [result, setLoaded] = useState<Loaded>({ key: '', status: 'loading' });
  // A result for other filters than the ones asked now is still loading.
  const loaded: Loaded = result.key === key ? result : { key, status: 'loading' };

  useEffect(() => {
    const controller = new AbortController();
    const [current, at] = JSON.parse(key) as [PlanFilters, number];
    listPlans(current, at, controller.signal).then(
      (page) => setLoaded({ key, status: 'ready', page }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setLoaded({ key, status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [key]);

  const onFilter = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTER_KEYS) {
      const value = form.get(name);
      if (typeof value === 'string' && value) next.set(name, value);
    }
    setParams(next);
  };

  const goTo = (nextOffset: number) => {
    const next = new URLSearchParams(params);
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    else next.delete('offset');
    setParams(next);
  };

  const mayCreate = user.tier !== 'national' && hasRole(user, 'editor');

  return (
    <Page title="計画一覧" lead={<p>閲覧できる計画の一覧です。種類・状態・回・都道府県・分野で絞り込めます。</p>}>
      {mayCreate ? (
        <p className="mb-6">
          <Link to="/plans/new" className="text-std-16B-170 text-blue-900">
            新しい計画を作成する
          </Link>
        </p>
      ) : null}
      <form onSubmit={onFilter} aria-label="計画の絞り込み" className="mb-8 rounded-8 border border-solid-gray-420 p-4">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            id="filter-type"
            name="type"
            label="種類"
            required={false}
            defaultValue={filters.type ?? ''}
            options={[ANY, ...(['B', 'C'] as const).map((t) => ({ value: t, label: PLAN_TYPE_LABELS[t] }))]}
          />
          <SelectField
            id="filter-state"
            name="state"
            label="状態"
            required={false}
            defaultValue={filters.state ?? ''}
            options={[ANY, ...PLAN_STATES.map((s) => ({ value: s, label: PLAN_STATE_LABELS[s] }))]}
          />
          <SelectField
            id="filter-round"
            name="round"
            label="回"
            required={false}
            defaultValue={filters.round ?? ''}
            key={`round-${rounds.length}`}
            options={[ANY, ...rounds.filter((r) => r.kind === 'batch').map((r) => ({ value: r.code, label: r.name }))]}
          />
          {user.tier === 'national' ? (
            <SelectField
              id="filter-prefecture"
              name="prefecture"
              label="都道府県"
              required={false}
              defaultValue={filters.prefecture ?? ''}
              options={[ANY, ...PREFECTURES.map((name, i) => ({ value: String(i + 1).padStart(2, '0'), label: name }))]}
            />
          ) : null}
          <SelectField
            id="filter-field"
            name="field"
            label="戦略分野"
            required={false}
            defaultValue={filters.field ?? ''}
            options={[ANY, ...Object.entries(STRATEGIC_FIELDS).map(([value, label]) => ({ value, label }))]}
          />
        </div>
        <div className="mt-4">
          <Button type="submit" size="sm">
            絞り込む
          </Button>
        </div>
      </form>
      {loaded.status === 'loading' ? <p role="status">計画を読み込んでいます…</p> : null}
      {loaded.status === 'failed' ? <NoticeBanner tone="error" title="計画の一覧を取得できませんでした">{loaded.message}</NoticeBanner> : null}
      {loaded.status === 'ready' ? (
        loaded.page.items.length === 0 ? (
          <EmptyState title="条件に合う計画はありません。">
            <p>絞り込みの条件を変えてください。</p>
          </EmptyState>
        ) : (
          <>
            <p role="status" className="mb-2 text-std-16N-170">
              {loaded.page.total}件中 {offset + 1}〜{offset + loaded.page.items.length}件を表示
            </p>
            <PlanTable plans={loaded.page.items} caption="計画の一覧" rounds={rounds} />
            <Pager offset={offset} pageSize={PAGE_SIZE} total={loaded.page.total} onGo={goTo} />
          </>
        )
      ) : null}
    </Page>
  );
}
