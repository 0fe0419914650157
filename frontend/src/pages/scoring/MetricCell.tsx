import type { MetricValue } from '../../api/scoring';
import { formatPercent } from './scatter';
import { SCORING } from './messages';

/** Digits a value is shown with: shares of a whole prefecture are small numbers. */
export function digitsFor(definition: MetricValue['definition']): number {
  return definition === 'national_share' ? 2 : 1;
}

/** One value with its rank and percentile within the prefecture. */
export function MetricCell({ metric, counted }: { metric: MetricValue; counted: number }) {
  if (metric.value === null) return <span className="text-solid-gray-700">{SCORING.companies.notRanked}</span>;
  return (
    <>
      <span className="text-std-16B-170">{formatPercent(metric.value, digitsFor(metric.definition))}</span>
      {metric.rank !== null ? (
        <span className="block text-dns-14N-130 text-solid-gray-700">
          {SCORING.companies.rankOf(metric.rank, counted)}
          {metric.percentile !== null ? SCORING.companies.afterRank(SCORING.companies.percentile(metric.percentile.toFixed(1))) : ''}
        </span>
      ) : null}
    </>
  );
}
