import { useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router';
import { MAIL_PAGE_SIZE, listMails, retryMail, type MailFilters, type MailLogEntry, type MailState } from '../../api/notify';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner, type NoticeTone } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatDateTimeJst, isoDateTimeJst } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { MAIL_STATE_LABELS, MAIL_STATE_TONES, NOTIFY_MESSAGES, reasonLabel } from './messages';
import { NotificationsNav } from './NotificationsNav';

const M = NOTIFY_MESSAGES.mails;
const STATES = Object.keys(MAIL_STATE_LABELS) as MailState[];

function isMailState(value: string | null): value is MailState {
  return STATES.includes(value as MailState);
}

function When({ value }: { value: string | null | undefined }) {
  if (!value)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="sr-only">{M.none}</span>
      </>
    );
  return <time dateTime={isoDateTimeJst(value)}>{formatDateTimeJst(value)}</time>;
}

function StateCell({ mail }: { mail: MailLogEntry }) {
  const state = isMailState(mail.state) ? mail.state : null;
  return (
    <>
      <span
        data-testid="mail-state"
        className={`inline-block rounded-full border bg-white px-3 py-0.5 text-dns-14B-120 whitespace-nowrap ${state ? MAIL_STATE_TONES[state] : ''}`}
      >
        {state ? MAIL_STATE_LABELS[state] : mail.state}
      </span>
      <span className="mt-1 block text-dns-14N-130 text-solid-gray-700">{M.attempts(mail.attempts)}</span>
      {state === 'failed' ? (
        <span className="block text-dns-14N-130 text-solid-gray-700">{M.nextAttempt(formatDateTimeJst(mail.next_attempt_at))}</span>
      ) : null}
      {mail.last_error && state !== 'sent' ? <span className="mt-1 block text-dns-14N-130 break-all text-error-1">{mail.last_error}</span> : null}
    </>
  );
}

/** 送信履歴: the mail sent to the organisation's people (national admins: everyone's), with retry. */
export function MailLogPage() {
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state: MailState | '' = isMailState(stateParam) ? stateParam : '';
  const recipient = (params.get('recipient') ?? '').trim().slice(0, 320);
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const [loaded, , update] = useLoad(JSON.stringify([state, recipient, offset]), (signal) => {
    const filters: MailFilters = {};
    if (state) filters.state = state;
    if (recipient) filters.recipient = recipient;
    return listMails(filters, offset, signal);
  });
  const [notice, setNotice] = useState<{ tone: NoticeTone; title: string; detail?: string } | null>(null);
  const [retrying, setRetrying] = useState<number | null>(null);

  const onFilter = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['state', 'recipient']) {
      const value = form.get(name);
      if (typeof value === 'string' && value.trim()) next.set(name, value.trim());
    }
    setParams(next);
  };

  const goTo = (next: number) => {
    const search = new URLSearchParams(params);
    if (next > 0) search.set('offset', String(next));
    else search.delete('offset');
    setParams(search);
  };

  const onRetry = async (mail: MailLogEntry) => {
    if (retrying !== null) return;
    setRetrying(mail.id);
    setNotice(null);
    try {
      const updated = await retryMail(mail.id);
      update((page) => ({ ...page, items: page.items.map((m) => (m.id === updated.id ? updated : m)) }));
      setNotice({ tone: 'success', title: M.retried(updated.recipient_email) });
    } catch (error) {
      const detail = error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error);
      setNotice({ tone: 'error', title: M.retryFailed, detail });
    } finally {
      setRetrying(null);
    }
  };

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <NotificationsNav />
      <form onSubmit={onFilter} aria-label={M.filterForm} className="mb-8 flex flex-wrap items-end gap-4 rounded-8 border border-solid-gray-420 p-4">
        <SelectField
          id="mail-state"
          name="state"
          label={M.filterLabel}
          required={false}
          defaultValue={state}
          key={state}
          options={[{ value: '', label: M.any }, ...STATES.map((s) => ({ value: s, label: MAIL_STATE_LABELS[s] }))]}
        />
        <TextField
          id="mail-recipient"
          name="recipient"
          label={M.recipientLabel}
          required={false}
          supportText={M.recipientHelp}
          autoComplete="off"
          maxLength={320}
          defaultValue={recipient}
          key={`recipient-${recipient}`}
          className="min-w-72"
        />
        <Button type="submit" size="sm">
          {M.filter}
        </Button>
      </form>
      {notice ? (
        <div className="mb-6">
          <NoticeBanner tone={notice.tone} title={notice.title} onClose={() => setNotice(null)}>
            {notice.detail}
          </NoticeBanner>
        </div>
      ) : null}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.items.length === 0 ? (
          <EmptyState title={M.empty}>
            <p>{M.emptyDetail}</p>
          </EmptyState>
        ) : (
          <>
            <p role="status" className="mb-2 text-std-16N-170">
              {M.range(loaded.data.total, offset + 1, offset + loaded.data.items.length)}
            </p>
            <DataTable caption={M.caption} columns={Object.values(M.columns)}>
              {loaded.data.items.map((mail) => (
                <tr key={mail.id} className="border-b border-solid-gray-420 align-top" data-testid={`mail-row-${mail.id}`}>
                  <td className="px-2 py-3">
                    <span className="block text-std-16B-170">{mail.recipient_name}</span>
                    <span className="block text-dns-14N-130 break-all">{mail.recipient_email}</span>
                  </td>
                  <td className="px-2 py-3">
                    {reasonLabel(mail.reason)}
                    {mail.mandatory ? (
                      <span className="ml-2 rounded-4 border border-error-1 px-1 text-dns-14N-130 text-error-1">{M.mandatory}</span>
                    ) : null}
                  </td>
                  <td className="px-2 py-3">{mail.subject}</td>
                  <td className="px-2 py-3 whitespace-nowrap">
                    <When value={mail.created_at} />
                  </td>
                  <td className="px-2 py-3 whitespace-nowrap">
                    <When value={mail.sent_at} />
                  </td>
                  <td className="px-2 py-3">
                    <StateCell mail={mail} />
                  </td>
                  <td className="px-2 py-3">
                    {mail.state === 'dead' ? (
                      <Button
                        variant="secondary"
                        size="sm"
                        unavailable={retrying !== null}
                        aria-label={M.retryLabel(mail.recipient_email)}
                        onClick={() => void onRetry(mail)}
                      >
                        {retrying === mail.id ? M.retrying : M.retry}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pager offset={offset} pageSize={MAIL_PAGE_SIZE} total={loaded.data.total} onGo={goTo} />
          </>
        )
      ) : null}
    </Page>
  );
}
