import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { createRound, listRounds, type RoundOut } from '../../api/rounds';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorSummary, summaryItemsOf, useErrorSummary } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { now } from '../../lib/clock';
import { formatDay, formatUntil } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { ROUNDS } from './messages';
import { FIELD_IDS, fieldIdForServer, kindLabel, newRoundBody, roundEditable, type NewRoundValues } from './rounds';
import { ROUND_PATHS } from './paths';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';

const M = ROUNDS.list;

function RoundTable({ rounds, publisher }: { rounds: readonly RoundOut[]; publisher: boolean }) {
  const today = now();
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-std-16N-170">
        <caption className="sr-only">{M.caption}</caption>
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            <th scope="col" className="p-2">{M.name}</th>
            <th scope="col" className="p-2">{M.kind}</th>
            <th scope="col" className="p-2">{M.lastDay}</th>
            <th scope="col" className="p-2">{M.target}</th>
            <th scope="col" className="p-2">{M.state}</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((round) => (
            <tr key={round.code} className="border-b border-solid-gray-420" data-testid={`round-row-${round.code}`}>
              <td className="p-2">
                <Link to={ROUND_PATHS.round(round.code)} className="text-blue-900">
                  {round.name}
                </Link>
                {publisher && round.kind === 'batch' ? (
                  <Link to={ROUND_PATHS.publicationOf(round.code)} className="block text-dns-16N-130 text-blue-900">
                    {M.publication}
                  </Link>
                ) : null}
              </td>
              <td className="p-2">{kindLabel(round.kind)}</td>
              <td className="p-2">
                <time dateTime={round.last_day}>{formatUntil(round.last_day)}</time>
              </td>
              <td className="p-2">{round.review_target_date ? formatDay(round.review_target_date) : M.notSet}</td>
              <td className="p-2">{roundEditable(round, today) ? M.editable : M.closed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const EMPTY: NewRoundValues = { code: '', name: '', kind: 'batch', lastDay: '', target: '' };
const C = ROUNDS.create;

function CreateRoundForm({ onCreated }: { onCreated: (round: RoundOut) => void }) {
  const [values, setValues] = useState<NewRoundValues>(EMPTY);
  const { errors, setErrors, show, errorAt, summary } = useErrorSummary();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof NewRoundValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors: found, body } = newRoundBody(values);
    if (!body) return show(found);
    setBusy(true);
    try {
      const round = await createRound(body);
      setErrors([]);
      setValues(EMPTY);
      onCreated(round);
    } catch (error) {
      show(summaryItemsOf(error, fieldIdForServer));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="round-create-title" className="mt-12">
      <h2 id="round-create-title" className="text-std-24B-150">
        {C.title}
      </h2>
      <p className="mt-2 text-std-16N-170">{C.lead}</p>
      <div className="mt-4">{errors.length > 0 ? <ErrorSummary ref={summary} title={ROUNDS.form.summary} items={errors} /> : null}</div>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-6">
        <div className="grid gap-4 md:grid-cols-2">
          <TextField id={FIELD_IDS.code} label={C.code} required supportText={C.codeHint} value={values.code} onChange={(e) => set('code')(e.target.value)} error={errorAt(FIELD_IDS.code)} />
          <TextField id={FIELD_IDS.name} label={C.name} required value={values.name} onChange={(e) => set('name')(e.target.value)} error={errorAt(FIELD_IDS.name)} />
          <SelectField
            id={FIELD_IDS.kind}
            label={C.kind}
            required
            value={values.kind}
            onChange={(e) => set('kind')(e.target.value)}
            options={Object.entries(ROUNDS.kinds).map(([value, label]) => ({ value, label }))}
          />
          <TextField
            id={FIELD_IDS.last_day}
            type="date"
            label={ROUNDS.form.lastDay}
            required
            supportText={ROUNDS.form.lastDayHint}
            value={values.lastDay}
            onChange={(e) => set('lastDay')(e.target.value)}
            error={errorAt(FIELD_IDS.last_day)}
          />
          <TextField
            id={FIELD_IDS.review_target_date}
            type="date"
            label={ROUNDS.form.target}
            required={false}
            supportText={ROUNDS.form.targetHint}
            value={values.target}
            onChange={(e) => set('target')(e.target.value)}
            error={errorAt(FIELD_IDS.review_target_date)}
          />
        </div>
        <div>
          <Button type="submit" unavailable={busy}>
            {C.submit}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** 回と締切: every round with its last day, target date and whether it can still be changed. */
export function RoundsPage() {
  const user = useCurrentUser();
  const [loaded, reload] = useLoad('rounds', (signal) => listRounds(signal));
  const [created, setCreated] = useState<RoundOut | null>(null);
  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      {created ? (
        <div className="mb-6">
          <NoticeBanner tone="success" title={C.done} onClose={() => setCreated(null)}>
            <Link to={ROUND_PATHS.round(created.code)}>{created.name}</Link>
          </NoticeBanner>
        </div>
      ) : null}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.length > 0 ? (
          <RoundTable rounds={loaded.data} publisher={hasRole(user, 'publisher')} />
        ) : (
          <EmptyState title={M.none}>
            <p>{C.lead}</p>
          </EmptyState>
        )
      ) : null}
      {user.tier === 'national' && hasRole(user, 'admin') ? (
        <CreateRoundForm
          onCreated={(round) => {
            setCreated(round);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
