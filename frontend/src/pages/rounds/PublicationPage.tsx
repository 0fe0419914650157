import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  cancelPublication,
  getPublication,
  listRounds,
  schedulePublication,
  type PublicationOut,
  type PublicationPlan,
} from '../../api/rounds';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary, useErrorSummary } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatDateTimeJst, formatUntil, isoDateJst, jstInstant, jstParts } from '../../lib/dates';
import { PLAN_STATE_LABELS, PLAN_TYPE_LABELS } from '../../lib/plans';
import { useOrganisationNames } from '../plans/useOrganisationNames';
import { messageOf, useLoad } from '../../lib/useLoad';
import { ROUNDS } from './messages';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = ROUNDS.publication;
const DATE_ID = 'publication-date';
const TIME_ID = 'publication-time';

/** The Japanese label of a type or state the API sends as a plain string (blank for an unknown one, never the code). */
const label = (labels: Record<string, string>, code: string): string => labels[code] ?? '';

function PlanList({ id, title, plans, withReason }: { id: string; title: string; plans: readonly PublicationPlan[]; withReason: boolean }) {
  const organisationName = useOrganisationNames(plans.map((p) => p.lead_organisation));
  return (
    <section aria-labelledby={id} className="mt-8" data-testid={id}>
      <h3 id={id} className="text-std-20B-150">
        {M.listTitle(title, plans.length)}
      </h3>
      {plans.length === 0 ? (
        <p className="mt-2">{M.empty}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-std-16N-170">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-600">
                <th scope="col" className="p-2">{M.plan}</th>
                <th scope="col" className="p-2">{M.type}</th>
                <th scope="col" className="p-2">{M.lead_org}</th>
                <th scope="col" className="p-2">{M.state}</th>
                {withReason ? <th scope="col" className="p-2">{M.reason}</th> : null}
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.plan_id} className="border-b border-solid-gray-420">
                  <td className="p-2">
                    <Link to={`/plans/${String(plan.plan_id)}`} className="text-blue-900">
                      {plan.title}
                    </Link>
                  </td>
                  <td className="p-2">{label(PLAN_TYPE_LABELS, plan.plan_type)}</td>
                  <td className="p-2">{organisationName(plan.lead_organisation)}</td>
                  <td className="p-2">{label(PLAN_STATE_LABELS, plan.state)}</td>
                  {withReason ? <td className="p-2">{plan.reason ?? ''}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function PublicationState({ publication }: { publication: PublicationOut }) {
  const done = publication.status === 'done';
  return (
    <section aria-labelledby="publication-state-title" className="mt-8" data-testid="publication-state">
      <h2 id="publication-state-title" className="text-std-24B-150">
        {done ? M.statusDone : M.statusScheduled}
      </h2>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-std-16N-170">
        <dt className="text-std-16B-170">{M.publishAt}</dt>
        <dd>{M.jst(formatDateTimeJst(publication.publish_at))}</dd>
        <dt className="text-std-16B-170">{M.scheduledBy}</dt>
        <dd>{publication.scheduled_by}</dd>
        {publication.done_at ? (
          <>
            <dt className="text-std-16B-170">{M.doneAt}</dt>
            <dd>{M.jst(formatDateTimeJst(publication.done_at))}</dd>
          </>
        ) : null}
      </dl>
      {done ? (
        <>
          <PlanList id="publication-published" title={M.published} plans={publication.published} withReason={false} />
          <PlanList id="publication-left-out" title={M.leftOut} plans={publication.left_out} withReason />
        </>
      ) : (
        <>
          <PlanList id="publication-ready" title={M.ready} plans={publication.ready} withReason={false} />
          <PlanList id="publication-not-ready" title={M.notReady} plans={publication.not_ready} withReason />
        </>
      )}
    </section>
  );
}

function ScheduleForm({
  code,
  current,
  onDone,
}: {
  code: string;
  current: PublicationOut | null;
  onDone: (notice: string) => void;
}) {
  const start = current ? jstParts(current.publish_at) : null;
  const [date, setDate] = useState(current ? isoDateJst(current.publish_at) : '');
  const [time, setTime] = useState(start ? `${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}` : '10:00');
  const { errors, setErrors, show, errorAt, summary } = useErrorSummary();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, notice: string) => {
    setBusy(true);
    try {
      await action();
      setErrors([]);
      onDone(notice);
    } catch (error) {
      show(
        error instanceof ApiError && error.fieldErrors.length > 0
          ? error.fieldErrors.map((p) => ({ fieldId: DATE_ID, message: p.message }))
          : [{ message: messageOf(error) }],
      );
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const at = jstInstant(date, time);
    if (!at) return show([{ fieldId: date ? TIME_ID : DATE_ID, message: M.invalidMoment }]);
    void run(() => schedulePublication(code, at), current ? M.moved : M.scheduled);
  };
  return (
    <div className="mt-8">
      {errors.length > 0 ? <ErrorSummary ref={summary} title={ROUNDS.form.summary} items={errors} /> : null}
      <form onSubmit={onSubmit} noValidate className="flex max-w-3xl flex-col gap-6" aria-label={current ? M.move : M.schedule}>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField id={DATE_ID} type="date" label={M.date} required value={date} onChange={(e) => setDate(e.target.value)} error={errorAt(DATE_ID)} />
          <TextField id={TIME_ID} type="time" label={M.time} required supportText={M.timeHint} value={time} onChange={(e) => setTime(e.target.value)} error={errorAt(TIME_ID)} />
        </div>
        <div className="flex flex-wrap gap-4">
          <Button type="submit" unavailable={busy}>
            {current ? M.move : M.schedule}
          </Button>
          {current ? (
            <Button variant="secondary" unavailable={busy} onClick={() => void run(() => cancelPublication(code), M.cancelled)}>
              {M.cancel}
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}

function RoundPublication({ code, publisher }: { code: string; publisher: boolean }) {
  const [loaded, reload] = useLoad(`publication:${code}`, (signal) => getPublication(code, signal));
  const [notice, setNotice] = useState<string | null>(null);
  const onDone = (text: string) => {
    setNotice(text);
    reload();
  };
  return (
    <>
      {notice ? (
        <div className="mt-6">
          <NoticeBanner tone="success" title={notice} onClose={() => setNotice(null)} />
        </div>
      ) : null}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        <>
          {loaded.data ? (
            <PublicationState publication={loaded.data} />
          ) : (
            <div className="mt-8">
              <EmptyState title={M.none}>
                <p>{M.noneDetail}</p>
              </EmptyState>
            </div>
          )}
          {publisher && loaded.data?.status !== 'done' ? (
            <ScheduleForm key={loaded.data?.publish_at ?? 'new'} code={code} current={loaded.data} onDone={onDone} />
          ) : null}
          {!publisher ? <p className="mt-6">{M.publisherOnly}</p> : null}
        </>
      ) : null}
    </>
  );
}

/** 回の一斉公表: a publisher picks a batch round and a JST moment; the ready plans go out together. */
export function PublicationPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [rounds] = useLoad('rounds', (signal) => listRounds(signal));
  const batches = rounds.status === 'ready' ? rounds.data.filter((r) => r.kind === 'batch') : [];
  const code = params.get('round') ?? batches[0]?.code ?? '';
  const selected = batches.find((r) => r.code === code);
  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      {rounds.status === 'loading' ? <p role="status">{ROUNDS.list.loading}</p> : null}
      {rounds.status === 'failed' ? <ApiErrorNotice error={rounds.error} /> : null}
      {rounds.status === 'ready' && batches.length === 0 ? <p>{M.noRound}</p> : null}
      {batches.length > 0 ? (
        <SelectField
          id="publication-round"
          label={M.round}
          required
          value={code}
          onChange={(e) => setParams({ round: e.target.value }, { replace: true })}
          options={batches.map((r) => ({ value: r.code, label: M.roundOption(r.name, formatUntil(r.last_day)) }))}
        />
      ) : null}
      {selected ? <RoundPublication key={selected.code} code={selected.code} publisher={user.tier === 'national' && hasRole(user, 'publisher')} /> : null}
    </Page>
  );
}
