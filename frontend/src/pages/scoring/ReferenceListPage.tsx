import type { SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getMetiReferenceList, getReferenceList, listEvidenceFilings, listMetiVersions, referenceListExportUrl } from '../../api/scoring';
import { useCurrentUser } from '../../auth/session';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { formatFiscalYear } from '../../lib/dates';
import { PREFECTURES, prefectureName } from '../../lib/plans';
import { defaultFiscalYear, fiscalYearOptions } from './CompaniesPage';
import { EvidencePanel } from './EvidencePanel';
import { MetiListSection } from './MetiListSection';
import { ScoringNav } from './ScoringNav';
import { formatPercent } from './scatter';
import { SCORING } from './messages';
import { useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = SCORING.reference;
const E = M.estimate;
const cell = 'p-2 text-left align-top';

async function loadReference(fiscalYear: number, prefecture: string | undefined, signal: AbortSignal) {
  const [listing, meti, versions, filings] = await Promise.all([
    getReferenceList(fiscalYear, prefecture, signal),
    getMetiReferenceList(fiscalYear, prefecture, signal),
    listMetiVersions(fiscalYear, signal),
    listEvidenceFilings(signal),
  ]);
  return { listing, meti, versions, filings };
}

/** Never colour alone: a mark and a word. */
function Mark({ on, yes, no }: { on: boolean; yes: string; no: string }) {
  return on ? <span className="text-std-16B-170 text-success-2">{yes}</span> : <span className="text-solid-gray-700">{no}</span>;
}

/** 経済産業省's 参考リスト (what "on the list" means), the platform's estimate beside it with its export, and the 証憑 filed for companies off METI's list. */
export function ReferenceListPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const fiscalYear = Number(params.get('fy')) || defaultFiscalYear();
  const prefecture = user.tier === 'national' ? (params.get('pref') ?? '43') : undefined;
  const [loaded, reload] = useLoad(JSON.stringify([fiscalYear, prefecture]), (signal) => loadReference(fiscalYear, prefecture, signal));

  const onFilter = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['fy', 'pref']) {
      const value = form.get(name);
      if (typeof value === 'string' && value) next.set(name, value);
    }
    setParams(next);
  };

  const listing = loaded.status === 'ready' ? loaded.data.listing : null;
  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <ScoringNav />
      <form onSubmit={onFilter} aria-label={M.filterLabel} className="mb-8 rounded-8 border border-solid-gray-420 p-4">
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField id="reference-fy" name="fy" label={SCORING.companies.fiscalYear} required={false} defaultValue={String(fiscalYear)} options={fiscalYearOptions()} />
          {prefecture ? (
            <SelectField
              id="reference-pref"
              name="pref"
              label={SCORING.companies.prefecture}
              required={false}
              defaultValue={prefecture}
              options={PREFECTURES.map((name, i) => ({ value: String(i + 1).padStart(2, '0'), label: name }))}
            />
          ) : null}
        </div>
        <div className="mt-4">
          <Button type="submit" size="sm">
            {SCORING.companies.show}
          </Button>
        </div>
      </form>
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        <MetiListSection user={user} fiscalYear={fiscalYear} listing={loaded.data.meti} versions={loaded.data.versions} onImported={reload} />
      ) : null}
      {listing ? (
        <section aria-labelledby="estimate-heading" className="mb-12">
          <h2 id="estimate-heading" className="mb-2 text-std-24B-150">{E.heading}</h2>
          <p className="mb-4 text-std-16N-170">{E.lead(String(listing.top_percent), listing.max_employees.toLocaleString('ja-JP'))}</p>
          <ul className="mb-6 flex flex-wrap gap-6">
            <li>
              <a href={referenceListExportUrl(fiscalYear, 'xlsx', prefecture)} download className="text-std-16B-170 text-blue-900 underline">
                {E.exportXlsx}
              </a>
            </li>
            <li>
              <a href={referenceListExportUrl(fiscalYear, 'csv', prefecture)} download className="text-std-16B-170 text-blue-900 underline">
                {E.exportCsv}
              </a>
            </li>
          </ul>
          {listing.entries.length === 0 ? (
            <EmptyState title={E.empty}>
              <p>{SCORING.companies.emptyHint}</p>
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-std-16N-170" data-testid="estimate-table">
                <caption className="mb-2 text-left text-std-17B-170">{E.caption(formatFiscalYear(listing.fiscal_year), listing.entries.length)}</caption>
                <thead>
                  <tr className="border-b-2 border-solid-gray-600">
                    <th scope="col" className={cell}>{SCORING.companies.company}</th>
                    <th scope="col" className={cell}>{SCORING.companies.prefecture}</th>
                    <th scope="col" className={cell}>{SCORING.company.employees}</th>
                    <th scope="col" className={cell}>{SCORING.metrics.connector_share}</th>
                    <th scope="col" className={cell}>{SCORING.metrics.hub_share}</th>
                    <th scope="col" className={cell}>{M.basis}</th>
                    <th scope="col" className={cell}>{E.onMetiList}</th>
                    <th scope="col" className={cell}>{E.confirmedByEvidence}</th>
                  </tr>
                </thead>
                <tbody>
                  {listing.entries.map((e) => (
                    <tr key={e.corporate_number} className="border-b border-solid-gray-420" data-testid={`estimate-${e.corporate_number}`}>
                      <th scope="row" className={`${cell} font-normal`}>
                        <Link to={`/scoring/companies/${e.corporate_number}?fy=${e.fiscal_year}`} className="text-blue-900 underline">
                          {e.name}
                        </Link>
                        <span className="block text-dns-14N-130 text-solid-gray-700">
                          {SCORING.companies.corporateNumber} {e.corporate_number}
                        </span>
                      </th>
                      <td className={cell}>{prefectureName(e.prefecture)}</td>
                      <td className={cell}>{e.employees !== null ? SCORING.persons(e.employees.toLocaleString('ja-JP')) : '—'}</td>
                      <td className={cell}>
                        {formatPercent(e.connector_share, 2)}
                        {e.connector_share_rank !== null && e.companies_counted !== null ? (
                          <span className="block text-dns-14N-130 text-solid-gray-700">{SCORING.companies.rankOf(e.connector_share_rank, e.companies_counted)}</span>
                        ) : null}
                      </td>
                      <td className={cell}>
                        {formatPercent(e.hub_share, 2)}
                        {e.hub_share_rank !== null && e.companies_counted !== null ? (
                          <span className="block text-dns-14N-130 text-solid-gray-700">{SCORING.companies.rankOf(e.hub_share_rank, e.companies_counted)}</span>
                        ) : null}
                      </td>
                      <td className={cell}>{e.basis.map((b) => M.bases[b] ?? b).join('、')}</td>
                      <td className={cell}>
                        <Mark on={e.on_meti_list} yes={E.listed} no={E.notListed} />
                      </td>
                      <td className={cell}>
                        <Mark on={e.confirmed_by_evidence} yes={E.confirmed} no={E.notConfirmed} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
      {loaded.status === 'ready' ? (
        <EvidencePanel
          user={user}
          fiscalYear={fiscalYear}
          metiListed={loaded.data.meti.entries.map((e) => e.corporate_number)}
          maxEmployees={loaded.data.listing.max_employees}
          filings={loaded.data.filings}
          onChanged={reload}
        />
      ) : null}
    </Page>
  );
}
