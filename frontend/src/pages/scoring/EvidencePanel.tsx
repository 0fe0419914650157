import { useRef, useState, type SubmitEvent } from 'react';
import { fileEvidence, listCompanies, reviewEvidence, type EvidenceFilingOut } from '../../api/scoring';
import type { SessionUser } from '../../auth/types';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { ErrorSummary, summaryItemsOf, type SummaryItem } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { FIELD_COMPONENT_MESSAGES } from '../../components/messages';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { formatDateTimeJst, formatFiscalYear } from '../../lib/dates';
import { parseYenInput } from '../../lib/money';
import { SCORING } from './messages';
import { messageOf, useLoad } from '../../lib/useLoad';

const M = SCORING.reference;
const cell = 'p-2 text-left align-top';
/** A filing still under review or confirmed blocks another for the same company and year. */
const OPEN_STATUSES = ['submitted', 'confirmed'];

const FIELDS = {
  corporate_number: 'evidence-company',
  statement: 'evidence-statement',
  claimed_out_of_prefecture_sales: 'evidence-out-sales',
  claimed_in_prefecture_purchases: 'evidence-in-purchases',
} as const;

/** Any registered company of the prefecture that 経済産業省's list does not name may be filed for,
 * whatever the platform's estimate says; METI confirms only up to `maxEmployees`. */
