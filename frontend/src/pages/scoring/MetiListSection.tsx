import { useState, type ChangeEvent, type SubmitEvent } from 'react';
import { ApiError } from '../../api/problem';
import { importMetiReferenceList, type MetiReferenceList, type MetiVersionOut } from '../../api/scoring';
import type { SessionUser } from '../../auth/types';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { NoticeBanner } from '../../components/NoticeBanner';
import { formatDateTimeJst, formatFiscalYear } from '../../lib/dates';
import { prefectureName } from '../../lib/plans';
import { useOrganisationNames } from '../plans/useOrganisationNames';
import { SCORING } from './messages';
import { messageOf } from '../../lib/useLoad';

const M = SCORING.reference.meti;
const F = SCORING.reference.importForm;
const cell = 'p-2 text-left align-top';

/** 経済産業省's editors and reviewers keep the list (scoring-api checks it again). */
export function mayImportMetiList(user: SessionUser): boolean {
  return user.tier === 'national' && user.organisation === 'meti' && (hasRole(user, 'editor') || hasRole(user, 'reviewer'));
}

/** A problem of METI's file in words: `rows/3/name` → 「3行目「企業名」：…」, `columns/note` → 「列「備考」：…」. */
export function importProblemText(field: string, message: string): string {
  const [head, row, column] = field.split('/');
  if (head === 'rows' && row && column) return F.rowProblem(row, F.columns[column] ?? column, message);
  if (head === 'columns' && row) return F.columnProblem(F.columns[row] ?? row, message);
  return message;
}

function importer(version: MetiVersionOut, organisationName: (code: string) => string): string {
  return M.importer(organisationName(version.organisation), version.imported_by);
}

type ImportState = { step: 'idle' } | { step: 'busy' } | { step: 'done'; text: string } | { step: 'refused'; title: string; lines: string[] };

