import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { createProposal } from '../../api/proposals';
import { Button } from '../../components/Button';
import { ErrorSummary, useErrorSummary } from '../../components/ErrorSummary';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { fieldId } from '../../lib/plans';
import { PROPOSALS } from './messages';
import { PROPOSAL_FIELD_LABELS } from './proposals';
import { PROPOSAL_PATHS } from './paths';
import { refusalOf, summaryOf } from './proposals';
import { StrategicFieldsInput } from './StrategicFieldsInput';

const C = PROPOSALS.create;

/** 候補プロジェクト案件の作成: the name and the strategic fields make a draft; the rest is written on its page. */
export function ProposalCreatePage() {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [fields, setFields] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { errors, show, errorAt, summary } = useErrorSummary();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!title.trim()) return show(summaryOf([{ path: 'title', message: PROPOSALS.form.required(PROPOSAL_FIELD_LABELS.title) }]));
    setBusy(true);
    try {
      const { proposal } = await createProposal({ title: title.trim(), strategic_fields: fields });
      void navigate(PROPOSAL_PATHS.proposal(proposal.id));
    } catch (error) {
      const refused = refusalOf(error);
      show(refused.problems.length > 0 ? summaryOf(refused.problems) : [{ message: refused.message }]);
      setBusy(false);
    }
  };

  return (
    <Page title={C.title} lead={<p>{C.lead}</p>}>
      <p className="mb-6">
        <Link to={PROPOSAL_PATHS.list} className="text-blue-900">
          {C.back}
        </Link>
      </p>
      {errors.length > 0 ? <ErrorSummary ref={summary} title={C.errors} items={errors} /> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-4xl flex-col gap-6">
        <TextField
          id={fieldId('title')}
          label={PROPOSAL_FIELD_LABELS.title}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={errorAt(fieldId('title'))}
        />
        <StrategicFieldsInput value={fields} onChange={setFields} error={errorAt(fieldId('strategic_fields'))} />
        <div>
          <Button type="submit" unavailable={busy}>
            {busy ? C.creating : C.submit}
          </Button>
        </div>
      </form>
    </Page>
  );
}
