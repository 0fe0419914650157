import { PROPOSAL_STATE_TONES } from './proposals';

/** A proposal's state as plans-api names it (`state_label`), coloured by its code. */
export function ProposalStateBadge({ state, label }: { state: string; label: string }) {
  return (
    <span
      data-testid="proposal-state"
      className={`inline-block rounded-full border bg-white px-3 py-0.5 text-dns-14B-120 ${PROPOSAL_STATE_TONES[state] ?? PROPOSAL_STATE_TONES.draft ?? ''}`}
    >
      {label}
    </span>
  );
}
