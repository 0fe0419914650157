import { useEffect, useRef, useState } from 'react';
import { postTransition, type AvailableAction, type PlanOut, type Versioned } from '../../../api/plans';
import { ApiError } from '../../../api/problem';
import { Button } from '../../../components/Button';
import { SelectField } from '../../../components/SelectField';
import { TextArea } from '../../../components/TextArea';
import { ACTION_LABELS, type Action } from '../../../lib/plans';
import { ChangesTable } from '../../review/ChangesTable';
import { EDITOR_MESSAGES } from '../editor/messages';
import { PLAN_MESSAGES, VERDICT_LABELS } from '../messages';
import { REVIEW_PANEL_MESSAGES as M } from './messages';
import {
  EMPTY_REVIEW,
  clearReviewDraft,
  isEmptyReview,
  loadReviewDraft,
  requirementAnchor,
  reviewBody,
  reviewSections,
  sectionAnchor,
  storeReviewDraft,
  type ReviewDraft,
  type Verdict,
} from './reviewDraft';

export const REVIEW_ACTIONS: readonly Action[] = ['start_review', 'return_with_comments', 'complete_precheck'];

type Step = 'return_with_comments' | 'complete_precheck';

/** Whether the national review is taken from the panel beside the plan (not from the workflow list). */
export function reviewsHere(actions: readonly AvailableAction[]): boolean {
  return actions.some((a) => REVIEW_ACTIONS.includes(a.action));
}

/**
 * The reviewer's panel on the plan page: opening a requested plan starts the review; verdicts and
 * comments are written here while the plan stays in view, kept in this browser until sent.
 */