function MetiImportForm({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [inputKey, setInputKey] = useState(0);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setState({ step: 'refused', title: F.noFile, lines: [] });
      return;
    }
    setState({ step: 'busy' });
    try {
      const result = await importMetiReferenceList(file);
      const versions = result.versions.map((v) => F.versionDone(formatFiscalYear(v.fiscal_year), v.version)).join('、');
      setState({ step: 'done', text: F.done(result.rows, versions) });
      setFile(null);
      setInputKey((k) => k + 1);
      onImported();
    } catch (error) {
      const lines = error instanceof ApiError ? error.fieldErrors.map((p) => importProblemText(p.field, p.message)) : [];
      setState({ step: 'refused', title: error instanceof ApiError ? error.title : messageOf(error), lines });
    }
  };

  return (
    <section aria-labelledby="meti-import-heading" className="mt-8 rounded-8 border border-solid-gray-420 p-4">
      <h3 id="meti-import-heading" className="mb-2 text-std-20B-150">{F.heading}</h3>
      <p id="meti-import-lead" className="mb-4 text-std-16N-170">{F.lead}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-col gap-4">
        <div className="flex flex-col gap-2">
          <label htmlFor="meti-import-file" className="text-std-17B-170 text-solid-gray-800">
            {F.file}
          </label>
          <input
            key={inputKey}
            id="meti-import-file"
            type="file"
            aria-describedby="meti-import-lead"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div>
          <Button type="submit" variant="secondary" unavailable={state.step === 'busy'}>
            {state.step === 'busy' ? F.busy : F.submit}
          </Button>
        </div>
      </form>
      <div aria-live="polite" className="mt-4" data-testid="meti-import-result">
        {state.step === 'done' ? <NoticeBanner tone="success" title={state.text} /> : null}
        {state.step === 'refused' ? (
          <NoticeBanner tone="error" title={state.title === F.noFile ? F.noFile : F.refused(state.title)}>
            {state.lines.length > 0 ? (
              <ul className="list-disc pl-6">
                {state.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </NoticeBanner>
        ) : null}
      </div>
    </section>
  );
}

/** 経済産業省's 参考リスト: the version shown, its companies, those confirmed by evidence, every version, and the import. */
export function MetiListSection({
  user,
  fiscalYear,
  listing,
  versions,
  onImported,
}: {
  user: SessionUser;
  fiscalYear: number;
  listing: MetiReferenceList;
  versions: readonly MetiVersionOut[];
  onImported: () => void;
}) {
  const version = listing.version;
  const year = formatFiscalYear(fiscalYear);
  const organisationName = useOrganisationNames([...(version ? [version.organisation] : []), ...versions.map((v) => v.organisation)]);
  return (
    <section aria-labelledby="meti-heading" className="mb-12">
      <h2 id="meti-heading" className="mb-2 text-std-24B-150">{M.heading}</h2>
      <p className="mb-4 text-std-16N-170">{M.lead}</p>
      {version ? (
        <dl className="mb-6 grid gap-x-6 gap-y-2 text-std-16N-170 md:grid-cols-[max-content_1fr]" data-testid="meti-version">
          <dt className="font-bold">{M.fiscalYear}</dt>
          <dd>{formatFiscalYear(version.fiscal_year)}</dd>
          <dt className="font-bold">{M.version}</dt>
          <dd>{M.versionOf(version.version)}</dd>
          <dt className="font-bold">{M.importedAt}</dt>
          <dd>{formatDateTimeJst(version.imported_at)}</dd>
          <dt className="font-bold">{M.importedBy}</dt>
          <dd>{importer(version, organisationName)}</dd>
          <dt className="font-bold">{M.entryCount}</dt>
          <dd>{SCORING.companyCount(version.entry_count.toLocaleString('ja-JP'))}</dd>
          <dt className="font-bold">{M.filename}</dt>
          <dd>{version.filename}</dd>
        </dl>
      ) : (
        <p className="mb-6" data-testid="meti-version">{M.none}</p>
      )}
      {version && listing.entries.length === 0 ? <p className="mb-6">{M.empty}</p> : null}
      {listing.entries.length > 0 ? (
        <div className="mb-8 overflow-x-auto">
          <table className="w-full border-collapse text-std-16N-170" data-testid="meti-table">
            <caption className="mb-2 text-left text-std-17B-170">{M.caption(year, listing.entries.length)}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className={cell}>{SCORING.companies.company}</th>
                <th scope="col" className={cell}>{SCORING.companies.corporateNumber}</th>
                <th scope="col" className={cell}>{SCORING.companies.prefecture}</th>
                <th scope="col" className={cell}>{M.note}</th>
              </tr>
            </thead>
            <tbody>
              {listing.entries.map((e) => (
                <tr key={e.corporate_number} className="border-b border-solid-gray-420">
                  <th scope="row" className={`${cell} font-normal`}>{e.name}</th>
                  <td className={cell}>{e.corporate_number}</td>
                  <td className={cell}>{prefectureName(e.prefecture)}</td>
                  <td className={cell}>{e.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3 className="mb-2 text-std-20B-150">{M.confirmedHeading}</h3>
      <p className="mb-2 text-std-16N-170">{M.confirmedLead}</p>
      {listing.confirmed_by_evidence.length === 0 ? (
        <p className="mb-8">{M.confirmedEmpty}</p>
      ) : (
        <ul className="mb-8 flex flex-col gap-1 text-std-16N-170" data-testid="meti-confirmed">
          {listing.confirmed_by_evidence.map((c) => (
            <li key={c.filing_id}>
              {M.confirmedCompany(c.name, c.corporate_number, prefectureName(c.prefecture), c.confirmed_at ? formatDateTimeJst(c.confirmed_at) : null)}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mb-2 text-std-20B-150">{M.versionsHeading}</h3>
      {versions.length === 0 ? (
        <p>{M.versionsEmpty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-std-16N-170" data-testid="meti-versions">
            <caption className="sr-only">{M.versionsCaption}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className={cell}>{M.version}</th>
                <th scope="col" className={cell}>{M.fiscalYear}</th>
                <th scope="col" className={cell}>{M.importedAt}</th>
                <th scope="col" className={cell}>{M.importedBy}</th>
                <th scope="col" className={cell}>{M.entryCount}</th>
                <th scope="col" className={cell}>{M.filename}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v, index) => (
                <tr key={`${v.fiscal_year}-${v.version}`} className="border-b border-solid-gray-420">
                  <th scope="row" className={`${cell} font-normal`}>
                    {SCORING.withNote(M.versionOf(v.version), index === 0 ? M.current : M.past)}
                  </th>
                  <td className={cell}>{formatFiscalYear(v.fiscal_year)}</td>
                  <td className={cell}>{formatDateTimeJst(v.imported_at)}</td>
                  <td className={cell}>{importer(v, organisationName)}</td>
                  <td className={cell}>{SCORING.companyCount(v.entry_count.toLocaleString('ja-JP'))}</td>
                  <td className={cell}>{v.filename}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayImportMetiList(user) ? <MetiImportForm onImported={onImported} /> : null}
    </section>
  );
}
