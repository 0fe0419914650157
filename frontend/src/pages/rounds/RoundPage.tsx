import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import { listRounds, roundHistory, updateRound, type RoundHistoryOut, type RoundOut } from '../../api/rounds';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { ErrorSummary, summaryItemsOf, useErrorSummary } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { now } from '../../lib/clock';
import { formatDateTimeJst, formatDay, formatUntil } from '../../lib/dates';
import { useOrganisationNames } from '../plans/useOrganisationNames';
import { useLoad } from '../../lib/useLoad';
import { ROUNDS } from './messages';
import { ROUND_PATHS } from './paths';
import { FIELD_IDS, fieldIdForServer, formValuesOf, historyChanges, kindLabel, roundEditable, roundPatch, type RoundFormValues } from './rounds';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const F = ROUNDS.form;
const H = ROUNDS.history;

function ReadOnlyRound({ round }: { round: RoundOut }) {
  return (
    <section aria-labelledby="round-form-title" data-testid="round-read-only">
      <h2 id="round-form-title" className="text-std-24B-150">
        {F.title}
      </h2>
      <div className="mt-4">
        <NoticeBanner tone="info" title={F.readOnly}>
          <p>{F.readOnlyReason(formatUntil(round.last_day))}</p>
        </NoticeBanner>
      </div>
      <div className="mt-4">
        <ReadOnlyFields round={round} />
      </div>
    </section>
  );
}

function RoundForm({ round, onSaved }: { round: RoundOut; onSaved: (round: RoundOut) => void }) {
  const [values, setValues] = useState<RoundFormValues>(() => formValuesOf(round));
  const { errors, setErrors, show, errorAt, summary } = useErrorSummary();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof RoundFormValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors: found, patch } = roundPatch(values, round);
    if (!patch) return show(found);
    setBusy(true);
    try {
      const saved = await updateRound(round.code, patch);
      setErrors([]);
      onSaved(saved);
    } catch (error) {
      show(summaryItemsOf(error, fieldIdForServer));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="round-form-title">
      <h2 id="round-form-title" className="text-std-24B-150">
        {F.title}
      </h2>
      <div className="mt-4">{errors.length > 0 ? <ErrorSummary ref={summary} title={F.summary} items={errors} /> : null}</div>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-6">
        <TextField id={FIELD_IDS.name} label={F.name} required value={values.name} onChange={(e) => set('name')(e.target.value)} error={errorAt(FIELD_IDS.name)} />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id={FIELD_IDS.last_day}
            type="date"
            label={F.lastDay}
            required
            supportText={F.lastDayHint}
            value={values.lastDay}
            onChange={(e) => set('lastDay')(e.target.value)}
            error={errorAt(FIELD_IDS.last_day)}
          />
          <TextField
            id={FIELD_IDS.review_target_date}
            type="date"
            label={F.target}
            required={false}
            supportText={F.targetHint}
            value={values.target}
            onChange={(e) => set('target')(e.target.value)}
            error={errorAt(FIELD_IDS.review_target_date)}
          />
        </div>
        <div>
          <Button type="submit" unavailable={busy}>
            {F.submit}
          </Button>
        </div>
      </form>
    </section>
  );
}

function HistoryTable({ entries }: { entries: readonly RoundHistoryOut[] }) {
  const organisationName = useOrganisationNames(entries.map((e) => e.organisation));
  if (entries.length === 0) return <p>{H.none}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-std-16N-170">
        <caption className="sr-only">{H.caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="p-2">{H.when}</th>
            <th scope="col" className="p-2">{H.who}</th>
            <th scope="col" className="p-2">{H.what}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => {
            const changes = historyChanges(entry);
            return (
              <tr key={`${entry.occurred_at}-${String(index)}`} className="border-b border-solid-gray-420" data-testid="round-history-row">
                <td className="p-2 align-top">{formatDateTimeJst(entry.occurred_at)}</td>
                <td className="p-2 align-top">
                  {entry.actor_name}
                  <span className="block text-dns-14N-130 text-solid-gray-700">{organisationName(entry.organisation)}</span>
                </td>
                <td className="p-2 align-top">
                  <p className="text-std-16B-170">{entry.action === 'create' ? H.create : H.update}</p>
                  {changes.length > 0 ? (
                    <ul className="list-disc pl-6">
                      {changes.map((change) => (
                        <li key={change.field}>
                          {H.change(change.label, change.before, change.after)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p>{H.noChange}</p>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One round: its dates, the form (national admin, until the cutoff) and its history. */
export function RoundPage() {
  const { code = '' } = useParams();
  const user = useCurrentUser();
  const [rounds, reloadRounds] = useLoad(`rounds`, (signal) => listRounds(signal));
  const [history, reloadHistory] = useLoad(`history:${code}`, (signal) => roundHistory(code, signal));
  const [saved, setSaved] = useState(false);
  const round = rounds.status === 'ready' ? rounds.data.find((r) => r.code === code) : undefined;
  const admin = user.tier === 'national' && hasRole(user, 'admin');
  const title = round ? round.name : ROUNDS.list.title;
  return (
    <Page title={title} lead={round ? <p>{ROUNDS.detail.lead(formatUntil(round.last_day))}</p> : undefined}>
      <p className="mb-6">
        <Link to={ROUND_PATHS.list} className="text-blue-900">
          {ROUNDS.detail.back}
        </Link>
      </p>
      {saved ? (
        <div className="mb-6">
          <NoticeBanner tone="success" title={F.saved} onClose={() => setSaved(false)} />
        </div>
      ) : null}
      {rounds.status === 'loading' ? <p role="status">{ROUNDS.list.loading}</p> : null}
      {rounds.status === 'failed' ? <ApiErrorNotice error={rounds.error} /> : null}
      {rounds.status === 'ready' && !round ? <NoticeBanner tone="error" title={ROUNDS.detail.notFound} /> : null}
      {round ? (
        roundEditable(round, now()) && admin ? (
          <RoundForm
            key={`${round.name}|${round.last_day}|${round.review_target_date ?? ''}`}
            round={round}
            onSaved={() => {
              setSaved(true);
              reloadRounds();
              reloadHistory();
            }}
          />
        ) : roundEditable(round, now()) ? (
          <>
            <ReadOnlyFields round={round} />
            <p className="mt-4">{F.notAdmin}</p>
          </>
        ) : (
          <ReadOnlyRound round={round} />
        )
      ) : null}
      <section aria-labelledby="round-history-title" className="mt-12">
        <h2 id="round-history-title" className="text-std-24B-150">
          {H.title}
        </h2>
        <div className="mt-4">
          {history.status === 'loading' ? <p role="status">{ROUNDS.list.loading}</p> : null}
          {history.status === 'failed' ? <ApiErrorNotice error={history.error} /> : null}
          {history.status === 'ready' ? <HistoryTable entries={history.data} /> : null}
        </div>
      </section>
    </Page>
  );
}

function ReadOnlyFields({ round }: { round: RoundOut }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-std-16N-170">
      <dt className="text-std-16B-170">{F.name}</dt>
      <dd>{round.name}</dd>
      <dt className="text-std-16B-170">{ROUNDS.list.kind}</dt>
      <dd>{kindLabel(round.kind)}</dd>
      <dt className="text-std-16B-170">{F.lastDay}</dt>
      <dd>{formatUntil(round.last_day)}</dd>
      <dt className="text-std-16B-170">{F.target}</dt>
      <dd>{round.review_target_date ? formatDay(round.review_target_date) : ROUNDS.list.notSet}</dd>
    </dl>
  );
}
