import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { listPlans } from '../../api/plans';
import { createCall } from '../../api/scoring';
import { Button } from '../../components/Button';
import { ErrorSummary, summaryItemsOf, useErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { RequirementBadge } from '../../components/RequirementBadge';
import { FIELD_COMPONENT_MESSAGES } from '../../components/messages';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { formatDateBoth } from '../../lib/dates';
import { ScoringNav } from './ScoringNav';
import {
  CONSENT_OPTIONS,
  DOCUMENT_OPTIONS,
  FIELD_IDS,
  fieldIdForServer,
  validateCallForm,
  type CallFormValues,
  type LabelledOption,
} from './callForm';
import { SCORING } from './messages';
import { useLoad } from '../../lib/useLoad';

const M = SCORING.callForm;

const EMPTY: CallFormValues = {
  title: '',
  description: '',
  opensDate: '',
  opensTime: '00:00',
  closesDate: '',
  closesTime: '12:00',
  targetFields: '',
  minSales: '',
  maxEmployees: '',
  consents: CONSENT_OPTIONS.map((o) => o.code),
  documents: DOCUMENT_OPTIONS.map((o) => o.code),
  planId: '',
};

/** The date as 和暦 and 西暦, under a date field once it holds one. */
function dateHint(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? M.dateHintWith(M.dateHint, formatDateBoth(`${value}T00:00:00+09:00`)) : M.dateHint;
}

function Checkboxes({
  legend,
  name,
  options,
  checked,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  options: readonly LabelledOption[];
  checked: string[];
  onChange: (codes: string[]) => void;
  error: string | undefined;
}) {
  const errorId = `call-${name}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-std-17B-170 text-solid-gray-800">
        {legend}
        <RequirementBadge required={false} />
      </legend>
      <div className="mt-2 flex flex-col gap-2">
        {options.map((o) => (
          <label key={o.code} className="flex items-start gap-2 text-std-16N-170">
            <input
              id={`call-${name}-${o.code}`}
              type="checkbox"
              className="mt-1 size-6 shrink-0"
              checked={checked.includes(o.code)}
              onChange={(e) => onChange(e.target.checked ? [...checked, o.code] : checked.filter((c) => c !== o.code))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="mt-2 text-dns-16N-130 text-error-1">
          {FIELD_COMPONENT_MESSAGES.fieldError(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** 公募の開始: a prefecture approver states the window (JST), fields, criteria, consents and documents. */
export function CallCreatePage() {
  const navigate = useNavigate();
  const [values, setValues] = useState<CallFormValues>(EMPTY);
  const { errors, show: showErrors, errorAt: errorAtField, summary } = useErrorSummary();
  const [busy, setBusy] = useState(false);
  const [plans] = useLoad('b-plans', (signal) => listPlans({ type: 'B' }, 0, signal, 100));

  const set = <K extends keyof CallFormValues>(key: K) => (value: CallFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errorAt = (key: keyof CallFormValues) => errorAtField(FIELD_IDS[key]);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors: found, body } = validateCallForm(values);
    if (!body) {
      showErrors(found);
      return;
    }
    setBusy(true);
    try {
      const call = await createCall(body);
      void navigate(`/scoring/calls/${call.id}`);
    } catch (error) {
      showErrors(summaryItemsOf(error, fieldIdForServer));
    } finally {
      setBusy(false);
    }
  };

  const planOptions = [
    { value: '', label: M.planNone },
    ...(plans.status === 'ready' ? plans.data.items.map((p) => ({ value: String(p.id), label: p.title })) : []),
  ];

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <ScoringNav />
      {errors.length > 0 ? <ErrorSummary ref={summary} title={M.summary} items={errors} /> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-6">
        <TextField id={FIELD_IDS.title} label={M.name} required value={values.title} onChange={(e) => set('title')(e.target.value)} error={errorAt('title')} />
        <TextArea id={FIELD_IDS.description} label={M.description} required={false} value={values.description} onChange={(e) => set('description')(e.target.value)} error={errorAt('description')} />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id={FIELD_IDS.opensDate}
            type="date"
            label={M.opensDate}
            required
            supportText={dateHint(values.opensDate)}
            value={values.opensDate}
            onChange={(e) => set('opensDate')(e.target.value)}
            error={errorAt('opensDate')}
          />
          <TextField id={FIELD_IDS.opensTime} type="time" label={M.opensTime} required supportText={M.timeHint} value={values.opensTime} onChange={(e) => set('opensTime')(e.target.value)} error={errorAt('opensTime')} />
          <TextField
            id={FIELD_IDS.closesDate}
            type="date"
            label={M.closesDate}
            required
            supportText={dateHint(values.closesDate)}
            value={values.closesDate}
            onChange={(e) => set('closesDate')(e.target.value)}
            error={errorAt('closesDate')}
          />
          <TextField id={FIELD_IDS.closesTime} type="time" label={M.closesTime} required supportText={M.timeHint} value={values.closesTime} onChange={(e) => set('closesTime')(e.target.value)} error={errorAt('closesTime')} />
        </div>
        <TextArea
          id={FIELD_IDS.targetFields}
          label={M.targetFields}
          required={false}
          supportText={M.targetFieldsHint}
          value={values.targetFields}
          onChange={(e) => set('targetFields')(e.target.value)}
          error={errorAt('targetFields')}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            id={FIELD_IDS.minSales}
            label={M.minSales}
            required={false}
            inputMode="numeric"
            supportText={M.minSalesHint}
            value={values.minSales}
            onChange={(e) => set('minSales')(e.target.value)}
            error={errorAt('minSales')}
          />
          <TextField
            id={FIELD_IDS.maxEmployees}
            label={M.maxEmployees}
            required={false}
            inputMode="numeric"
            supportText={M.maxEmployeesHint}
            value={values.maxEmployees}
            onChange={(e) => set('maxEmployees')(e.target.value)}
            error={errorAt('maxEmployees')}
          />
        </div>
        <Checkboxes legend={M.consents} name="consent" options={CONSENT_OPTIONS} checked={values.consents} onChange={set('consents')} error={errorAt('consents')} />
        <Checkboxes legend={M.documents} name="document" options={DOCUMENT_OPTIONS} checked={values.documents} onChange={set('documents')} error={errorAt('documents')} />
        <div className="flex flex-col gap-2">
          <SelectField
            id={FIELD_IDS.planId}
            label={M.plan}
            required={false}
            value={values.planId}
            onChange={(e) => set('planId')(e.target.value)}
            options={planOptions}
            aria-invalid={errorAt('planId') ? true : undefined}
            aria-describedby={errorAt('planId') ? 'call-plan-hint call-plan-error' : 'call-plan-hint'}
          />
          <p id="call-plan-hint" className="text-dns-16N-130 text-solid-gray-700">
            {M.planHint}
          </p>
          {errorAt('planId') ? (
            <p id="call-plan-error" className="text-dns-16N-130 text-error-1">
              {FIELD_COMPONENT_MESSAGES.fieldError(errorAt('planId') ?? '')}
            </p>
          ) : null}
        </div>
        <div>
          <Button type="submit" unavailable={busy}>
            {busy ? M.busy : M.submit}
          </Button>
        </div>
      </form>
    </Page>
  );
}
