import { useState } from 'react';
import { submitProposal, updateProposal, type VersionedProposal } from '../../api/proposals';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary, useErrorSummary } from '../../components/ErrorSummary';
import { FieldError } from '../../components/FieldFrame';
import { FiscalYearField } from '../../components/FiscalYearField';
import { NumberField } from '../../components/NumberField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { formatDateTimeJst, isoDateJst } from '../../lib/dates';
import { corporateNumberProblem, normaliseDigits } from '../../lib/identifiers';
import { fieldId } from '../../lib/plans';
import { now } from '../../lib/clock';
import { Anchor, EditorSection, focusAfterRender } from '../plans/editor/common';
import { PROPOSALS } from './messages';
import { PROPOSAL_FIELD_LABELS as L } from './proposals';
import {
  formOf,
  isDirty,
  messagesByField,
  patchOf,
  refusalOf,
  summaryOf,
  type FieldMessage,
  type ProposalForm,
} from './proposals';
import { StrategicFieldsInput } from './StrategicFieldsInput';

const F = PROPOSALS.form;
const S = PROPOSALS.submit;

export interface ProposalEditorProps {
  current: VersionedProposal;
  /** The prefecture's approver: the 「提案する」 panel under the form. */
  maySubmit: boolean;
  /** A write succeeded: the proposal as the server holds it now, and what to say. */
  onChanged: (next: VersionedProposal, notice: string) => void;
  /** A write was refused with 412: another person changed the proposal. */
  onStale: (error: ApiError) => void;
}

