import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { listPlans } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { getCall, listApplications, setCallPlan, type CallOut } from '../../api/scoring';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner } from '../../components/NoticeBanner';
import { FIELD_COMPONENT_MESSAGES } from '../../components/messages';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { formatDateTimeJst } from '../../lib/dates';
import { now } from '../../lib/clock';
import { formatYen } from '../../lib/money';
import { NotFoundPage } from '../NotFoundPage';
import { Verdict } from './CriteriaTable';
import { ScoringNav } from './ScoringNav';
import { criteriaText, formatMoment, windowState } from './criteria';
import { SCORING } from './messages';
import { isNotFound, messageOf, useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = SCORING.call;
const cell = 'p-2 text-left align-top';

async function loadCall(id: number, signal: AbortSignal) {
  const [call, applications] = await Promise.all([getCall(id, signal), listApplications(id, signal)]);
  return { call, applications };
}

function PlanSetting({ call, onSaved }: { call: CallOut; onSaved: () => void }) {
  const [plans] = useLoad('b-plans', (signal) => listPlans({ type: 'B' }, 0, signal, 100));
  const [planId, setPlanId] = useState(call.plan_id ?? '');
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setReasons([]);
    if (!planId) {
      setMessage({ tone: 'error', text: M.planMissing });
      return;
    }
    setBusy(true);
    try {
      await setCallPlan(call.id, planId);
      setMessage({ tone: 'success', text: M.planSaved });
      onSaved();
    } catch (error) {
      // plans-api's reasons (not a B plan, another prefecture's, published…) belong to the field
      const atField = error instanceof ApiError ? error.fieldErrors.filter((p) => p.field === 'plan_id').map((p) => p.message) : [];
      setReasons(atField);
      setMessage({ tone: 'error', text: error instanceof ApiError && atField.length > 0 ? error.title : messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-4 flex flex-col gap-4 rounded-8 border border-solid-gray-420 p-4">
      <SelectField
        id="call-plan-setting"
        label={M.planSelect}
        required
        value={planId}
        onChange={(e) => setPlanId(e.target.value)}
        options={[
          { value: '', label: M.planNone },
          ...(plans.status === 'ready' ? plans.data.items.map((p) => ({ value: String(p.id), label: p.title })) : []),
        ]}
        aria-invalid={reasons.length > 0 ? true : undefined}
        aria-describedby={reasons.length > 0 ? 'call-plan-setting-error' : undefined}
      />
      {reasons.length > 0 ? (
        <p id="call-plan-setting-error" className="text-dns-16N-130 text-error-1">
          {FIELD_COMPONENT_MESSAGES.fieldError(reasons.join(' '))}
        </p>
      ) : null}
      <div>
        <Button size="sm" variant="secondary" unavailable={busy} onClick={() => void save()}>
          {M.planSave}
        </Button>
      </div>
      {message ? <NoticeBanner tone={message.tone} title={message.text} /> : null}
    </div>
  );
}

/** One call: its terms, the B plan its selections join, and the applications with their checks. */
export function CallPage() {
  const { callId = '' } = useParams();
  const id = Number(callId);
  const user = useCurrentUser();
  const [loaded, reload] = useLoad(callId, (signal) => loadCall(id, signal));
  if (!Number.isInteger(id) || id < 1 || isNotFound(loaded)) return <NotFoundPage />;
  if (loaded.status === 'loading') return <p role="status">{M.loading}</p>;
  if (loaded.status === 'failed') return <ApiErrorNotice title={M.notFound} error={loaded.error} />;
  const { call, applications } = loaded.data;
  const approver = user.tier === 'prefecture' && hasRole(user, 'approver');
  const list = (items: Record<string, string>[]) => (items.length ? items.map((i) => i.label ?? i.code).join('、') : M.none);

  return (
    <Page title={call.title}>
      <ScoringNav />
      <p className="mb-6">
        <Link to="/scoring/calls" className="text-std-16N-170 text-blue-900 underline">
          {M.back}
        </Link>
      </p>
      <section aria-labelledby="call-facts" className="mb-10">
        <h2 id="call-facts" className="mb-4 text-std-24B-150">{M.facts}</h2>
        <dl className="grid gap-x-6 gap-y-2 text-std-16N-170 md:grid-cols-[max-content_1fr]" data-testid="call-facts">
          <dt className="font-bold">{SCORING.calls.window}</dt>
          <dd>
            {M.window(formatMoment(call.opens_at), formatMoment(call.closes_at), SCORING.calls.states[windowState(call, now())])}
          </dd>
          {call.description ? (
            <>
              <dt className="font-bold">{M.description}</dt>
              <dd className="whitespace-pre-wrap">{call.description}</dd>
            </>
          ) : null}
          <dt className="font-bold">{M.targetFields}</dt>
          <dd>{call.target_fields.length ? call.target_fields.join('、') : M.none}</dd>
          <dt className="font-bold">{SCORING.calls.criteria}</dt>
          <dd>{criteriaText(call).join('、') || M.none}</dd>
          <dt className="font-bold">{M.consents}</dt>
          <dd>{list(call.required_consents)}</dd>
          <dt className="font-bold">{M.documents}</dt>
          <dd>{list(call.required_documents)}</dd>
        </dl>
      </section>
      <section aria-labelledby="call-plan" className="mb-10">
        <h2 id="call-plan" className="mb-4 text-std-24B-150">{M.planHeading}</h2>
        {call.plan_id ? (
          <p>
            <Link to={`/plans/${call.plan_id}`} className="text-std-16B-170 text-blue-900 underline" data-testid="call-plan-link">
              {M.openPlan(call.plan_id)}
            </Link>
          </p>
        ) : (
          <p>{SCORING.calls.noPlan}</p>
        )}
        {approver ? <PlanSetting key={call.plan_id ?? ''} call={call} onSaved={reload} /> : null}
      </section>
      <section aria-labelledby="call-applications">
        <h2 id="call-applications" className="mb-4 text-std-24B-150">
          {M.applicationsHeading(applications.length)}
        </h2>
        {applications.length === 0 ? (
          <EmptyState title={M.applicationsEmpty}>
            <p>{M.acceptsUntil(formatMoment(call.closes_at))}</p>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-std-16N-170" data-testid="applications">
              <caption className="mb-2 text-left text-std-17B-170">{M.applicationsCaption}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className={cell}>{SCORING.companies.company}</th>
                  <th scope="col" className={cell}>{M.submittedAt}</th>
                  <th scope="col" className={cell}>{M.employees}</th>
                  <th scope="col" className={cell}>{M.sales}</th>
                  <th scope="col" className={cell}>{M.autoCheck}</th>
                  <th scope="col" className={cell}>{M.status}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id} className="border-b border-solid-gray-420" data-testid={`application-${a.id}`}>
                    <th scope="row" className={`${cell} font-normal`}>
                      <Link to={`/scoring/applications/${a.id}`} className="text-std-16B-170 text-blue-900 underline">
                        {a.company_name}
                      </Link>
                      <span className="block text-dns-14N-130 text-solid-gray-700">
                        {SCORING.companies.corporateNumber} {a.corporate_number}
                      </span>
                    </th>
                    <td className={cell}>{formatDateTimeJst(a.submitted_at)}</td>
                    <td className={cell}>{SCORING.persons(a.employees.toLocaleString('ja-JP'))}</td>
                    <td className={cell}>{formatYen(a.sales, 'million')}</td>
                    <td className={cell}>
                      <ul className="flex flex-col gap-1">
                        {(a.quantitative_criteria ?? []).map((c) => (
                          <li key={c.code}>
                            {c.label}
                            {SCORING.separator}
                            <Verdict passed={c.passed} />
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className={cell}>{SCORING.application.statuses[a.status] ?? a.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
