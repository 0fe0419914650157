import { useState, type SubmitEvent } from 'react';
import { decideProposal, type Decision, type VersionedProposal } from '../../api/proposals';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorSummary, useErrorSummary } from '../../components/ErrorSummary';
import { FieldError } from '../../components/FieldFrame';
import { RequirementBadge } from '../../components/RequirementBadge';
import { TextArea } from '../../components/TextArea';
import { fieldId } from '../../lib/plans';
import { PROPOSALS } from './messages';
import { DECISIONS, decisionBody, messagesByField, refusalOf, summaryOf, type FieldMessage } from './proposals';

const D = PROPOSALS.decision;

/** The bureau approver's decision on a submitted proposal: 採用, 差戻し or 不採用 (the latter two with a reason). */
export function DecisionPanel({
  current,
  onChanged,
  onStale,
}: {
  current: VersionedProposal;
  onChanged: (next: VersionedProposal, notice: string) => void;
  onStale: (error: ApiError) => void;
}) {
  const [decision, setDecision] = useState<Decision | ''>('');
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<FieldMessage[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, setErrors, show, summary } = useErrorSummary();
  const byField = messagesByField(problems);
  const choiceId = fieldId('decision');
  const commentRequired = decision === 'return' || decision === 'not_adopt';

  const refuse = (found: FieldMessage[], message?: string) => {
    setProblems(found);
    show(found.length > 0 ? summaryOf(found) : [{ message: message ?? D.summary }]);
  };

  const onCheck = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { problems: found } = decisionBody(decision, comment);
    if (found.length > 0) return refuse(found);
    setProblems([]);
    setErrors([]);
    setConfirming(true);
  };

  const onDecide = async () => {
    setConfirming(false);
    const { body } = decisionBody(decision, comment);
    if (!body) return;
    setBusy(true);
    try {
      const next = await decideProposal(current.proposal.id, body, current.etag);
      onChanged(next, D.done[body.decision] ?? D.doneOther);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'stale') {
        onStale(error);
      } else {
        const refused = refusalOf(error);
        refuse(refused.problems, refused.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="proposal-decision-title" className="mt-10 rounded-8 border-2 border-blue-900 p-4 md:p-6" data-testid="decision-panel">
      <h2 id="proposal-decision-title" className="text-std-24B-150">
        {D.title}
      </h2>
      <p className="mt-2 text-std-16N-170">{D.lead}</p>
      <div className="mt-4">{errors.length > 0 ? <ErrorSummary ref={summary} title={D.summary} items={errors} /> : null}</div>
      <form noValidate onSubmit={onCheck} className="flex max-w-3xl flex-col gap-6">
        <fieldset id={choiceId} tabIndex={-1} aria-describedby={byField[choiceId] ? `${choiceId}-error` : undefined}>
          <legend className="text-std-17B-170 text-solid-gray-800">
            {D.choice}
            <RequirementBadge required />
          </legend>
          <div className="mt-2 flex flex-col gap-2">
            {DECISIONS.map((value) => (
              <label key={value} className="flex items-center gap-2 text-std-16N-170">
                <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} className="size-6" />
                {D[value]}
              </label>
            ))}
          </div>
          <FieldError id={`${choiceId}-error`} error={byField[choiceId]} />
        </fieldset>
        <TextArea
          id={fieldId('comment')}
          label={D.comment}
          required={commentRequired}
          supportText={D.commentHint}
          rows={5}
          value={comment}
          error={byField[fieldId('comment')]}
          onChange={(e) => setComment(e.target.value)}
        />
        <div>
          <Button type="submit" unavailable={busy}>
            {busy ? D.deciding : D.button}
          </Button>
        </div>
      </form>
      {confirming && decision !== '' ? (
        <Dialog title={D.confirmTitle} onClose={() => setConfirming(false)}>
          <p className="text-std-16N-170">{D.confirm(current.proposal.title, D[decision])}</p>
          <div className="mt-6 flex flex-wrap gap-4">
            <Button onClick={() => void onDecide()}>{D.confirmButton}</Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {PROPOSALS.submit.cancel}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
