import type { CriterionResult } from '../../api/scoring';
import { SCORING } from './messages';

const M = SCORING.application;
const cell = 'p-2 text-left align-top';

/** The mark and word of a check; never colour alone. */
export function Verdict({ passed }: { passed: boolean }) {
  return passed ? (
    <span className="text-std-16B-170 text-success-2">✓ {M.passed}</span>
  ) : (
    <span className="text-std-16B-170 text-error-1">✕ {M.failed}</span>
  );
}

/** The automatic check of every criterion of the call (quantitative, consents, documents). */
export function CriteriaTable({ criteria }: { criteria: readonly CriterionResult[] }) {
  return (
    <table className="w-full border-collapse text-std-16N-170" data-testid="criteria">
      <caption className="mb-2 text-left text-std-17B-170">{M.criteriaCaption}</caption>
      <thead>
        <tr className="border-b-2 border-solid-gray-600">
          <th scope="col" className={cell}>{M.criterion}</th>
          <th scope="col" className={cell}>{M.kind}</th>
          <th scope="col" className={cell}>{M.result}</th>
          <th scope="col" className={cell}>{M.actual}</th>
        </tr>
      </thead>
      <tbody>
        {criteria.map((c) => (
          <tr key={`${c.kind}-${c.code}`} className="border-b border-solid-gray-420" data-testid={`criterion-${c.code}`}>
            <th scope="row" className={`${cell} font-normal`}>{c.label}</th>
            <td className={cell}>{M.kinds[c.kind] ?? c.kind}</td>
            <td className={cell}><Verdict passed={c.passed} /></td>
            <td className={cell}>{c.actual ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
