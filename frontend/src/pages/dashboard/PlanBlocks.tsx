import { Link } from 'react-router';
import { getValidation, listPlans, type PlanSummary } from '../../api/plans';
import type { SessionUser } from '../../auth/types';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { EmptyState } from '../../components/EmptyState';
import { StateBadge } from '../../components/StateBadge';
import { SECTIONS } from '../../app/access';
import { formatDateTimeJst } from '../../lib/dates';
import { useLoad, type Loaded } from '../../lib/useLoad';
import { PLAN_TYPE_LABELS } from '../../lib/plans';
import { useOrganisationNames } from '../plans/useOrganisationNames';
import { DASHBOARD_MESSAGES as M } from './messages';
import { ownPlans, ownWaiting, waitingQueries } from './waiting';

/** How many plans the dashboard reads at once (plans-api answers at most 500 per page). */
const LIMIT = 200;
/** Drafts checked against the validation rules for "waiting for me", newest first. */
const DRAFTS_CHECKED = 10;

export interface WaitingItem {
  plan: PlanSummary;
  reason: string;
}

export type { Loaded };

function reasonOf(plan: PlanSummary): string {
  return (M.reason as Record<string, string>)[plan.state] ?? '';
}

async function loadBlocks(user: SessionUser, signal: AbortSignal): Promise<{ mine: PlanSummary[]; waiting: WaitingItem[] }> {
  const mine = user.tier === 'national' ? [] : ownPlans(user, (await listPlans({}, 0, signal, LIMIT)).items);
  const queried = await Promise.all(
    waitingQueries(user).map(async (query) => {
      const page = await listPlans({ state: query.state }, 0, signal, LIMIT);
      return page.items.filter((p) => !query.othersOnly || p.lead_organisation !== user.organisation);
    }),
  );
  const own = ownWaiting(user, mine);
  const drafts = await Promise.all(
    own.draftsToValidate.slice(0, DRAFTS_CHECKED).map(async (plan) => ((await getValidation(plan.id)).valid ? plan : null)),
  );
  const waiting = [...queried.flat(), ...own.ready, ...drafts.filter((p): p is PlanSummary => p !== null)];
  return { mine, waiting: waiting.map((plan) => ({ plan, reason: reasonOf(plan) })) };
}

/** The plans of the user's organisation and the plans waiting for the user, read once. */
export function usePlanBlocks(user: SessionUser): Loaded<{ mine: PlanSummary[]; waiting: WaitingItem[] }> {
  const [loaded] = useLoad(JSON.stringify(user), (signal) => loadBlocks(user, signal));
  return loaded;
}

function Pending({ loaded }: { loaded: Loaded<unknown> }) {
  if (loaded.status === 'loading') return <p role="status">{M.loading}</p>;
  // A block that could not load is no alert: the rest of the dashboard still works.
  if (loaded.status === 'failed')
    return (
      <ApiErrorNotice tone="warning" title={M.failed} error={loaded.error} />
    );
  return null;
}

const TH = 'border border-solid-gray-420 bg-solid-gray-50 p-2 text-left text-std-16B-170';
const TD = 'border border-solid-gray-420 p-2 text-std-16N-170';

export function MyPlansBlock({ user, loaded }: { user: SessionUser; loaded: Loaded<PlanSummary[]> }) {
  if (loaded.status !== 'ready') return <Pending loaded={loaded} />;
  if (loaded.data.length === 0)
    return (
      <EmptyState title={M.myPlansNone(user.organisation_name)}>
        <p>
          {M.myPlansCreate}
          <Link to={SECTIONS.plans.path}>{SECTIONS.plans.label}</Link>
        </p>
      </EmptyState>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse" data-testid="my-plans">
        <caption className="mb-2 text-left text-std-17B-170">{M.myPlansCaption(user.organisation_name)}</caption>
        <thead>
          <tr>
            <th scope="col" className={TH}>{M.title}</th>
            <th scope="col" className={TH}>{M.type}</th>
            <th scope="col" className={TH}>{M.state}</th>
            <th scope="col" className={TH}>{M.updated}</th>
            <th scope="col" className={TH}>{M.kpis}</th>
          </tr>
        </thead>
        <tbody>
          {loaded.data.map((plan) => (
            <tr key={plan.id} data-testid={`my-plan-${plan.id}`}>
              <th scope="row" className={`${TD} text-left`}>
                <Link to={`/plans/${plan.id}`}>{plan.title}</Link>
              </th>
              <td className={TD}>{PLAN_TYPE_LABELS[plan.plan_type]}</td>
              <td className={TD}>
                <StateBadge state={plan.state} />
              </td>
              <td className={TD}>{formatDateTimeJst(plan.updated_at)}</td>
              <td className={TD}>
                {plan.published_version !== null ? (
                  <Link to={`/plans/${plan.id}/kpis`} aria-label={M.kpisLink(plan.title)}>
                    {M.kpis}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WaitingBlock({ loaded }: { loaded: Loaded<WaitingItem[]> }) {
  const organisationName = useOrganisationNames(loaded.status === 'ready' ? loaded.data.map(({ plan }) => plan.lead_organisation) : []);
  if (loaded.status !== 'ready') return <Pending loaded={loaded} />;
  if (loaded.data.length === 0)
    return (
      <EmptyState title={M.waitingNone}>
        <p>{M.waitingNoneDetail}</p>
      </EmptyState>
    );
  return (
    <ul aria-label={M.waitingLabel} className="grid gap-4" data-testid="waiting">
      {loaded.data.map(({ plan, reason }) => (
        <li key={plan.id} className="rounded-8 border border-solid-gray-420 bg-white p-4" data-testid={`waiting-${plan.id}`}>
          <p className="flex flex-wrap items-center gap-3">
            <Link to={`/plans/${plan.id}`} className="text-std-17B-170">
              {plan.title}
            </Link>
            <StateBadge state={plan.state} />
          </p>
          <p className="mt-1 text-std-16N-170 text-solid-gray-700">
            {M.typeAndOrganisation(PLAN_TYPE_LABELS[plan.plan_type], organisationName(plan.lead_organisation))}
          </p>
          <p className="mt-1 text-std-16N-170">{reason}</p>
        </li>
      ))}
    </ul>
  );
}
