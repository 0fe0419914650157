import { Link } from 'react-router';
import type { PlanSummary } from '../../api/plans';
import { StateBadge } from '../../components/StateBadge';
import { formatDateTimeJst } from '../../lib/dates';
import { prefectureName } from '../../lib/plans';
import { PLAN_MESSAGES } from './messages';
import { useOrganisationNames } from './useOrganisationNames';

const T = PLAN_MESSAGES.table;

/** Plans as a table: title (a link to the plan), type, author, state badge, round, last update. */
export function PlanTable({
  plans,
  caption,
  rounds = [],
}: {
  plans: readonly PlanSummary[];
  caption: string;
  /** The rounds from /api/rounds, so the round column reads 「第1弾」 rather than its code. */
  rounds?: readonly { code: string; name: string }[];
}) {
  const organisationName = useOrganisationNames(plans.map((plan) => plan.lead_organisation));
  const roundName = (code: string) => rounds.find((round) => round.code === code)?.name ?? code;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-std-16N-170">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="p-2">{T.title}</th>
            <th scope="col" className="p-2">{T.type}</th>
            <th scope="col" className="p-2">{T.authors}</th>
            <th scope="col" className="p-2">{T.state}</th>
            <th scope="col" className="p-2">{T.round}</th>
            <th scope="col" className="p-2">{T.updatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.id} className="border-b border-solid-gray-420" data-testid={`plan-row-${plan.id}`}>
              <td className="p-2">
                <Link to={`/plans/${plan.id}`} className="text-blue-900">
                  {plan.title}
                </Link>
                {plan.leading_example ? <span className="ml-2 text-dns-14B-120 text-success-2">{PLAN_MESSAGES.facts.leadingExample}</span> : null}
              </td>
              <td className="p-2">{plan.plan_type}</td>
              <td className="p-2">
                {organisationName(plan.lead_organisation)}
                <span className="block text-dns-14N-130 text-solid-gray-700">{prefectureName(plan.lead_prefecture)}</span>
              </td>
              <td className="p-2">
                <StateBadge state={plan.state} />
              </td>
              <td className="p-2">{plan.round_code ? roundName(plan.round_code) : '—'}</td>
              <td className="p-2">{formatDateTimeJst(plan.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