function FilingForm({
  user,
  fiscalYear,
  metiListed,
  maxEmployees,
  filings,
  onFiled,
}: {
  user: SessionUser;
  fiscalYear: number;
  metiListed: readonly string[];
  maxEmployees: number;
  filings: readonly EvidenceFilingOut[];
  onFiled: () => void;
}) {
  const [companies] = useLoad('evidence-candidates', (signal) => listCompanies(signal));
  const [company, setCompany] = useState('');
  const [statement, setStatement] = useState('');
  const [outSales, setOutSales] = useState('');
  const [inPurchases, setInPurchases] = useState('');
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const listed = new Set(metiListed);
  const blocked = new Set(filings.filter((f) => f.fiscal_year === fiscalYear && OPEN_STATUSES.includes(f.status)).map((f) => f.corporate_number));
  const own = user.organisation.slice(0, 2);
  const candidates =
    companies.status === 'ready'
      ? companies.data.items.filter((c) => c.hq_prefecture === own && !listed.has(c.corporate_number) && !blocked.has(c.corporate_number))
      : [];
  const errorAt = (id: string) => errors.find((e) => e.fieldId === id)?.message;

  const show = (found: SummaryItem[]) => {
    setErrors(found);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const found: SummaryItem[] = [];
    if (!company) found.push({ fieldId: FIELDS.corporate_number, message: M.fileErrors.company });
    if (!statement.trim()) found.push({ fieldId: FIELDS.statement, message: M.fileErrors.statement });
    const out = outSales.trim() ? parseYenInput(outSales) : null;
    const inside = inPurchases.trim() ? parseYenInput(inPurchases) : null;
    if (outSales.trim() && (out === null || out < 0)) found.push({ fieldId: FIELDS.claimed_out_of_prefecture_sales, message: M.fileErrors.amount });
    if (inPurchases.trim() && (inside === null || inside < 0)) found.push({ fieldId: FIELDS.claimed_in_prefecture_purchases, message: M.fileErrors.amount });
    if (found.length > 0) {
      show(found);
      return;
    }
    setBusy(true);
    try {
      await fileEvidence({
        corporate_number: company,
        fiscal_year: fiscalYear,
        statement: statement.trim(),
        claimed_out_of_prefecture_sales: out,
        claimed_in_prefecture_purchases: inside,
      });
      setErrors([]);
      setCompany('');
      setStatement('');
      setOutSales('');
      setInPurchases('');
      setDone(true);
      onFiled();
    } catch (error) {
      show(summaryItemsOf(error, (field) => (FIELDS as Record<string, string>)[field]));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="evidence-file-heading" className="mt-10">
      <h3 id="evidence-file-heading" className="mb-2 text-std-20B-150">{M.fileHeading}</h3>
      <p className="mb-4 text-std-16N-170">{M.fileLead}</p>
      {errors.length > 0 ? <ErrorSummary ref={summary} title={M.fileSummary} items={errors} /> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-6">
        <div className="flex flex-col gap-2">
          <SelectField
            id={FIELDS.corporate_number}
            label={M.fileCompany(formatFiscalYear(fiscalYear))}
            required
            value={company}
            onChange={(e) => setCompany(e.target.value)}
            aria-describedby="evidence-company-hint"
            aria-invalid={errorAt(FIELDS.corporate_number) ? true : undefined}
            options={[
              { value: '', label: M.fileCompanyNone },
              ...candidates.map((c) => ({ value: c.corporate_number, label: M.fileCompanyOption(c.name, c.corporate_number, c.employees, maxEmployees) })),
            ]}
          />
          <p id="evidence-company-hint" className="text-dns-16N-130 text-solid-gray-700">
            {M.fileCompanyHint(maxEmployees.toLocaleString('ja-JP'))}
          </p>
          {errorAt(FIELDS.corporate_number) ? <p className="text-dns-16N-130 text-error-1">{FIELD_COMPONENT_MESSAGES.fieldError(errorAt(FIELDS.corporate_number) ?? '')}</p> : null}
        </div>
        <TextArea id={FIELDS.statement} label={M.fileStatement} required value={statement} onChange={(e) => setStatement(e.target.value)} error={errorAt(FIELDS.statement)} />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField id={FIELDS.claimed_out_of_prefecture_sales} label={M.fileOutSales} required={false} inputMode="numeric" value={outSales} onChange={(e) => setOutSales(e.target.value)} error={errorAt(FIELDS.claimed_out_of_prefecture_sales)} />
          <TextField id={FIELDS.claimed_in_prefecture_purchases} label={M.fileInPurchases} required={false} inputMode="numeric" value={inPurchases} onChange={(e) => setInPurchases(e.target.value)} error={errorAt(FIELDS.claimed_in_prefecture_purchases)} />
        </div>
        <div>
          <Button type="submit" variant="secondary" unavailable={busy}>
            {M.fileSubmit}
          </Button>
        </div>
        {done ? <NoticeBanner tone="success" title={M.filed} /> : null}
      </form>
    </section>
  );
}

function Review({ filing, onReviewed }: { filing: EvidenceFilingOut; onReviewed: (message: string) => void }) {
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const review = async (decision: 'confirmed' | 'rejected') => {
    setBusy(true);
    try {
      await reviewEvidence(filing.id, { decision, comment: comment.trim() || null });
      onReviewed(M.reviewed[decision] ?? '');
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <TextField id={`evidence-review-${filing.id}`} label={M.reviewComment(filing.id)} required={false} value={comment} onChange={(e) => setComment(e.target.value)} error={problem ?? undefined} />
      <div className="flex gap-2">
        <Button size="sm" unavailable={busy} onClick={() => void review('confirmed')}>
          {M.confirm}
        </Button>
        <Button size="sm" variant="secondary" unavailable={busy} onClick={() => void review('rejected')}>
          {M.reject}
        </Button>
      </div>
    </div>
  );
}

/** 証憑: the filings and their review; prefecture staff file, METI's reviewers confirm or reject. */
export function EvidencePanel({
  user,
  fiscalYear,
  metiListed,
  maxEmployees,
  filings,
  onChanged,
}: {
  user: SessionUser;
  fiscalYear: number;
  metiListed: readonly string[];
  maxEmployees: number;
  filings: readonly EvidenceFilingOut[];
  onChanged: () => void;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const reviewer = user.tier === 'national' && user.organisation === 'meti' && hasRole(user, 'reviewer');
  const filer = user.tier === 'prefecture' && hasRole(user, 'editor');
  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading" className="mb-2 text-std-24B-150">{M.evidenceHeading}</h2>
      <p className="mb-4 text-std-16N-170">{M.evidenceLead(maxEmployees.toLocaleString('ja-JP'))}</p>
      {notice ? <NoticeBanner tone="success" title={notice} onClose={() => setNotice(null)} /> : null}
      {filings.length === 0 ? (
        <p>{M.evidenceEmpty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-std-16N-170" data-testid="evidence-filings">
            <caption className="sr-only">{M.evidenceCaption}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className={cell}>{SCORING.companies.corporateNumber}</th>
                <th scope="col" className={cell}>{SCORING.companies.fiscalYear}</th>
                <th scope="col" className={cell}>{M.statement}</th>
                <th scope="col" className={cell}>{M.filedAt}</th>
                <th scope="col" className={cell}>{M.status}</th>
                {reviewer ? <th scope="col" className={cell}>{M.review}</th> : null}
              </tr>
            </thead>
            <tbody>
              {filings.map((f) => (
                <tr key={f.id} className="border-b border-solid-gray-420" data-testid={`evidence-${f.corporate_number}-${f.fiscal_year}`}>
                  <th scope="row" className={`${cell} font-normal`}>{f.corporate_number}</th>
                  <td className={cell}>{formatFiscalYear(f.fiscal_year)}</td>
                  <td className={`${cell} whitespace-pre-wrap`}>{f.statement}</td>
                  <td className={cell}>{formatDateTimeJst(f.filed_at)}</td>
                  <td className={cell}>{M.statuses[f.status] ?? f.status}</td>
                  {reviewer ? (
                    <td className={cell}>
                      {f.status === 'submitted' ? (
                        <Review
                          filing={f}
                          onReviewed={(message) => {
                            setNotice(message);
                            onChanged();
                          }}
                        />
                      ) : (
                        '—'
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {filer ? <FilingForm user={user} fiscalYear={fiscalYear} metiListed={metiListed} maxEmployees={maxEmployees} filings={filings} onFiled={onChanged} /> : null}
    </section>
  );
}
