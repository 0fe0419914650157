import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Link, useParams } from 'react-router';
import { reportActual } from '../../api/kpis';
import { getPlan, type Versioned } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/session';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { StateBadge } from '../../components/StateBadge';
import { TextField } from '../../components/TextField';
import { formatDateTimeJst } from '../../lib/dates';
import { isNotFound, useLoad } from '../../lib/useLoad';
import { NotFoundPage } from '../NotFoundPage';
import { KPI_MESSAGES as M } from './messages';
import {
  breaches,
  criterionText,
  formatValue,
  halfYearLabel,
  kpiRows,
  latestBreach,
  mayReport,
  parseActual,
  periodOptions,
  type Kpi,
} from './kpis';

const TH = 'border border-solid-gray-420 bg-solid-gray-50 p-2 text-left text-std-16B-170';
const TD = 'border border-solid-gray-420 p-2 text-std-16N-170';

/** A badge that says the breach in words (a sign and text, never colour alone). */
export function BreachBadge() {
  return (
    <span data-testid="breach-badge" className="inline-flex items-center gap-1 rounded-4 border-2 border-error-1 bg-white px-2 py-0.5 text-dns-14B-120 text-error-1">
      <span aria-hidden="true">▲</span>
      {M.breachBadge}
    </span>
  );
}

