import type { ReactNode } from 'react';
import type { ProposalOut } from '../../api/proposals';
import { formatDay } from '../../lib/dates';
import { fiscalYearBoth } from '../../lib/fiscalYears';
import { formatYen } from '../../lib/money';
import { STRATEGIC_FIELDS } from '../../lib/plans';
import { EditorSection } from '../plans/editor/common';
import { PROPOSALS } from './messages';
import { PROPOSAL_FIELD_LABELS as L } from './proposals';

const F = PROPOSALS.form;
const NONE = PROPOSALS.detail.none;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-std-16B-170">{label}</dt>
      <dd className="mt-1 whitespace-pre-wrap text-std-16N-170">{children}</dd>
    </div>
  );
}

const orNone = (text: string | null | undefined) => (text && text.trim() !== '' ? text : NONE);

/** A proposal as everyone but its editor reads it: the same sections as the form, read-only. */
export function ProposalView({ proposal }: { proposal: ProposalOut }) {
  const { investment } = proposal;
  const investors = investment.investors ?? [];
  return (
    <div data-testid="proposal-read-only">
      <EditorSection id="proposal-requirement-1" title={F.requirement1}>
        <dl className="flex flex-col gap-4">
          <Item label={L.strategic_fields}>
            {proposal.strategic_fields.length > 0 ? proposal.strategic_fields.map((code) => STRATEGIC_FIELDS[code]).filter(Boolean).join('、') : NONE}
          </Item>
          <Item label={L.field_alignment}>{orNone(proposal.field_alignment)}</Item>
          <Item label={L.draft_alignment}>{orNone(proposal.draft_alignment)}</Item>
        </dl>
      </EditorSection>
      <EditorSection id="proposal-requirement-2" title={F.requirement2}>
        {proposal.budget_coordination.length === 0 ? (
          <p className="text-std-16N-170">{NONE}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170">
              <caption className="sr-only">{L.budget_coordination}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className="p-2">{L.ministry}</th>
                  <th scope="col" className="p-2">{L.since}</th>
                  <th scope="col" className="p-2">{L.status}</th>
                </tr>
              </thead>
              <tbody>
                {proposal.budget_coordination.map((row, i) => (
                  <tr key={i} className="border-b border-solid-gray-420">
                    <td className="p-2 align-top">{row.ministry}</td>
                    <td className="p-2 align-top">{row.since ? formatDay(row.since) : NONE}</td>
                    <td className="p-2 align-top whitespace-pre-wrap">{orNone(row.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </EditorSection>
      <EditorSection id="proposal-requirement-3" title={F.requirement3}>
        <dl className="grid gap-4 md:grid-cols-3">
          <Item label={L.amount_yen}>{investment.amount_yen == null ? NONE : formatYen(investment.amount_yen)}</Item>
          <Item label={L.start_fy}>{investment.start_fy == null ? NONE : fiscalYearBoth(investment.start_fy)}</Item>
          <Item label={L.end_fy}>{investment.end_fy == null ? NONE : fiscalYearBoth(investment.end_fy)}</Item>
        </dl>
        <div>
          <h3 className="text-std-17B-170">{L.investors}</h3>
          {investors.length === 0 ? (
            <p className="mt-1 text-std-16N-170">{NONE}</p>
          ) : (
            <ul className="mt-1 list-disc pl-6 text-std-16N-170">
              {investors.map((investor) => (
                <li key={investor.corporate_number}>{PROPOSALS.detail.investor(investor.name, investor.corporate_number)}</li>
              ))}
            </ul>
          )}
        </div>
      </EditorSection>
      <EditorSection id="proposal-requirement-4" title={F.requirement4}>
        <dl>
          <Item label={L.labour_environment}>{orNone(proposal.labour_environment)}</Item>
        </dl>
      </EditorSection>
    </div>
  );
}