/** The prefecture editor's form for a draft or a returned proposal, and the approver's submission. */
export function ProposalEditor({ current, maySubmit, onChanged, onStale }: ProposalEditorProps) {
  const { proposal } = current;
  const [form, setForm] = useState<ProposalForm>(() => formOf(proposal));
  const [problems, setProblems] = useState<FieldMessage[]>([]);
  const [summaryTitle, setSummaryTitle] = useState<string>(F.summary);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { errors, setErrors, show, summary } = useErrorSummary();
  const byField = messagesByField(problems);
  const errorOf = (path: string) => byField[fieldId(path)];
  const dirty = isDirty(form, proposal);
  const today = isoDateJst(now());

  const edit = (change: (draft: ProposalForm) => ProposalForm) => setForm((f) => change(f));
  const set = <K extends keyof ProposalForm>(key: K) => (value: ProposalForm[K]) => edit((f) => ({ ...f, [key]: value }));

  const refuse = (found: FieldMessage[], title: string, message?: string) => {
    setProblems(found);
    setSummaryTitle(title);
    show(found.length > 0 ? summaryOf(found, form) : [{ message: message ?? title }]);
  };

  const fail = (error: unknown, title: (n: number) => string) => {
    if (error instanceof ApiError && error.kind === 'stale') {
      setProblems([]);
      setErrors([]);
      onStale(error);
      return;
    }
    const refused = refusalOf(error);
    refuse(refused.problems, refused.problems.length > 0 ? title(refused.problems.length) : F.summary, refused.message);
  };

  /** Saves what changed; the proposal as saved, or null when nothing could be saved. */
  const save = async (): Promise<VersionedProposal | null> => {
    const { problems: found, patch } = patchOf(form, proposal);
    if (found.length > 0) {
      refuse(found, F.summary);
      return null;
    }
    if (Object.keys(patch).length === 0) return current;
    const next = await updateProposal(proposal.id, patch, current.etag);
    setForm(formOf(next.proposal));
    setProblems([]);
    setErrors([]);
    return next;
  };

  const onSave = async () => {
    if (!dirty) {
      refuse([], F.unchanged, F.unchanged);
      return;
    }
    setBusy('save');
    try {
      const next = await save();
      if (next) onChanged(next, F.saved(formatDateTimeJst(next.proposal.updated_at)));
    } catch (error) {
      fail(error, () => F.summary);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = async () => {
    setConfirming(false);
    setBusy('submit');
    try {
      const saved = await save();
      if (!saved) return;
      // What was saved first stays saved (and its ETag current) even if the submission is refused.
      if (saved !== current) onChanged(saved, F.saved(formatDateTimeJst(saved.proposal.updated_at)));
      const next = await submitProposal(saved.proposal.id, saved.etag);
      setProblems([]);
      setErrors([]);
      onChanged(next, S.done);
    } catch (error) {
      fail(error, S.refused);
    } finally {
      setBusy(null);
    }
  };

  const coordination = form.budget_coordination;
  const investors = form.investors;
  const changeRow = <K extends 'budget_coordination' | 'investors'>(key: K, index: number, change: Partial<ProposalForm[K][number]>) =>
    edit((f) => ({ ...f, [key]: f[key].map((row, i) => (i === index ? { ...row, ...change } : row)) }));

  return (
    <div>
      {errors.length > 0 ? <ErrorSummary ref={summary} title={summaryTitle} items={errors} /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
        aria-label={F.formLabel}
      >
        <EditorSection id="proposal-basic" title={F.basic}>
          <TextField id={fieldId('title')} label={L.title} required value={form.title} error={errorOf('title')} onChange={(e) => set('title')(e.target.value)} />
        </EditorSection>

        <EditorSection id="proposal-requirement-1" title={F.requirement1}>
          <StrategicFieldsInput value={form.strategic_fields} onChange={set('strategic_fields')} error={errorOf('strategic_fields')} />
          <TextArea
            id={fieldId('field_alignment')}
            label={L.field_alignment}
            required
            rows={5}
            value={form.field_alignment}
            error={errorOf('field_alignment')}
            onChange={(e) => set('field_alignment')(e.target.value)}
          />
          <TextArea
            id={fieldId('draft_alignment')}
            label={L.draft_alignment}
            required
            rows={5}
            value={form.draft_alignment}
            error={errorOf('draft_alignment')}
            onChange={(e) => set('draft_alignment')(e.target.value)}
          />
        </EditorSection>

        <EditorSection id="proposal-requirement-2" title={F.requirement2} lead={F.requirement2Lead}>
          <div>
            <Anchor path="budget_coordination">{F.coordinationCount(coordination.length)}</Anchor>
            <FieldError id={`${fieldId('budget_coordination')}-error`} error={errorOf('budget_coordination')} />
          </div>
          {coordination.map((row, i) => {
            const path = (name: string) => `budget_coordination/${String(i)}/${name}`;
            return (
              <fieldset key={i} className="min-w-0 rounded-8 border border-solid-gray-420 p-4" data-testid={`coordination-${String(i)}`}>
                <legend className="px-1 text-std-17B-170">{F.coordinationLegend(i + 1, row.ministry)}</legend>
                <div className="grid gap-4 md:grid-cols-2">
                  <TextField
                    id={fieldId(path('ministry'))}
                    label={L.ministry}
                    required
                    value={row.ministry}
                    error={errorOf(path('ministry'))}
                    onChange={(e) => changeRow('budget_coordination', i, { ministry: e.target.value })}
                  />
                  <TextField
                    id={fieldId(path('since'))}
                    type="date"
                    max={today}
                    label={L.since}
                    required
                    supportText={F.sinceHint}
                    value={row.since}
                    error={errorOf(path('since'))}
                    onChange={(e) => changeRow('budget_coordination', i, { since: e.target.value })}
                  />
                </div>
                <div className="mt-4">
                  <TextArea
                    id={fieldId(path('status'))}
                    label={L.status}
                    required
                    maxLength={500}
                    value={row.status}
                    error={errorOf(path('status'))}
                    onChange={(e) => changeRow('budget_coordination', i, { status: e.target.value })}
                  />
                </div>
                <Button
                  variant="text"
                  size="sm"
                  className="mt-2"
                  onClick={() => {
                    edit((f) => ({ ...f, budget_coordination: f.budget_coordination.filter((_, j) => j !== i) }));
                    focusAfterRender('budget_coordination');
                  }}
                >
                  {F.coordinationRemove(i + 1)}
                </Button>
              </fieldset>
            );
          })}
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                edit((f) => ({ ...f, budget_coordination: [...f.budget_coordination, { ministry: '', since: '', status: '' }] }));
                focusAfterRender(`budget_coordination/${String(coordination.length)}/ministry`);
              }}
            >
              {F.coordinationAdd}
            </Button>
          </div>
        </EditorSection>

        <EditorSection id="proposal-requirement-3" title={F.requirement3}>
          <NumberField
            id={fieldId('investment/amount_yen')}
            label={L.amount_yen}
            unit={F.yenUnit}
            required
            supportText={F.amountHint}
            value={form.amount_yen}
            error={errorOf('investment/amount_yen')}
            onChange={set('amount_yen')}
          />
          <div className="grid gap-6 md:grid-cols-2">
            <FiscalYearField
              id={fieldId('investment/start_fy')}
              label={L.start_fy}
              required
              supportText={F.yearHint}
              value={form.start_fy}
              error={errorOf('investment/start_fy')}
              onChange={set('start_fy')}
            />
            <FiscalYearField
              id={fieldId('investment/end_fy')}
              label={L.end_fy}
              required
              supportText={F.yearHint}
              value={form.end_fy}
              error={errorOf('investment/end_fy')}
              onChange={set('end_fy')}
            />
          </div>
          <div>
            <Anchor path="investment/investors">{F.investorsCount(investors.length)}</Anchor>
            <FieldError id={`${fieldId('investment/investors')}-error`} error={errorOf('investment/investors')} />
          </div>
          {investors.map((row, i) => {
            const path = (name: string) => `investment/investors/${String(i)}/${name}`;
            const typed = normaliseDigits(row.corporate_number);
            const live = typed === '' ? undefined : (corporateNumberProblem(typed) ?? undefined);
            return (
              <fieldset key={i} className="min-w-0 rounded-8 border border-solid-gray-420 p-4" data-testid={`investor-${String(i)}`}>
                <legend className="px-1 text-std-17B-170">{F.investorLegend(i + 1, row.name)}</legend>
                <div className="grid gap-4 md:grid-cols-2">
                  <TextField
                    id={fieldId(path('corporate_number'))}
                    label={L.corporate_number}
                    required
                    inputMode="numeric"
                    value={row.corporate_number}
                    error={live ?? errorOf(path('corporate_number'))}
                    onChange={(e) => changeRow('investors', i, { corporate_number: e.target.value })}
                  />
                  <TextField
                    id={fieldId(path('name'))}
                    label={L.name}
                    required
                    value={row.name}
                    error={errorOf(path('name'))}
                    onChange={(e) => changeRow('investors', i, { name: e.target.value })}
                  />
                </div>
                {typed !== '' && !live ? (
                  <p className="mt-2 text-dns-16N-130 text-success-2" data-testid={`investor-${String(i)}-valid`}>
                    {F.investorValid}
                  </p>
                ) : null}
                <Button
                  variant="text"
                  size="sm"
                  className="mt-2"
                  onClick={() => {
                    edit((f) => ({ ...f, investors: f.investors.filter((_, j) => j !== i) }));
                    focusAfterRender('investment/investors');
                  }}
                >
                  {F.investorRemove(i + 1)}
                </Button>
              </fieldset>
            );
          })}
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                edit((f) => ({ ...f, investors: [...f.investors, { corporate_number: '', name: '' }] }));
                focusAfterRender(`investment/investors/${String(investors.length)}/corporate_number`);
              }}
            >
              {F.investorAdd}
            </Button>
          </div>
        </EditorSection>

        <EditorSection id="proposal-requirement-4" title={F.requirement4}>
          <TextArea
            id={fieldId('labour_environment')}
            label={L.labour_environment}
            required
            rows={5}
            supportText={F.labourHint}
            value={form.labour_environment}
            error={errorOf('labour_environment')}
            onChange={(e) => set('labour_environment')(e.target.value)}
          />
        </EditorSection>

        <div className="mt-8 flex flex-wrap items-center gap-4">
          <Button type="submit" unavailable={busy !== null}>
            {busy === 'save' ? F.saving : F.save}
          </Button>
          <p role="status" className="text-std-16N-170">
            {dirty ? F.unsaved : ''}
          </p>
        </div>
      </form>

      {maySubmit ? (
        <section aria-labelledby="proposal-submit-title" className="mt-10 rounded-8 border-2 border-blue-900 p-4 md:p-6">
          <h2 id="proposal-submit-title" className="text-std-24B-150">
            {S.title}
          </h2>
          <p className="mt-2 text-std-16N-170">{S.lead}</p>
          {dirty ? <p className="mt-2 text-std-16N-170">{S.unsavedFirst}</p> : null}
          <div className="mt-4">
            <Button unavailable={busy !== null} onClick={() => setConfirming(true)}>
              {busy === 'submit' ? S.submitting : S.button}
            </Button>
          </div>
        </section>
      ) : null}

      {confirming ? (
        <Dialog title={S.confirmTitle} onClose={() => setConfirming(false)}>
          <p className="text-std-16N-170">{S.confirm(form.title.trim() || proposal.title)}</p>
          <div className="mt-6 flex flex-wrap gap-4">
            <Button onClick={() => void onSubmit()}>{S.confirmButton}</Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {S.cancel}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </div>
  );
}