function KpiCard({ kpi, kgiName }: { kpi: Kpi; kgiName: string | null }) {
  const breach = kpi.breached ? latestBreach(kpi) : null;
  const headingId = `kpi-${kpi.key}-heading`;
  return (
    <section aria-labelledby={headingId} data-testid={`kpi-${kpi.key}`} className={`mt-8 rounded-8 border p-6 ${kpi.breached ? 'border-2 border-error-1' : 'border-solid-gray-420'}`}>
      <h2 id={headingId} className="flex flex-wrap items-center gap-3 text-std-24B-150 text-solid-gray-900">
        {kpi.name}
        {kpi.breached ? <BreachBadge /> : null}
      </h2>
      {breach && kpi.withdrawal ? (
        <p className="mt-2 text-std-16B-170 text-error-1" data-testid="breach-text">
          {M.breachText(halfYearLabel(breach.period), formatValue(breach.actual ?? 0, kpi.unit), criterionText(kpi.withdrawal, kpi.unit))}
        </p>
      ) : null}
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-std-16N-170">
        <dt className="font-bold">{M.unit}</dt>
        <dd>{kpi.unit}</dd>
        <dt className="font-bold">{M.baseline}</dt>
        <dd>{kpi.baseline === null ? M.dash : formatValue(kpi.baseline, kpi.unit)}</dd>
        <dt className="font-bold">{M.withdrawal}</dt>
        <dd>{kpi.withdrawal ? M.withdrawalText(criterionText(kpi.withdrawal, kpi.unit), kpi.withdrawal.text) : M.withdrawalNone}</dd>
        {kgiName ? (
          <>
            <dt className="font-bold">{M.kgi}</dt>
            <dd>{kgiName}</dd>
          </>
        ) : null}
      </dl>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse">
          <caption className="mb-2 text-left text-std-17B-170">{M.tableCaption(kpi.name)}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>{M.period}</th>
              <th scope="col" className={TH}>{M.target}</th>
              <th scope="col" className={TH}>{M.actual}</th>
              <th scope="col" className={TH}>{M.judgement}</th>
              <th scope="col" className={TH}>{M.reportedAt}</th>
            </tr>
          </thead>
          <tbody>
            {kpiRows(kpi).map((row) => (
              <tr key={row.period} data-testid={`kpi-${kpi.key}-${row.period}`}>
                <th scope="row" className={`${TD} text-left`}>{halfYearLabel(row.period)}</th>
                <td className={`${TD} text-right`}>{row.target === null ? M.dash : formatValue(row.target, kpi.unit)}</td>
                <td className={`${TD} text-right`}>{row.actual === null ? M.notReported : formatValue(row.actual, kpi.unit)}</td>
                <td className={TD}>{row.actual === null ? M.dash : row.breached ? <BreachBadge /> : M.withinCriterion}</td>
                <td className={TD}>{row.reportedAt ? formatDateTimeJst(row.reportedAt) : M.dash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const FIELD = { kpi: 'actual-kpi', period: 'actual-period', value: 'actual-value' } as const;

function ActualForm({ loaded, onSaved, onStale }: { loaded: Versioned; onSaved: (message: string) => Promise<void>; onStale: () => Promise<void> }) {
  const { plan, etag } = loaded;
  const periods = periodOptions(plan);
  const [kpiKey, setKpiKey] = useState(plan.kpis[0]?.key ?? '');
  const [period, setPeriod] = useState(periods[0] ?? '');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ title: string; items: SummaryItem[]; value?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const kpi = plan.kpis.find((k) => k.key === kpiKey);
  const value = parseActual(text);
  const preview = kpi && value !== null && breaches(kpi.withdrawal, value);

  useEffect(() => {
    if (errors) summary.current?.focus();
  }, [errors]);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy || !kpi) return;
    if (value === null) {
      const message = text.trim() === '' ? M.valueRequired : M.valueInvalid;
      setErrors({ title: M.errorTitle, items: [{ fieldId: FIELD.value, message }], value: message });
      return;
    }
    setBusy(true);
    try {
      const saved = await reportActual(plan.id, kpi.key, { period, value }, etag);
      setErrors(null);
      setText('');
      await onSaved(`${M.saved(kpi.name, halfYearLabel(period))}${saved.breached ? M.savedBreach : ''}`);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'stale') {
        setErrors({ title: M.staleTitle, items: [] });
        await onStale();
      } else if (error instanceof ApiError) {
        const items = (error.problem.errors ?? []).map((e) => ({
          fieldId: e.field.endsWith('period') ? FIELD.period : FIELD.value,
          message: e.message,
        }));
        const valueError = items.find((i) => i.fieldId === FIELD.value)?.message;
        setErrors({ title: error.problem.title, items, ...(valueError ? { value: valueError } : {}) });
      } else {
        throw error;
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="actual-form-heading" className="mt-12">
      <h2 id="actual-form-heading" className="text-std-24B-150 text-solid-gray-900">
        {M.formTitle}
      </h2>
      <p className="mt-2 text-std-16N-170 text-solid-gray-700">{M.formLead}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="mt-6 flex flex-col gap-6" aria-labelledby="actual-form-heading">
        {errors ? <ErrorSummary ref={summary} title={errors.title} items={errors.items} /> : null}
        <SelectField id={FIELD.kpi} label={M.kpiField} required value={kpiKey} onChange={(e) => setKpiKey(e.target.value)} options={plan.kpis.map((k) => ({ value: k.key, label: k.name }))} />
        <SelectField id={FIELD.period} label={M.periodField} required value={period} onChange={(e) => setPeriod(e.target.value)} options={periods.map((p) => ({ value: p, label: halfYearLabel(p) }))} />
        <TextField
          id={FIELD.value}
          label={M.valueField}
          required
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...(kpi ? { supportText: M.valueSupport(kpi.unit, kpi.withdrawal ? criterionText(kpi.withdrawal, kpi.unit) : M.withdrawalNone) } : {})}
          error={errors?.value}
        />
        {preview ? (
          <p className="text-std-16B-170 text-error-1" data-testid="breach-preview">
            <span aria-hidden="true">▲ </span>
            {M.previewBreach}
          </p>
        ) : null}
        <div>
          <Button type="submit" unavailable={busy}>
            {busy ? M.submitting : M.submit}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** KPI monitoring of one published plan: targets, withdrawal criteria, actuals and the form to add one. */
export function KpiPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const validId = Number.isSafeInteger(id) && id >= 1;
  const user = useCurrentUser();
  const [loaded, , update] = useLoad(validId ? String(id) : null, (signal) => getPlan(id, signal));
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null);
  const noticeBox = useRef<HTMLDivElement>(null);

  // Awaited by the form, which says what happened once the fresh plan is on screen.
  const reload = useCallback(async () => {
    const fresh = await getPlan(id);
    update(() => fresh);
  }, [id, update]);

  const noticeSeq = notice?.seq;
  useEffect(() => {
    if (noticeSeq) noticeBox.current?.focus();
  }, [noticeSeq]);

  if (!validId || isNotFound(loaded)) return <NotFoundPage />;
  if (loaded.status === 'loading') return <p role="status">{M.loading}</p>;
  if (loaded.status === 'failed') return <ApiErrorNotice title={M.failed} error={loaded.error} />;
  const { plan } = loaded.data;
  const breached = plan.kpis.filter((k) => k.breached);
  const kgiNames = new Map(plan.kgis.map((k) => [k.key, k.name]));
  const published = plan.published_version !== null;
  return (
    <Page
      title={M.title(plan.title)}
      lead={
        <>
          <p>
            <Link to={`/plans/${plan.id}`}>{M.back}</Link>
          </p>
          <p className="mt-2 flex items-center gap-2">
            <StateBadge state={plan.state} />
          </p>
          <p className="mt-2">{M.lead}</p>
        </>
      }
    >
      {notice ? (
        <div ref={noticeBox} tabIndex={-1} className="mb-6" data-testid="kpi-notice">
          <NoticeBanner tone="success" title={notice.text} onClose={() => setNotice(null)} />
        </div>
      ) : null}
      {!published ? <NoticeBanner tone="info" title={M.notPublished} /> : null}
      {breached.length > 0 ? (
        <div className="mb-6" data-testid="breach-summary">
          <NoticeBanner tone="warning" title={M.breachSummary(breached.length)}>
            <ul className="list-disc pl-6">
              {breached.map((k) => (
                <li key={k.key}>
                  <a href={`#kpi-${k.key}-heading`}>{k.name}</a>
                </li>
              ))}
            </ul>
            <p className="mt-2">{M.breachSummaryDetail}</p>
          </NoticeBanner>
        </div>
      ) : null}
      {plan.kpis.length === 0 ? <p className="mt-6 text-std-16N-170">{M.noKpis}</p> : null}
      {plan.kpis.map((kpi) => (
        <KpiCard key={kpi.key} kpi={kpi} kgiName={kpi.kgi_key ? (kgiNames.get(kpi.kgi_key) ?? null) : null} />
      ))}
      {published && plan.kpis.length > 0 ? (
        mayReport(user, plan) ? (
          <ActualForm
            key={plan.id}
            loaded={loaded.data}
            onSaved={async (text) => {
              await reload();
              setNotice((n) => ({ text, seq: (n?.seq ?? 0) + 1 }));
            }}
            onStale={reload}
          />
        ) : (
          <p className="mt-12 text-std-16N-170 text-solid-gray-700">{M.readOnly}</p>
        )
      ) : null}
    </Page>
  );
}