export function ReviewPanel({
  plan,
  etag,
  userId,
  actions,
  dirty,
  onDone,
}: {
  plan: PlanOut;
  etag: string;
  userId: number | string;
  actions: readonly AvailableAction[];
  dirty: boolean;
  onDone: (result: Versioned, action: Action) => void;
}) {
  const [draft, setDraft] = useState<ReviewDraft>(() => loadReviewDraft(userId, plan.id) ?? EMPTY_REVIEW);
  const [confirming, setConfirming] = useState<Step | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; problems: { field: string; message: string }[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [startFailed, setStartFailed] = useState<string | null>(null);
  const refusalBox = useRef<HTMLDivElement>(null);
  const confirmBox = useRef<HTMLDivElement>(null);
  const started = useRef(false);
  const canStart = actions.some((a) => a.action === 'start_review');
  const steps = (['return_with_comments', 'complete_precheck'] as const).filter((step) => actions.some((a) => a.action === step));

  // Opening a requested plan is the start of its review: no separate click.
  useEffect(() => {
    if (!canStart || plan.state !== 'precheck_requested' || started.current) return;
    started.current = true;
    postTransition(plan.id, { action: 'start_review', comment: '', recorded_outside: false }, etag).then(
      (result) => onDone(result, 'start_review'),
      (error: unknown) => setStartFailed(error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error)),
    );
  }, [canStart, plan.id, plan.state, etag, onDone]);

  useEffect(() => {
    storeReviewDraft(userId, plan.id, draft);
  }, [userId, plan.id, draft]);

  useEffect(() => {
    if (refusal) refusalBox.current?.focus();
  }, [refusal]);

  // The confirmation appears below the buttons: it takes the focus, so it is read out at once.
  useEffect(() => {
    if (confirming) confirmBox.current?.focus();
  }, [confirming]);

  const update = (change: Partial<ReviewDraft>) => {
    setDraft((previous) => ({ ...previous, ...change }));
    setConfirming(null);
  };

  const send = async (step: Step) => {
    if (step === 'return_with_comments' && !draft.comment.trim()) {
      setRefusal({ title: M.refusedTitle, problems: [{ field: 'comment', message: M.overallMissing }] });
      setConfirming(null);
      return;
    }
    setBusy(true);
    try {
      const result = await postTransition(plan.id, reviewBody(step, draft, plan), etag);
      clearReviewDraft(userId, plan.id);
      setDraft(EMPTY_REVIEW);
      setRefusal(null);
      onDone(result, step);
    } catch (error) {
      setRefusal(
        error instanceof ApiError
          ? { title: error.problem.detail ?? error.title, problems: error.fieldErrors }
          : { title: String(error), problems: [] },
      );
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  if (steps.length === 0) {
    if (startFailed) {
      return (
        <p role="alert" className="text-std-16B-170 text-error-1" data-testid="review-start-failed">
          {M.startFailedLine(startFailed)}
        </p>
      );
    }
    return canStart ? (
      <p role="status" data-testid="review-starting">
        {M.starting}
      </p>
    ) : null;
  }

  const problemAt = (field: string) => refusal?.problems.find((p) => p.field === field || p.field.endsWith(`/${field}`))?.message;
  const filled = Object.values(draft.verdicts).filter(Boolean).length + [...Object.values(draft.notes), ...Object.values(draft.sections), draft.comment].filter((v) => v.trim() !== '').length;

  return (
    <aside aria-labelledby="review-panel-heading" className="rounded-8 border-2 border-blue-900 p-4 md:p-6" data-testid="review-panel">
      <h2 id="review-panel-heading" className="text-std-24B-150">
        {M.title}
      </h2>
      <p className="mt-2 text-std-16N-170">{M.lead}</p>
      <p role="status" className="mt-2 text-dns-16N-130" data-testid="review-draft-status">
        {isEmptyReview(draft) ? M.draftNone : M.draftKept(filled)}
      </p>
      <ChangesTable plan={plan} />
      {refusal ? (
        <div ref={refusalBox} tabIndex={-1} role="alert" className="mt-4 rounded-8 border-2 border-error-1 p-4" data-testid="review-refusal">
          <p className="text-std-17B-170 text-error-1">{refusal.title}</p>
          {refusal.problems.length > 0 ? (
            <ul className="mt-2 list-disc pl-6">
              {refusal.problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <fieldset className="mt-6 flex flex-col gap-4">
        <legend className="text-std-20B-150">{M.requirementsLegend}</legend>
        {plan.requirements.map((r) => {
          const label = EDITOR_MESSAGES.requirementLabel(r.number, r.label);
          return (
            <div key={r.number} className="rounded-8 border border-solid-gray-420 p-3" data-testid={`review-requirement-${r.number}`}>
              <a href={`#${requirementAnchor(r.number)}`} className="text-std-16B-170 text-blue-900 underline">
                {M.openSection(label)}
              </a>
              <SelectField
                id={`review-verdict-${r.number}`}
                className="mt-2"
                label={M.verdict(label)}
                required={false}
                value={draft.verdicts[r.number] ?? ''}
                onChange={(e) => update({ verdicts: { ...draft.verdicts, [r.number]: e.target.value as Verdict | '' } })}
                options={[{ value: '', label: M.verdictNone }, ...Object.entries(VERDICT_LABELS).map(([value, text]) => ({ value, label: text }))]}
              />
              <TextArea
                id={`review-requirement-${r.number}`}
                className="mt-2"
                label={M.note(label)}
                required={false}
                rows={2}
                value={draft.notes[r.number] ?? ''}
                onChange={(e) => update({ notes: { ...draft.notes, [r.number]: e.target.value } })}
              />
            </div>
          );
        })}
      </fieldset>
      <details className="mt-6" open={Object.values(draft.sections).some((v) => v.trim() !== '')}>
        <summary className="cursor-pointer text-std-20B-150">{M.sectionsLegend}</summary>
        <div className="mt-4 flex flex-col gap-4">
          {reviewSections(plan).map((s) => (
            <div key={s.key}>
              <a href={`#${sectionAnchor(s.key)}`} className="text-std-16N-170 text-blue-900 underline">
                {M.openSection(s.label)}
              </a>
              <TextArea
                id={`review-section-${s.key}`}
                className="mt-1"
                label={M.section(s.label)}
                required={false}
                rows={2}
                value={draft.sections[s.key] ?? ''}
                onChange={(e) => update({ sections: { ...draft.sections, [s.key]: e.target.value } })}
              />
            </div>
          ))}
        </div>
      </details>
      <TextArea
        id="review-comment"
        className="mt-6"
        label={M.overall}
        required={false}
        value={draft.comment}
        onChange={(e) => update({ comment: e.target.value })}
        error={problemAt('comment')}
      />
      {dirty ? <p className="mt-4 text-std-16B-170 text-warning-orange-2">{M.dirty}</p> : null}
      <div className="mt-6 flex flex-wrap gap-4" data-testid="review-actions">
        {steps.map((step) => (
          <Button key={step} variant={step === 'return_with_comments' ? 'primary' : 'secondary'} unavailable={dirty || busy} onClick={() => setConfirming(step)}>
            {ACTION_LABELS[step]}
          </Button>
        ))}
        <Button
          variant="text"
          unavailable={busy || isEmptyReview(draft)}
          onClick={() => {
            clearReviewDraft(userId, plan.id);
            update(EMPTY_REVIEW);
          }}
        >
          {M.discard}
        </Button>
      </div>
      {confirming ? (
        <div ref={confirmBox} tabIndex={-1} role="group" aria-label={ACTION_LABELS[confirming]} className="mt-4 rounded-8 bg-solid-gray-50 p-4" data-testid="review-confirm">
          <p className="text-std-16N-170">{M.confirm[confirming]}</p>
          <div className="mt-3 flex flex-wrap gap-4">
            <Button unavailable={busy} onClick={() => void send(confirming)}>
              {busy ? M.busy : PLAN_MESSAGES.workflow.confirm(ACTION_LABELS[confirming])}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              {M.cancel}
            </Button>
          </div>
        </div>
      ) : null}
    </aside>
  );
}
