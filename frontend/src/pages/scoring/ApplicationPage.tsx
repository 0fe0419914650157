import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { decideApplication, getApplication, getCall, saveAssessment, type ApplicationOut, type CallOut, type SelectionOut } from '../../api/scoring';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { formatDateTimeJst } from '../../lib/dates';
import { formatYen } from '../../lib/money';
import { NotFoundPage } from '../NotFoundPage';
import { CriteriaTable } from './CriteriaTable';
import { ScoringNav } from './ScoringNav';
import { WaiverPanel } from './WaiverPanel';
import { formatPercent } from './scatter';
import { SCORING } from './messages';
import { isNotFound, messageOf, useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = SCORING.application;

async function loadApplication(id: number, signal: AbortSignal) {
  const application = await getApplication(id, signal);
  const call = await getCall(application.call_id, signal);
  return { application, call };
}

function Facts({ rows, testId }: { rows: [string, string | null | undefined][]; testId?: string }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-std-16N-170 md:grid-cols-[max-content_1fr]" data-testid={testId}>
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-bold">{term}</dt>
          <dd className="whitespace-pre-wrap">{value || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

const FIELD_MATCH = { unset: '', yes: 'true', no: 'false' } as const;

function Assessment({ application, onSaved }: { application: ApplicationOut; onSaved: (a: ApplicationOut) => void }) {
  const [connector, setConnector] = useState(application.connector_assessment ?? '');
  const [hub, setHub] = useState(application.hub_assessment ?? '');
  const [fieldMatch, setFieldMatch] = useState(application.field_match === null ? '' : String(application.field_match));
  const [note, setNote] = useState(application.assessment_note ?? '');
  const [state, setState] = useState<{ tone: 'success' | 'error'; text: string; errors?: SummaryItem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveAssessment(application.id, {
        connector_assessment: connector.trim() || null,
        hub_assessment: hub.trim() || null,
        field_match: fieldMatch === '' ? null : fieldMatch === 'true',
        assessment_note: note.trim() || null,
      });
      setState({ tone: 'success', text: M.saved });
      onSaved(saved);
    } catch (error) {
      const errors = error instanceof ApiError ? error.fieldErrors.map((p) => ({ fieldId: `assessment-${p.field.replace(/_/g, '-')}`, message: p.message })) : [];
      setState({ tone: 'error', text: messageOf(error), errors });
    } finally {
      setBusy(false);
    }
  };
  const errorAt = (id: string) => state?.errors?.find((e) => e.fieldId === id)?.message;
  return (
    <form
      className="flex flex-col gap-6"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {state?.tone === 'error' ? <ErrorSummary title={state.text} items={state.errors ?? []} /> : null}
      <TextArea id="assessment-connector-assessment" label={M.connectorAssessment} required={false} value={connector} onChange={(e) => setConnector(e.target.value)} error={errorAt('assessment-connector-assessment')} />
      <TextArea id="assessment-hub-assessment" label={M.hubAssessment} required={false} value={hub} onChange={(e) => setHub(e.target.value)} error={errorAt('assessment-hub-assessment')} />
      <SelectField
        id="assessment-field-match"
        label={M.fieldMatch}
        required={false}
        value={fieldMatch}
        onChange={(e) => setFieldMatch(e.target.value)}
        options={(Object.keys(FIELD_MATCH) as (keyof typeof FIELD_MATCH)[]).map((k) => ({ value: FIELD_MATCH[k], label: M.fieldMatchOptions[k] }))}
      />
      <TextArea id="assessment-assessment-note" label={M.note} required={false} value={note} onChange={(e) => setNote(e.target.value)} error={errorAt('assessment-assessment-note')} />
      <div>
        <Button type="submit" variant="secondary" unavailable={busy}>
          {M.saveAssessment}
        </Button>
      </div>
      {state?.tone === 'success' ? <NoticeBanner tone="success" title={state.text} /> : null}
    </form>
  );
}

/** Where a decision's field problems are shown (the published role and scale). */
const DECISION_FIELDS: Record<string, string> = { comment: 'decision-comment', role: 'decision-role', scale: 'decision-scale' };

/** What the selection did to the plan, in words: added, a change request back to pre-check, waiting, refused. */
export function selectionEffectText(selection: SelectionOut): string {
  if (selection.status === 'refused') return M.refusedEffect;
  if (selection.status === 'pending') return M.pendingEffect;
  return M.effects[selection.effect ?? 'added'] ?? M.effects.added ?? '';
}

function SelectionStatus({ selection }: { selection: SelectionOut }) {
  const tone = selection.status === 'refused' ? 'border-error-1' : selection.status === 'done' ? 'border-success-2' : 'border-solid-gray-420';
  return (
    <div className={`mb-4 rounded-8 border-2 ${tone} p-4`} data-testid="selection">
      <p className="text-std-17B-170">
        {M.selection(M.selectionStates[selection.status] ?? selection.status)}
      </p>
      <p className="mt-2 text-std-16N-170" data-testid="selection-effect">
        {selectionEffectText(selection)}
      </p>
      {selection.status !== 'done' && selection.last_error ? (
        <p className="mt-2 text-std-16N-170" data-testid="selection-reason">
          {M.reason(selection.last_error)}
        </p>
      ) : null}
      <dl className="mt-2 grid gap-x-6 gap-y-1 text-std-16N-170 md:grid-cols-[max-content_1fr]">
        <dt className="font-bold">{M.publishedRole}</dt>
        <dd>{selection.role}</dd>
        <dt className="font-bold">{M.publishedScale}</dt>
        <dd>{selection.scale}</dd>
      </dl>
      <p className="mt-2">
        <Link to={`/plans/${selection.plan_id}`} className="text-std-16B-170 text-blue-900 underline">
          {M.openPlan}
        </Link>
      </p>
    </div>
  );
}

function Decision({ application, call, onDecided }: { application: ApplicationOut; call: CallOut; onDecided: (a: ApplicationOut) => void }) {
  const [comment, setComment] = useState('');
  const [role, setRole] = useState('');
  const [scale, setScale] = useState('');
  const [problem, setProblem] = useState<{ title: string; items: SummaryItem[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const decide = async (decision: 'selected' | 'declined') => {
    setBusy(true);
    setDone(null);
    try {
      const decided = await decideApplication(application.id, {
        decision,
        comment: comment.trim() || null,
        role: decision === 'selected' ? role.trim() || null : null,
        scale: decision === 'selected' ? scale.trim() || null : null,
      });
      setProblem(null);
      setDone(M.decided[decision] ?? null);
      onDecided(decided);
    } catch (error) {
      const items = error instanceof ApiError ? error.fieldErrors.map((p): SummaryItem => {
              const fieldId = DECISION_FIELDS[p.field];
              return fieldId ? { fieldId, message: p.message } : { message: p.message };
            }) : [];
      setProblem({ title: error instanceof ApiError ? (error.problem.detail ?? error.title) : messageOf(error), items });
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };
  const mayDecline = application.status === 'received';
  const errorAt = (id: string) =>
    problem?.items
      .filter((i) => i.fieldId === id)
      .map((i) => i.message)
      .join(' ') || undefined;
  return (
    <div className="flex flex-col gap-6">
      {problem ? <ErrorSummary ref={summary} title={problem.title} items={problem.items} /> : null}
      {call.plan_id ? null : <NoticeBanner tone="warning" title={M.noPlan} />}
      <TextArea id="decision-comment" label={M.decisionComment} required={false} value={comment} onChange={(e) => setComment(e.target.value)} />
      <TextField id="decision-role" label={M.role} required={false} supportText={M.roleHint} value={role} onChange={(e) => setRole(e.target.value)} error={errorAt('decision-role')} />
      <TextField id="decision-scale" label={M.scale} required={false} supportText={M.scaleHint} value={scale} onChange={(e) => setScale(e.target.value)} error={errorAt('decision-scale')} />
      <div className="flex flex-wrap gap-4">
        <Button unavailable={busy} onClick={() => void decide('selected')}>
          {M.select}
        </Button>
        {mayDecline ? (
          <Button variant="secondary" unavailable={busy} onClick={() => void decide('declined')}>
            {M.decline}
          </Button>
        ) : null}
      </div>
      {done ? <NoticeBanner tone="success" title={done} /> : null}
    </div>
  );
}

/** One application: 様式1・様式2, the automatic checks, the staff's assessment and the decision. */
export function ApplicationPage() {
  const { applicationId = '' } = useParams();
  const id = Number(applicationId);
  const user = useCurrentUser();
  const [loaded] = useLoad(applicationId, (signal) => loadApplication(id, signal));
  const [updated, setUpdated] = useState<ApplicationOut | null>(null);
  const pending = (updated ?? (loaded.status === 'ready' ? loaded.data.application : null))?.selection?.status === 'pending';
  // A selection reaches plans-api just after the decision commits (or on a later retry); look again
  // until it has.
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(() => {
      getApplication(id).then(setUpdated, () => undefined);
    }, 2000);
    return () => window.clearTimeout(timer);
  }, [pending, id, updated]);

  if (!Number.isInteger(id) || id < 1 || isNotFound(loaded)) return <NotFoundPage />;
  if (loaded.status === 'loading') return <p role="status">{M.loading}</p>;
  if (loaded.status === 'failed') return <ApiErrorNotice title={M.notFound} error={loaded.error} />;
  const { call } = loaded.data;
  const application = updated?.id === id ? updated : loaded.data.application;
  const staff = user.tier === 'prefecture' && hasRole(user, 'editor');
  const approver = user.tier === 'prefecture' && hasRole(user, 'approver');
  const decidable = application.status !== 'selected';

  return (
    <Page title={M.title(application.company_name)}>
      <ScoringNav />
      <p className="mb-6">
        <Link to={`/scoring/calls/${call.id}`} className="text-std-16N-170 text-blue-900 underline">
          {M.back(call.title)}
        </Link>
      </p>
      <p className="mb-8 text-std-17B-170" data-testid="application-status">
        {M.status(M.statuses[application.status] ?? application.status)}
      </p>
      <section aria-labelledby="app-criteria" className="mb-10">
        <h2 id="app-criteria" className="mb-4 text-std-24B-150">{M.criteriaHeading}</h2>
        <CriteriaTable criteria={application.criteria ?? []} />
      </section>
      <section aria-labelledby="app-facts" className="mb-10">
        <h2 id="app-facts" className="mb-4 text-std-24B-150">{M.facts}</h2>
        <Facts
          rows={[
            [SCORING.companies.corporateNumber, application.corporate_number],
            [M.fields.company_name, application.company_name],
            [M.fields.hq_address, application.hq_address],
            [M.fields.business_summary, application.business_summary],
            [M.fields.employees, M.employeesValue(application.employees.toLocaleString('ja-JP'), application.employees_as_of)],
            [M.fields.current_sales, M.salesValue(formatYen(application.current_sales), application.current_sales_period)],
            [SCORING.company.web, application.web],
            [SCORING.call.submittedAt, formatDateTimeJst(application.submitted_at)],
          ]}
        />
      </section>
      <section aria-labelledby="app-figures" className="mb-10">
        <h2 id="app-figures" className="mb-4 text-std-24B-150">{M.figures}</h2>
        <Facts
          testId="application-figures"
          rows={[
            [M.fields.fiscal_period, application.fiscal_period],
            [SCORING.figures.sales, formatYen(application.sales)],
            [SCORING.figures.out_of_prefecture_sales, formatYen(application.out_of_prefecture_sales)],
            [SCORING.figures.purchases, formatYen(application.purchases)],
            [SCORING.figures.in_prefecture_purchases, formatYen(application.in_prefecture_purchases)],
            [SCORING.metrics.connector_ratio, formatPercent(application.connector_ratio)],
            [SCORING.metrics.hub_ratio, formatPercent(application.hub_ratio)],
            [M.fields.excellence_statement, application.excellence_statement],
          ]}
        />
      </section>
      <section aria-labelledby="app-plan" className="mb-10">
        <h2 id="app-plan" className="mb-4 text-std-24B-150">{M.plan}</h2>
        <Facts
          rows={[
            [M.fields.philosophy, application.philosophy],
            [M.fields.present_state, application.present_state],
            [M.fields.strategy, application.strategy],
            [M.fields.investment_picture, application.investment_picture],
            [M.fields.regional_impact, application.regional_impact],
            [M.fields.vision, application.vision],
          ]}
        />
      </section>
      {decidable || (application.waivers ?? []).length > 0 ? <WaiverPanel key={application.id} application={application} mayWaive={approver && decidable} onWaived={setUpdated} /> : null}
      <section aria-labelledby="app-assessment" className="mb-10">
        <h2 id="app-assessment" className="mb-2 text-std-24B-150">{M.assessmentHeading}</h2>
        <p className="mb-4 text-std-16N-170">{M.assessmentLead}</p>
        {staff ? (
          <Assessment key={application.id} application={application} onSaved={setUpdated} />
        ) : (
          <Facts
            rows={[
              [M.connectorAssessment, application.connector_assessment],
              [M.hubAssessment, application.hub_assessment],
              [M.fieldMatch, application.field_match === null ? M.fieldMatchOptions.unset : application.field_match ? M.fieldMatchOptions.yes : M.fieldMatchOptions.no],
              [M.note, application.assessment_note],
            ]}
          />
        )}
      </section>
      <section aria-labelledby="app-decision" className="mb-10">
        <h2 id="app-decision" className="mb-2 text-std-24B-150">{M.decisionHeading}</h2>
        <p className="mb-4 text-std-16N-170">{M.decisionLead}</p>
        {application.selection ? <SelectionStatus selection={application.selection} /> : null}
        {approver && decidable ? <Decision application={application} call={call} onDecided={setUpdated} /> : null}
        {!approver && decidable ? <p>{M.onlyApprover}</p> : null}
        {application.decisions && application.decisions.length > 0 ? (
          <>
            <h3 className="mt-6 mb-2 text-std-20B-150">{M.historyHeading}</h3>
            <ol className="flex flex-col gap-2 text-std-16N-170">
              {application.decisions.map((d) => (
                <li key={d.decided_at}>
                  {M.decisionLine(formatDateTimeJst(d.decided_at), M.statuses[d.decision] ?? d.decision, d.actor, d.comment)}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
    </Page>
  );
}
