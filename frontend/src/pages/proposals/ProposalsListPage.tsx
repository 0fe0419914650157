import { type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PROPOSAL_PAGE_SIZE, listProposals, type ProposalFilters, type ProposalOut } from '../../api/proposals';
import { canAccess } from '../../app/access';
import { useCurrentUser } from '../../auth/session';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { SelectField } from '../../components/SelectField';
import { formatDateTimeJst } from '../../lib/dates';
import { STRATEGIC_FIELDS } from '../../lib/plans';
import { useLoad } from '../../lib/useLoad';
import { PROPOSALS } from './messages';
import { PROPOSAL_PATHS } from './paths';
import { PROPOSAL_AUTHORING, PROPOSAL_STATE_LABELS, filterStates } from './proposals';
import { ProposalStateBadge } from './ProposalStateBadge';

const L = PROPOSALS.list;
const FILTER_KEYS = ['state', 'field'] as const;
const ANY = { value: '', label: L.any };

function filtersFrom(params: URLSearchParams): ProposalFilters {
  const filters: ProposalFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

const fieldNames = (codes: readonly string[]) => codes.map((code) => STRATEGIC_FIELDS[code]).filter(Boolean).join('、');

function ProposalTable({ proposals }: { proposals: readonly ProposalOut[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-std-16N-170">
        <caption className="sr-only">{L.caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="p-2">{L.name}</th>
            <th scope="col" className="p-2">{L.prefecture}</th>
            <th scope="col" className="p-2">{L.fields}</th>
            <th scope="col" className="p-2">{L.state}</th>
            <th scope="col" className="p-2">{L.updatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => (
            <tr key={proposal.id} className="border-b border-solid-gray-420" data-testid={`proposal-row-${String(proposal.id)}`}>
              <td className="p-2">
                <Link to={PROPOSAL_PATHS.proposal(proposal.id)} className="text-blue-900">
                  {proposal.title}
                </Link>
              </td>
              <td className="p-2">{proposal.organisation_name}</td>
              <td className="p-2">{fieldNames(proposal.strategic_fields)}</td>
              <td className="p-2">
                <ProposalStateBadge state={proposal.state} label={proposal.state_label} />
              </td>
              <td className="p-2">{formatDateTimeJst(proposal.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 候補プロジェクト案件: a prefecture's own (drafts included), a bureau's the submitted ones of its
 * block, the national side every submitted one; filtered by state and strategic field.
 */
export function ProposalsListPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const [loaded] = useLoad(`proposals:${JSON.stringify([filters, offset])}`, (signal) => listProposals(filters, offset, signal));
  const mayCreate = canAccess(user, PROPOSAL_AUTHORING);
  const lead = user.tier === 'prefecture' ? L.leadPrefecture : user.tier === 'bureau' ? L.leadBureau : L.leadNational;

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

  return (
    <Page title={L.title} lead={<p>{lead}</p>}>
      {mayCreate ? (
        <p className="mb-6">
          <Link
            to={PROPOSAL_PATHS.create}
            className="inline-flex min-h-14 items-center rounded-8 border-4 border-double border-transparent bg-blue-900 px-4 py-3 text-oln-16B-100 text-white no-underline hover:bg-blue-1000 hover:underline"
          >
            {L.create}
          </Link>
        </p>
      ) : null}
      <form onSubmit={onFilter} aria-label={L.filterForm} className="mb-8 rounded-8 border border-solid-gray-420 p-4">
        <div className="grid gap-4 md:grid-cols-2">
          <SelectField
            id="filter-state"
            name="state"
            label={L.state}
            required={false}
            defaultValue={filters.state ?? ''}
            options={[ANY, ...filterStates(user).map((s) => ({ value: s, label: PROPOSAL_STATE_LABELS[s] ?? L.any }))]}
          />
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
      {loaded.status === 'loading' ? <p role="status">{PROPOSALS.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={L.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.items.length === 0 ? (
          <EmptyState title={L.empty}>
            <p>{mayCreate ? L.emptyPrefecture : L.emptyOther}</p>
          </EmptyState>
        ) : (
          <>
            <p role="status" className="mb-2 text-std-16N-170">
              {L.range(loaded.data.total, offset + 1, offset + loaded.data.items.length)}
            </p>
            <ProposalTable proposals={loaded.data.items} />
            <Pager offset={offset} pageSize={PROPOSAL_PAGE_SIZE} total={loaded.data.total} onGo={goTo} />
          </>
        )
      ) : null}
    </Page>
  );
}
