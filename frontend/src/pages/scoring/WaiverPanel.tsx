import { useState, type SubmitEvent } from 'react';
import { ApiError } from '../../api/problem';
import { waiveDocument, type ApplicationOut } from '../../api/scoring';
import { Button } from '../../components/Button';
import { NoticeBanner } from '../../components/NoticeBanner';
import { FIELD_COMPONENT_MESSAGES } from '../../components/messages';
import { SelectField } from '../../components/SelectField';
import { TextArea } from '../../components/TextArea';
import { formatDateTimeJst } from '../../lib/dates';
import { SCORING } from './messages';
import { messageOf } from '../../lib/useLoad';

const M = SCORING.application;
const FIELDS = { document_type: 'waiver-document', reason: 'waiver-reason' } as const;

type Problem = { title: string; fields: Partial<Record<keyof typeof FIELDS, string>>; others: string[] };

/** The required documents still missing: neither attached nor waived (the server's document checks). */
export function missingDocuments(application: Pick<ApplicationOut, 'criteria'>) {
  return (application.criteria ?? []).filter((c) => c.kind === 'document' && !c.passed);
}

/** 応募書類の提出免除: the waivers on record, and for an approver the form to waive a missing required document with a reason. */
export function WaiverPanel({ application, mayWaive, onWaived }: { application: ApplicationOut; mayWaive: boolean; onWaived: (a: ApplicationOut) => void }) {
  const missing = missingDocuments(application);
  const [documentType, setDocumentType] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const waivers = application.waivers ?? [];
  const labelOf = (code: string) => (application.criteria ?? []).find((c) => c.kind === 'document' && c.code === code)?.label ?? code;

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const fields: Problem['fields'] = {};
    if (!documentType) fields.document_type = M.waiverErrors.document;
    if (!reason.trim()) fields.reason = M.waiverErrors.reason;
    if (Object.keys(fields).length > 0) {
      setProblem({ title: M.waiverSummary, fields, others: [] });
      return;
    }
    setBusy(true);
    try {
      const saved = await waiveDocument(application.id, { document_type: documentType, reason: reason.trim() });
      setProblem(null);
      setDocumentType('');
      setReason('');
      setDone(true);
      onWaived(saved);
    } catch (error) {
      const found: Problem = { title: error instanceof ApiError ? (error.problem.detail ?? error.title) : messageOf(error), fields: {}, others: [] };
      if (error instanceof ApiError) {
        for (const p of error.fieldErrors) {
          if (p.field === 'document_type' || p.field === 'reason') found.fields[p.field] = p.message;
          else found.others.push(p.message);
        }
      }
      setProblem(found);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="app-waivers" className="mb-10" data-testid="waivers">
      <h2 id="app-waivers" className="mb-2 text-std-24B-150">{M.waiverHeading}</h2>
      <p className="mb-4 text-std-16N-170">{M.waiverLead}</p>
      {waivers.length > 0 ? (
        <ul aria-label={M.waiversCaption} className="mb-6 flex flex-col gap-2 text-std-16N-170">
          {waivers.map((w) => (
            <li key={w.document_type} data-testid={`waiver-${w.document_type}`}>
              <span className="font-bold">{labelOf(w.document_type)}</span>
              {SCORING.separator}
              {w.reason}
              <span className="block text-dns-14N-130 text-solid-gray-700">{M.waiverBy(w.actor, formatDateTimeJst(w.waived_at))}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {missing.length === 0 ? <p className="mb-4">{M.noMissingDocuments}</p> : null}
      {mayWaive && missing.length > 0 ? (
        <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex max-w-3xl flex-col gap-4">
          {problem ? (
            <NoticeBanner tone="error" title={problem.title}>
              {problem.others.length > 0 ? (
                <ul className="list-disc pl-6">
                  {problem.others.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : null}
            </NoticeBanner>
          ) : null}
          <div className="flex flex-col gap-2">
            <SelectField
              id={FIELDS.document_type}
              label={M.waiverDocument}
              required
              value={documentType}
              onChange={(e) => setDocumentType(e.target.value)}
              aria-invalid={problem?.fields.document_type ? true : undefined}
              aria-describedby={problem?.fields.document_type ? `${FIELDS.document_type}-error` : undefined}
              options={[{ value: '', label: M.waiverDocumentNone }, ...missing.map((c) => ({ value: c.code, label: c.label }))]}
            />
            {problem?.fields.document_type ? (
              <p id={`${FIELDS.document_type}-error`} className="text-dns-16N-130 text-error-1">
                {FIELD_COMPONENT_MESSAGES.fieldError(problem.fields.document_type)}
              </p>
            ) : null}
          </div>
          <TextArea id={FIELDS.reason} label={M.waiverReason} required value={reason} onChange={(e) => setReason(e.target.value)} error={problem?.fields.reason} />
          <div>
            <Button type="submit" variant="secondary" unavailable={busy}>
              {M.waiverSubmit}
            </Button>
          </div>
          {done ? <NoticeBanner tone="success" title={M.waiverDone} /> : null}
        </form>
      ) : null}
    </section>
  );
}
