import type { SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { listScores, type ScoreOut } from '../../api/scoring';
import { useCurrentUser } from '../../auth/session';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { now } from '../../lib/clock';
import { fiscalYearOf, formatFiscalYear } from '../../lib/dates';
import { PREFECTURES } from '../../lib/plans';
import { DefinitionNote } from './DefinitionNote';
import { MetricCell } from './MetricCell';
import { ScatterPlot } from './ScatterPlot';
import { ScoringNav } from './ScoringNav';
import { SCORING } from './messages';
import { useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = SCORING.companies;
type Definition = 'national_share' | 'company_ratio';

/** The latest closed fiscal year: the 様式2 figures are those of the last settled accounts. */
export function defaultFiscalYear(): number {
  return fiscalYearOf(now()) - 1;
}

export function fiscalYearOptions(): { value: string; label: string }[] {
  const latest = defaultFiscalYear();
  return Array.from({ length: 5 }, (_, i) => latest - i).map((y) => ({ value: String(y), label: formatFiscalYear(y) }));
}

function ScoreTable({ scores }: { scores: ScoreOut[] }) {
  const th = 'p-2 text-left align-bottom';
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-std-16N-170" data-testid="score-table">
        <caption className="mb-2 text-left text-std-17B-170">{M.tableCaption}</caption>
        <thead>
          <tr className="border-b border-solid-gray-420">
            <th scope="col" rowSpan={2} className={th}>
              {M.company}
            </th>
            <th scope="colgroup" colSpan={2} className={th}>
              {SCORING.definitions.national_share.name}
            </th>
            <th scope="colgroup" colSpan={2} className={th}>
              {SCORING.definitions.company_ratio.name}
            </th>
          </tr>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className={th}>{SCORING.metrics.connector_share}</th>
            <th scope="col" className={th}>{SCORING.metrics.hub_share}</th>
            <th scope="col" className={th}>{SCORING.metrics.connector_ratio}</th>
            <th scope="col" className={th}>{SCORING.metrics.hub_ratio}</th>
          </tr>
        </thead>
        <tbody>
          {scores.map((s) => (
            <tr key={s.corporate_number} className="border-b border-solid-gray-420 align-top" data-testid={`score-row-${s.corporate_number}`}>
              <th scope="row" className="p-2 text-left font-normal">
                <Link to={`/scoring/companies/${s.corporate_number}?fy=${s.fiscal_year}`} className="text-std-16B-170 text-blue-900 underline">
                  {s.name ?? s.corporate_number}
                </Link>
                <span className="block text-dns-14N-130 text-solid-gray-700">
                  {M.corporateNumber} {s.corporate_number}
                </span>
              </th>
              <td className="p-2"><MetricCell metric={s.connector_share} counted={s.companies_counted} /></td>
              <td className="p-2"><MetricCell metric={s.hub_share} counted={s.companies_counted} /></td>
              <td className="p-2"><MetricCell metric={s.connector_ratio} counted={s.companies_counted} /></td>
              <td className="p-2"><MetricCell metric={s.hub_ratio} counted={s.companies_counted} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 企業のコネクター度・ハブ度: both definitions with rank and percentile, and the scatter plot. */
export function CompaniesPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const fiscalYear = Number(params.get('fy')) || defaultFiscalYear();
  const national = user.tier === 'national';
  const prefecture = national ? (params.get('pref') ?? '43') : undefined;
  const definition: Definition = params.get('def') === 'company_ratio' ? 'company_ratio' : 'national_share';
  const query = params.get('q')?.trim() ?? '';
  const [loaded] = useLoad(JSON.stringify([fiscalYear, prefecture, query]), (signal) =>
    listScores({ fiscalYear, ...(prefecture ? { prefecture } : {}), ...(query ? { query } : {}) }, signal),
  );

  const onFilter = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['fy', 'pref', 'def', 'q']) {
      const value = form.get(name);
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    }
    setParams(next);
  };

  const scores = loaded.status === 'ready' ? loaded.data.items : [];
  const connector = definition === 'national_share' ? 'connector_share' : 'connector_ratio';
  const hub = definition === 'national_share' ? 'hub_share' : 'hub_ratio';

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <ScoringNav />
      <form onSubmit={onFilter} aria-label={M.filter} className="mb-8 rounded-8 border border-solid-gray-420 p-4">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField id="scores-fy" name="fy" label={M.fiscalYear} required={false} defaultValue={String(fiscalYear)} options={fiscalYearOptions()} />
          {national ? (
            <SelectField
              id="scores-pref"
              name="pref"
              label={M.prefecture}
              required={false}
              defaultValue={prefecture}
              options={PREFECTURES.map((name, i) => ({ value: String(i + 1).padStart(2, '0'), label: name }))}
            />
          ) : null}
          <SelectField
            id="scores-def"
            name="def"
            label={M.scatterDefinition}
            required={false}
            defaultValue={definition}
            options={[
              { value: 'national_share', label: SCORING.definitions.national_share.name },
              { value: 'company_ratio', label: SCORING.definitions.company_ratio.name },
            ]}
          />
          <TextField id="scores-q" name="q" label={M.search} supportText={M.searchHint} required={false} defaultValue={query} />
        </div>
        <div className="mt-4">
          <Button type="submit" size="sm">
            {M.show}
          </Button>
        </div>
      </form>
      <DefinitionNote />
      <div className="mt-8">
        {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
        {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
        {loaded.status === 'ready' && scores.length === 0 ? (
          <EmptyState title={M.empty}>
            <p>{M.emptyHint}</p>
          </EmptyState>
        ) : null}
        {scores.length > 0 ? (
          <>
            <section aria-labelledby="scatter-heading" className="mb-10">
              <h2 id="scatter-heading" className="mb-4 text-std-24B-150">
                {M.scatterHeading(SCORING.definitions[definition].name, formatFiscalYear(fiscalYear))}
              </h2>
              <ScatterPlot
                definitionName={SCORING.definitions[definition].name}
                digits={definition === 'national_share' ? 2 : 1}
                data={scores.map((s) => ({ id: s.corporate_number, label: s.name ?? s.corporate_number, x: s[connector].value, y: s[hub].value }))}
              />
            </section>
            <section aria-labelledby="score-table-heading">
              <h2 id="score-table-heading" className="mb-4 text-std-24B-150">
                {M.listHeading(scores.length)}
              </h2>
              <ScoreTable scores={scores} />
            </section>
          </>
        ) : null}
      </div>
    </Page>
  );
}
