import { PLAN_STATE_LABELS, PLAN_STATE_TONES, type PlanState } from '../lib/plans';

export function StateBadge({ state }: { state: PlanState }) {
  return (
    <span
      data-testid="state-badge"
      className={`inline-block rounded-full border bg-white px-3 py-0.5 text-dns-14B-120 whitespace-nowrap ${PLAN_STATE_TONES[state]}`}
    >
      {PLAN_STATE_LABELS[state]}
    </span>
  );
}
