import { Link, useSearchParams } from 'react-router';
import { hrefOf } from '../../api/client';
import { OPEN_DATA_PAGE_SIZE, listPublishedPlans, loadPublicRounds, type PublishedFilters } from '../../api/plans';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { SelectField } from '../../components/SelectField';
import { formatDateTimeJst } from '../../lib/dates';
import { PLAN_TYPE_LABELS, STRATEGIC_FIELDS, type PlanType } from '../../lib/plans';
import { useLoad } from '../../lib/useLoad';
import { IndustryFilter } from './IndustryFilter';
import { PrefectureSelect } from './PrefectureSelect';
import { TYPES, filtersOf, isFiltered } from './filters';
import { OPEN_DATA_MESSAGES as M } from './messages';

/**
 * 公表された計画: the open data, filtered by type, prefecture, strategic field, industry and round
 * (all kept in the address), each plan a link to its public page.
 */
export function OpenDataPage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const offset = Math.max(0, Number(search.get('offset') ?? 0) || 0);
  const key = `${Object.values(filters).join('|')}|${offset}`;
  const [loaded] = useLoad(key, (signal) => listPublishedPlans(filters, offset, signal));
  const [rounds] = useLoad('public-rounds', () => loadPublicRounds());
  const roundOptions = rounds.status === 'ready' ? rounds.data.filter((r) => r.filterable) : [];
  const filtered = isFiltered(filters);
  const query = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));

  const choose = (name: keyof PublishedFilters, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('offset');
    setSearch(next);
  };
  const go = (to: number) => {
    const next = new URLSearchParams(search);
    if (to > 0) next.set('offset', String(to));
    else next.delete('offset');
    setSearch(next);
  };

  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 md:px-8">
      <Page title={M.title} lead={<p>{M.lead}</p>}>
        <p className="mb-4 flex flex-wrap gap-6">
          <a href={hrefOf('/public/v1/plans.csv', { query })} download className="text-blue-900">
            {M.csv}
          </a>
          <a href="/public/v1/catalog.json" className="text-blue-900">
            {M.catalogue}
          </a>
          <Link to="/login" className="text-blue-900">
            {M.login}
          </Link>
        </p>
        <p className="mb-6 text-std-16N-170 text-solid-gray-800">{M.licence}</p>
        <fieldset className="mb-6 grid gap-4 md:grid-cols-2 lg:grid-cols-4">
          <legend className="mb-2 text-std-17B-170">{M.filters}</legend>
          <SelectField
            id="open-data-type"
            label={M.type}
            required={false}
            value={filters.type}
            onChange={(event) => choose('type', event.target.value)}
            options={[{ value: '', label: M.all }, ...TYPES.map((t) => ({ value: t, label: PLAN_TYPE_LABELS[t] }))]}
          />
          <PrefectureSelect id="open-data-prefecture" value={filters.prefecture} onChange={(code) => choose('prefecture', code)} />
          <SelectField
            id="open-data-field"
            label={M.field}
            required={false}
            value={filters.field}
            onChange={(event) => choose('field', event.target.value)}
            options={[{ value: '', label: M.all }, ...Object.entries(STRATEGIC_FIELDS).map(([value, label]) => ({ value, label }))]}
          />
          <SelectField
            id="open-data-round"
            label={M.round}
            required={false}
            value={filters.round}
            onChange={(event) => choose('round', event.target.value)}
            options={[
              { value: '', label: M.all },
              ...roundOptions.map((r) => ({ value: r.code, label: r.name })),
              // a round in the address that the list does not (yet) hold stays selectable
              ...(filters.round && !roundOptions.some((r) => r.code === filters.round) ? [{ value: filters.round, label: filters.round }] : []),
            ]}
          />
          <IndustryFilter value={filters.industry} onChange={(code) => choose('industry', code)} />
        </fieldset>
        {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
        {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
        {loaded.status === 'ready' ? (
          loaded.data.items.length === 0 ? (
            <EmptyState title={filtered ? M.noMatch : M.empty}>
              <p>{filtered ? M.noMatchHint : M.emptyHint}</p>
            </EmptyState>
          ) : (
            <>
              <p role="status" className="mb-2 text-std-16N-170">
                {M.count(loaded.data.total)}
              </p>
              <div className="overflow-x-auto">
                <table className="w-full border-collapse text-left text-std-16N-170" data-testid="open-data">
                  <caption className="sr-only">{M.caption}</caption>
                  <thead>
                    <tr className="border-b-2 border-solid-gray-600">
                      <th scope="col" className="p-2">{M.colTitle}</th>
                      <th scope="col" className="p-2">{M.colType}</th>
                      <th scope="col" className="p-2">{M.colAuthor}</th>
                      <th scope="col" className="p-2">{M.colPrefecture}</th>
                      <th scope="col" className="p-2">{M.colVersion}</th>
                      <th scope="col" className="p-2">{M.colPublishedAt}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {loaded.data.items.map((plan) => (
                      <tr key={`${plan.plan_id}-${plan.version}`} className="border-b border-solid-gray-420">
                        <td className="p-2">
                          <Link to={`/open-data/plans/${plan.plan_id}`} className="text-blue-900 underline">
                            {plan.title}
                          </Link>
                        </td>
                        <td className="p-2">{PLAN_TYPE_LABELS[plan.plan_type as PlanType]}</td>
                        <td className="p-2">{plan.lead_organisation_name}</td>
                        <td className="p-2">{plan.prefecture_name}</td>
                        <td className="p-2">{M.version(plan.version)}</td>
                        <td className="p-2">{formatDateTimeJst(plan.published_at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager offset={offset} pageSize={OPEN_DATA_PAGE_SIZE} total={loaded.data.total} onGo={go} />
            </>
          )
        ) : null}
      </Page>
    </main>
  );
}
