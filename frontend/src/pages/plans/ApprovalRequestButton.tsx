import { useState } from 'react';
import { requestApproval } from '../../api/approvalRequest';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { NoticeBanner } from '../../components/NoticeBanner';
import { TextArea } from '../../components/TextArea';
import { APPROVAL_REQUEST_MESSAGES as M } from '../notifications/messages';

type Sent = { status: 'idle' } | { status: 'sent' } | { status: 'failed'; title: string; items: string[] };

/**
 * 「承認者に依頼する」: shown to an editor of a valid draft or returned plan (the next step is the
 * organisation's approver's); sends the approvers a mail through notify.
 */
export function ApprovalRequestButton({ planId }: { planId: number }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent>({ status: 'idle' });

  const send = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await requestApproval(planId, message.trim());
      setSent({ status: 'sent' });
      setMessage('');
    } catch (error) {
      if (error instanceof ApiError) {
        const items = error.fieldErrors.map((e) => e.message);
        setSent({ status: 'failed', title: error.title, items: [error.problem.detail ?? '', ...items].filter(Boolean) });
      } else {
        setSent({ status: 'failed', title: M.failed, items: [] });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`approval-request-${planId}`} className="rounded-8 border border-solid-gray-420 bg-white p-4" data-testid="approval-request">
      <h3 id={`approval-request-${planId}`} className="text-std-20B-150">
        {M.heading}
      </h3>
      <p className="mt-2 text-std-16N-170">{M.lead}</p>
      {sent.status === 'sent' ? (
        <div className="mt-4">
          <NoticeBanner tone="success" title={M.sent}>
            {M.sentDetail}
          </NoticeBanner>
        </div>
      ) : null}
      {sent.status === 'failed' ? (
        <div className="mt-4">
          <NoticeBanner tone="error" title={sent.title || M.failed}>
            {sent.items.length > 0 ? (
              <ul className="list-disc pl-6">
                {sent.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
          </NoticeBanner>
        </div>
      ) : null}
      <div className="mt-4">
        <TextArea
          id={`approval-request-message-${planId}`}
          label={M.messageLabel}
          required={false}
          supportText={M.messageHelp}
          maxLength={500}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
      </div>
      <div className="mt-4">
        <Button type="button" unavailable={busy} onClick={() => void send()}>
          {busy ? M.sending : M.button}
        </Button>
      </div>
    </section>
  );
}
