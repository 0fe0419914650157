import { Link, useParams, useSearchParams } from 'react-router';
import { companyScores, explainScore, getCompany, listFigures, METRIC_NAMES, type ScoreExplanation } from '../../api/scoring';
import { ApiError } from '../../api/problem';
import { Page } from '../../components/Page';
import { formatFiscalYear } from '../../lib/dates';
import { formatYen } from '../../lib/money';
import { prefectureName } from '../../lib/plans';
import { useJsic } from '../../lib/useJsic';
import { NotFoundPage } from '../NotFoundPage';
import { defaultFiscalYear } from './CompaniesPage';
import { DefinitionNote } from './DefinitionNote';
import { MetricCell, digitsFor } from './MetricCell';
import { ScoringNav } from './ScoringNav';
import { formatPercent } from './scatter';
import { SCORING } from './messages';
import { isNotFound, useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = SCORING.company;
const cell = 'p-2 text-left align-top';
const num = 'p-2 text-right align-top tabular-nums';

async function loadCompany(corporateNumber: string, fiscalYear: number | null, signal: AbortSignal) {
  const [company, figures, scores] = await Promise.all([
    getCompany(corporateNumber, signal),
    listFigures(corporateNumber, signal),
    companyScores(corporateNumber, signal),
  ]);
  const year = fiscalYear ?? scores.map((s) => s.fiscal_year).sort((a, b) => b - a)[0] ?? defaultFiscalYear();
  let explanation: ScoreExplanation | null = null;
  try {
    explanation = await explainScore(corporateNumber, year, signal);
  } catch (error) {
    if (!(error instanceof ApiError && error.kind === 'not_found')) throw error;
  }
  return { company, figures, scores, year, explanation };
}

function Why({ explanation }: { explanation: ScoreExplanation }) {
  return (
    <>
      <p className="mb-4 text-std-16N-170">{M.whyLead(formatFiscalYear(explanation.fiscal_year))}</p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-std-16N-170" data-testid="explanation">
          <caption className="mb-2 text-left text-std-17B-170">{M.whyCaption}</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              <th scope="col" className={cell}>{M.metric}</th>
              <th scope="col" className={num}>{M.value}</th>
              <th scope="col" className={cell}>{M.numerator}</th>
              <th scope="col" className={cell}>{M.denominator}</th>
              <th scope="col" className={cell}>{M.rank}</th>
              <th scope="col" className={num}>{M.deviation}</th>
            </tr>
          </thead>
          <tbody>
            {explanation.metrics.map((m) => (
              <tr key={m.name} className="border-b border-solid-gray-420">
                <th scope="row" className={`${cell} font-normal`}>
                  {(SCORING.metrics as Record<string, string>)[m.name] ?? m.label}
                </th>
                <td className={num}>{formatPercent(m.value, digitsFor(m.definition) + 1)}</td>
                <td className={cell}>
                  {m.numerator_label}
                  <span className="block tabular-nums">{formatYen(m.numerator)}</span>
                </td>
                <td className={cell}>
                  {m.denominator_label}
                  <span className="block tabular-nums">{formatYen(m.denominator)}</span>
                </td>
                <td className={cell}>
                  {m.rank !== null ? SCORING.companies.rankOf(m.rank, explanation.companies_counted) : '—'}
                  {m.percentile !== null ? <span className="block">{SCORING.companies.percentile(m.percentile.toFixed(1))}</span> : null}
                </td>
                <td className={num}>{m.deviation !== null ? m.deviation.toFixed(1) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="mt-4">
        <summary className="cursor-pointer text-std-16B-170 text-blue-900 underline">{M.countedCaption(explanation.counted_companies.length)}</summary>
        <table className="mt-2 w-full border-collapse text-std-16N-170">
          <caption className="sr-only">{M.countedCaption(explanation.counted_companies.length)}</caption>
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              <th scope="col" className={cell}>{SCORING.companies.company}</th>
              <th scope="col" className={num}>{SCORING.figures.out_of_prefecture_sales}</th>
              <th scope="col" className={num}>{SCORING.figures.in_prefecture_purchases}</th>
            </tr>
          </thead>
          <tbody>
            {explanation.counted_companies.map((c) => (
              <tr key={c.corporate_number} className="border-b border-solid-gray-420">
                <th scope="row" className={`${cell} font-normal`}>
                  {SCORING.withNote(c.name, c.corporate_number)}
                </th>
                <td className={num}>{formatYen(c.out_of_prefecture_sales)}</td>
                <td className={num}>{formatYen(c.in_prefecture_purchases)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

/** 大分類 and 中分類 as scoring keeps them (`E`, `28`), each with its name: 「E 製造業 / E28 電子部品・…」. */
function industry(major: string | null, middle: string | null, labelOf: (code: string) => string): string {
  if (!major) return middle ?? '';
  return [labelOf(major), middle ? labelOf(`${major}${middle}`) : null].filter(Boolean).join(' / ');
}

/** One company: its 様式2 figures per fiscal year, its scores, and why the score is what it is. */
export function CompanyPage() {
  const { corporateNumber = '' } = useParams();
  const [params] = useSearchParams();
  const fiscalYear = Number(params.get('fy')) || null;
  const [loaded] = useLoad(JSON.stringify([corporateNumber, fiscalYear]), (signal) => loadCompany(corporateNumber, fiscalYear, signal));
  const jsic = useJsic();

  if (isNotFound(loaded) || !/^\d{13}$/.test(corporateNumber)) return <NotFoundPage />;
  if (loaded.status === 'loading') return <p role="status">{M.loading}</p>;
  if (loaded.status === 'failed') return <ApiErrorNotice title={M.notFound} error={loaded.error} />;
  const { company, figures, scores, explanation, year } = loaded.data;

  return (
    <Page title={company.name}>
      <ScoringNav />
      <p className="mb-6">
        <Link to={`/scoring?fy=${year}`} className="text-std-16N-170 text-blue-900 underline">
          {M.back}
        </Link>
      </p>
      <section aria-labelledby="company-facts" className="mb-10">
        <h2 id="company-facts" className="mb-4 text-std-24B-150">{M.facts}</h2>
        <dl className="grid gap-x-6 gap-y-2 text-std-16N-170 md:grid-cols-[max-content_1fr]">
          <dt className="font-bold">{SCORING.companies.corporateNumber}</dt>
          <dd>{company.corporate_number}</dd>
          <dt className="font-bold">{M.hqPrefecture}</dt>
          <dd>{prefectureName(company.hq_prefecture)}</dd>
          <dt className="font-bold">{M.industry}</dt>
          <dd>{industry(company.jsic_major, company.jsic_middle, jsic.labelOf) || '—'}</dd>
          <dt className="font-bold">{M.employees}</dt>
          <dd>{company.employees !== null ? SCORING.persons(company.employees.toLocaleString('ja-JP')) : '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="company-figures" className="mb-10">
        <h2 id="company-figures" className="mb-4 text-std-24B-150">{M.figuresHeading}</h2>
        {figures.length === 0 ? (
          <p>{M.noFigures}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-std-16N-170" data-testid="figures">
              <caption className="mb-2 text-left text-std-17B-170">{M.figuresCaption}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className={cell}>{SCORING.companies.fiscalYear}</th>
                  <th scope="col" className={num}>{SCORING.figures.sales}</th>
                  <th scope="col" className={num}>{SCORING.figures.out_of_prefecture_sales}</th>
                  <th scope="col" className={num}>{SCORING.figures.purchases}</th>
                  <th scope="col" className={num}>{SCORING.figures.in_prefecture_purchases}</th>
                  <th scope="col" className={cell}>{M.source}</th>
                </tr>
              </thead>
              <tbody>
                {figures.map((f) => (
                  <tr key={f.fiscal_year} className="border-b border-solid-gray-420">
                    <th scope="row" className={`${cell} font-normal`}>{formatFiscalYear(f.fiscal_year)}</th>
                    <td className={num}>{formatYen(f.sales)}</td>
                    <td className={num}>{formatYen(f.out_of_prefecture_sales)}</td>
                    <td className={num}>{formatYen(f.purchases)}</td>
                    <td className={num}>{formatYen(f.in_prefecture_purchases)}</td>
                    <td className={cell}>{M.sources[f.source] ?? f.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="company-scores" className="mb-10">
        <h2 id="company-scores" className="mb-4 text-std-24B-150">{M.scoresHeading}</h2>
        <DefinitionNote />
        {scores.length === 0 ? (
          <p className="mt-4">{M.noScore}</p>
        ) : (
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border-collapse text-std-16N-170">
              <caption className="mb-2 text-left text-std-17B-170">{M.scoresHeading}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className={cell}>{SCORING.companies.fiscalYear}</th>
                  {METRIC_NAMES.map((name) => (
                    <th key={name} scope="col" className={cell}>{SCORING.metrics[name]}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {scores.map((s) => (
                  <tr key={s.fiscal_year} className="border-b border-solid-gray-420">
                    <th scope="row" className={`${cell} font-normal`}>
                      <Link to={`/scoring/companies/${s.corporate_number}?fy=${s.fiscal_year}`} className="text-blue-900 underline">
                        {formatFiscalYear(s.fiscal_year)}
                      </Link>
                    </th>
                    {METRIC_NAMES.map((name) => (
                      <td key={name} className={cell}><MetricCell metric={s[name]} counted={s.companies_counted} /></td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="company-why">
        <h2 id="company-why" className="mb-4 text-std-24B-150">{M.whyHeading(formatFiscalYear(year))}</h2>
        {explanation ? <Why explanation={explanation} /> : <p>{M.noScore}</p>}
      </section>
    </Page>
  );
}
