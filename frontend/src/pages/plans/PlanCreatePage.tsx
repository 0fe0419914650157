import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { createPlan } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/session';
import type { SessionUser } from '../../auth/types';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { RequirementBadge } from '../../components/RequirementBadge';
import { TextField } from '../../components/TextField';
import { now } from '../../lib/clock';
import { fiscalYearOf, formatFiscalYear } from '../../lib/dates';
import { PLAN_TYPE_LABELS, type PlanType } from '../../lib/plans';
import { parseNumber } from '../../lib/planDraft';
import { PLAN_MESSAGES } from './messages';

const C = PLAN_MESSAGES.create;

/** B: a prefecture or a designated city; C: a municipality or a prefecture (DESIGN §2). */
export function authorableTypes(user: SessionUser): PlanType[] {
  if (user.tier === 'prefecture') return ['B', 'C'];
  if (user.tier === 'municipality') return user.designated_city ? ['B', 'C'] : ['C'];
  return [];
}

export function PlanCreatePage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const types = authorableTypes(user);
  const thisYear = fiscalYearOf(now());
  const [type, setType] = useState<PlanType>(types.includes('C') && types.length === 1 ? 'C' : (types[0] ?? 'C'));
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(String(thisYear));
  const [goal, setGoal] = useState(String(thisYear + 4));
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  // Every refused attempt (a new list) puts the focus on the summary once it is drawn.
  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);

  const errorAt = (id: string) => errors.find((e) => e.fieldId === id)?.message;

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: SummaryItem[] = [];
    if (!title.trim()) found.push({ fieldId: 'create-title', message: C.titleMissing });
    const startYear = parseNumber(start);
    const goalYear = parseNumber(goal);
    if (startYear === null) found.push({ fieldId: 'create-start', message: C.startMissing });
    if (goalYear === null) found.push({ fieldId: 'create-goal', message: C.goalMissing });
    if (startYear !== null && goalYear !== null && (goalYear < startYear || goalYear - startYear > 10)) {
      found.push({ fieldId: 'create-goal', message: C.goalTooFar });
    }
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      const plan = await createPlan({ plan_type: type, title: title.trim(), period_start_fy: startYear, goal_fiscal_year: goalYear });
      void navigate(`/plans/${plan.id}`);
    } catch (error) {
      const message = error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error);
      setErrors([{ message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={C.title} lead={<p>{C.lead}</p>}>
      {errors.length > 0 ? <ErrorSummary ref={summary} title={C.errors} items={errors} /> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-2xl flex-col gap-6">
        <fieldset>
          <legend className="text-std-17B-170 text-solid-gray-800">
            {C.type}
            <RequirementBadge required />
          </legend>
          <div className="mt-2 flex flex-col gap-2">
            {types.map((t) => (
              <label key={t} className="flex items-center gap-2 text-std-16N-170">
                <input type="radio" name="plan_type" value={t} checked={type === t} onChange={() => setType(t)} className="size-6" />
                {PLAN_TYPE_LABELS[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <TextField id="create-title" label={C.name} required value={title} onChange={(e) => setTitle(e.target.value)} error={errorAt('create-title')} />
        <TextField
          id="create-start"
          label={C.start}
          required
          inputMode="numeric"
          supportText={C.startHelp(formatFiscalYear(thisYear))}
          value={start}
          onChange={(e) => setStart(e.target.value)}
          error={errorAt('create-start')}
        />
        <TextField
          id="create-goal"
          label={C.goal}
          required
          inputMode="numeric"
          supportText={C.goalHelp}
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
          error={errorAt('create-goal')}
        />
        <div>
          <Button type="submit" unavailable={busy}>
            {busy ? C.creating : C.create}
          </Button>
        </div>
      </form>
    </Page>
  );
}
