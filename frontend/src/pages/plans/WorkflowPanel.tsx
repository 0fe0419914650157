import { useEffect, useRef, useState, type ReactNode, type SubmitEvent } from 'react';
import { postTransition, type AvailableAction, type PlanOut, type TransitionIn, type Versioned } from '../../api/plans';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { ACTIONS_NEEDING_COMMENT, ACTION_LABELS, type Action } from '../../lib/plans';
import { REVIEW_MESSAGES } from '../review/messages';
import { PLAN_MESSAGES, VERDICT_LABELS } from './messages';

const W = PLAN_MESSAGES.workflow;
/** What the announcement's address starts with (typed as it is, not wording). */
const URL_SCHEME = 'https://';

const REVIEW_ACTIONS: readonly Action[] = ['return_with_comments', 'complete_precheck'];

const CONFIRMATIONS: Partial<Record<Action, string>> = {
  ...W.confirmations,
  reopen: REVIEW_MESSAGES.reopenConfirmation,
};

function TransitionDialog({
  plan,
  etag,
  action,
  onClose,
  onDone,
}: {
  plan: PlanOut;
  etag: string;
  action: AvailableAction;
  onClose: () => void;
  onDone: (result: Versioned, action: Action) => void;
}) {
  const reopening = action.action === 'reopen';
  const needsComment = ACTIONS_NEEDING_COMMENT.includes(action.action);
  const [comment, setComment] = useState('');
  const [date, setDate] = useState('');
  const [url, setUrl] = useState('');
  const [verdicts, setVerdicts] = useState<Record<number, string>>({});
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [title, setTitle] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Each refusal moves the focus to the problem box, so the user hears what to fix.
  const [refusals, setRefusals] = useState(0);
  const problemBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusals > 0) problemBox.current?.focus();
  }, [refusals]);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (needsComment && !comment.trim()) {
      setTitle(W.checkInput);
      setProblems([{ field: 'comment', message: reopening ? REVIEW_MESSAGES.reopenReasonMissing : W.commentMissing }]);
      setRefusals((n) => n + 1);
      return;
    }
    const body: TransitionIn = { action: action.action, comment, recorded_outside: false };
    if (action.action === 'announce') {
      body.announcement_date = date || null;
      body.announcement_url = url || null;
    }
    if (REVIEW_ACTIONS.includes(action.action)) {
      body.requirement_comments = plan.requirements
        .filter((r) => (notes[r.number] ?? '').trim() !== '' || verdicts[r.number])
        .map((r) => ({
          number: r.number,
          comment: notes[r.number] ?? '',
          verdict: (verdicts[r.number] || null) as 'satisfied' | 'not_satisfied' | 'needs_revision' | null,
        }));
    }
    setBusy(true);
    try {
      onDone(await postTransition(plan.id, body, etag), action.action);
    } catch (error) {
      if (error instanceof ApiError) {
        setTitle(error.problem.detail ?? error.title);
        setProblems(error.fieldErrors);
      } else {
        setTitle(String(error));
      }
      setRefusals((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const problemAt = (field: string) => problems.find((p) => p.field === field || p.field.endsWith(`/${field}`))?.message;

  return (
    <Dialog title={ACTION_LABELS[action.action]} onClose={onClose}>
      <p className="text-std-16N-170">{CONFIRMATIONS[action.action] ?? action.label}</p>
      <p className="mt-2 text-std-16N-170">{W.target(plan.title)}</p>
      {title ? (
        <div ref={problemBox} tabIndex={-1} role="alert" className="mt-4 rounded-8 border-2 border-error-1 p-4" data-testid="transition-refusal">
          <p className="text-std-17B-170 text-error-1">{title}</p>
          {problems.length > 0 ? (
            <ul className="mt-2 list-disc pl-6" data-testid="transition-problems">
              {problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="mt-4 flex flex-col gap-4">
        {action.action === 'announce' ? (
          <>
            <TextField id="transition-date" type="date" label={W.announcementDate} required value={date} onChange={(e) => setDate(e.target.value)} error={problemAt('announcement_date')} />
            <TextField id="transition-url" type="url" label={W.announcementUrl} required supportText={W.announcementUrlHint(URL_SCHEME)} value={url} onChange={(e) => setUrl(e.target.value)} error={problemAt('announcement_url')} />
          </>
        ) : null}
        {REVIEW_ACTIONS.includes(action.action) ? (
          <fieldset className="flex flex-col gap-4">
            <legend className="text-std-17B-170">{W.requirementsLegend}</legend>
            {plan.requirements.map((r) => (
              <div key={r.number} className="rounded-8 border border-solid-gray-420 p-3">
                <SelectField
                  id={`transition-verdict-${r.number}`}
                  label={W.requirementVerdict(r.number, r.label)}
                  required={false}
                  value={verdicts[r.number] ?? ''}
                  onChange={(e) => setVerdicts({ ...verdicts, [r.number]: e.target.value })}
                  options={[{ value: '', label: W.noVerdict }, ...Object.entries(VERDICT_LABELS).map(([value, label]) => ({ value, label }))]}
                />
                <TextArea
                  id={`transition-requirement-${r.number}`}
                  className="mt-2"
                  label={W.requirementComment(r.number, r.label)}
                  required={false}
                  rows={2}
                  value={notes[r.number] ?? ''}
                  onChange={(e) => setNotes({ ...notes, [r.number]: e.target.value })}
                />
              </div>
            ))}
          </fieldset>
        ) : null}
        <TextArea
          id="transition-comment"
          label={reopening ? REVIEW_MESSAGES.reopenReason : needsComment ? W.commentReturn : W.comment}
          required={needsComment}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={problemAt('comment')}
        />
        <div className="flex flex-wrap gap-4">
          <Button type="submit" unavailable={busy}>
            {busy ? W.busy : W.confirm(ACTION_LABELS[action.action])}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {W.cancel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The steps the user may take now (from the server), each behind a confirmation with a comment. */
export function WorkflowPanel({
  plan,
  etag,
  actions,
  dirty,
  onDone,
  nextStep,
}: {
  plan: PlanOut;
  etag: string;
  actions: readonly AvailableAction[];
  dirty: boolean;
  onDone: (result: Versioned, action: Action) => void;
  /** Shown instead of 「いまあなたが行える手続はありません」 when the next step is someone else's. */
  nextStep?: ReactNode;
}) {
  const [open, setOpen] = useState<AvailableAction | null>(null);
  return (
    <section aria-labelledby="workflow-heading" className="mt-10 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <h2 id="workflow-heading" className="text-std-24B-150">
        {W.title}
      </h2>
      {actions.length === 0 && nextStep ? <div className="mt-4">{nextStep}</div> : null}
      {actions.length === 0 && !nextStep ? (
        <p className="mt-2 text-std-16N-170" data-testid="no-actions">
          {W.none}
        </p>
      ) : null}
      {actions.length === 0 ? null : (
        <>
          {dirty ? <p className="mt-2 text-std-16B-170 text-warning-orange-2">{W.unsaved}</p> : null}
          <ul className="mt-4 flex flex-wrap gap-4" data-testid="actions">
            {actions.map((action) => (
              <li key={action.action}>
                <Button variant={action.action === 'withdraw' ? 'secondary' : 'primary'} unavailable={dirty} onClick={() => setOpen(action)}>
                  {ACTION_LABELS[action.action]}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {open ? (
        <TransitionDialog
          plan={plan}
          etag={etag}
          action={open}
          onClose={() => setOpen(null)}
          onDone={(result, action) => {
            setOpen(null);
            onDone(result, action);
          }}
        />
      ) : null}
    </section>
  );
}
