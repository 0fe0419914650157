import { type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PAGE_SIZE, listPlans, listRounds, type PlanFilters, type RoundOut } from '../../api/plans';
import { useCurrentUser } from '../../auth/session';
import { PLAN_AUTHORING, canAccess } from '../../app/access';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { EmptyState } from '../../components/EmptyState';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { PLAN_MESSAGES } from './messages';
import { PlanTable } from './PlanTable';
import { useLoad } from '../../lib/useLoad';
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

const L = PLAN_MESSAGES.list;

const ANY = { value: '', label: L.any };

const NO_ROUNDS: RoundOut[] = [];

/** The rounds as plans-api keeps them (none while it cannot be reached: the SPA holds no copy of their dates). */
export function useRounds(): RoundOut[] {
  // Without the rounds the filter offers 「すべて」 only; the list itself still loads.
  const [loaded] = useLoad('rounds', (signal) => listRounds(signal));
  return loaded.status === 'ready' ? loaded.data : NO_ROUNDS;
}

/** 計画一覧: every plan the user may see, filtered by type, state, round, prefecture and field. */
export function PlansListPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const rounds = useRounds();
  const [loaded] = useLoad(JSON.stringify([filters, offset]), (signal) => listPlans(filters, offset, signal));

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

  // the same rule as the creation screen's route: local-government editors
  const mayCreate = canAccess(user, PLAN_AUTHORING.access);

  return (
    <Page title={L.title} lead={<p>{L.lead}</p>}>
      <p className="mb-6 flex flex-wrap gap-6">
        {mayCreate ? (
          <Link to="/plans/new" className="text-std-16B-170 text-blue-900">
            {L.create}
          </Link>
        ) : null}
        <Link to="/search" className="text-std-16B-170 text-blue-900">
          {PLAN_MESSAGES.search.link}
        </Link>
      </p>
      <form onSubmit={onFilter} aria-label={L.filterForm} className="mb-8 rounded-8 border border-solid-gray-420 p-4">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            id="filter-type"
            name="type"
            label={L.type}
            required={false}
            defaultValue={filters.type ?? ''}
            options={[ANY, ...(['B', 'C'] as const).map((t) => ({ value: t, label: PLAN_TYPE_LABELS[t] }))]}
          />
          <SelectField
            id="filter-state"
            name="state"
            label={L.state}
            required={false}
            defaultValue={filters.state ?? ''}
            options={[ANY, ...PLAN_STATES.map((s) => ({ value: s, label: PLAN_STATE_LABELS[s] }))]}
          />
          <SelectField
            id="filter-round"
            name="round"
            label={L.round}
            required={false}
            defaultValue={filters.round ?? ''}
            key={`round-${rounds.length}`}
            options={[ANY, ...rounds.filter((r) => r.kind === 'batch').map((r) => ({ value: r.code, label: r.name }))]}
          />
          {user.tier === 'national' ? (
            <SelectField
              id="filter-prefecture"
              name="prefecture"
              label={L.prefecture}
              required={false}
              defaultValue={filters.prefecture ?? ''}
              options={[ANY, ...PREFECTURES.map((name, i) => ({ value: String(i + 1).padStart(2, '0'), label: name }))]}
            />
          ) : null}
          <SelectField
            id="filter-field"
            name="field"
            label={L.field}
            required={false}
            defaultValue={filters.field ?? ''}
            options={[ANY, ...Object.entries(STRATEGIC_FIELDS).map(([value, label]) => ({ value, label }))]}
          />
        </div>
        <div className="mt-4">
          <Button type="submit" size="sm">
            {L.filter}
          </Button>
        </div>
      </form>
      {loaded.status === 'loading' ? <p role="status">{PLAN_MESSAGES.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={L.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.items.length === 0 ? (
          <EmptyState title={L.empty}>
            <p>{L.emptyHint}</p>
          </EmptyState>
        ) : (
          <>
            <p role="status" className="mb-2 text-std-16N-170">
              {L.range(loaded.data.total, offset + 1, offset + loaded.data.items.length)}
            </p>
            <PlanTable plans={loaded.data.items} caption={L.caption} rounds={rounds} />
            <Pager offset={offset} pageSize={PAGE_SIZE} total={loaded.data.total} onGo={goTo} />
          </>
        )
      ) : null}
    </Page>
  );
}
