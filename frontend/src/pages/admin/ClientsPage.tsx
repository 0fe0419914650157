import { useState } from 'react';
import { Link } from 'react-router';
import { listClients, revokeClient, rotateClientSecret, type ClientOut, type ClientSecretOut } from '../../api/admin';
import { ApiError } from '../../api/problem';
import { Button } from '../../components/Button';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Dialog } from '../../components/Dialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner, type NoticeTone } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { now } from '../../lib/clock';
import { formatDateBoth, formatDateTimeJst, isoDateJst } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { AdminNav } from './AdminNav';
import { ADMIN_MESSAGES } from './messages';
import { ADMIN_PATHS } from './paths';
import { SecretOnce } from './SecretOnce';

const M = ADMIN_MESSAGES.clients;
const TIERS = ADMIN_MESSAGES.clientForm.tiers;

type Pending = { action: 'rotate' | 'revoke'; client: ClientOut };

function stateOf(client: ClientOut, at: Date): 'active' | 'revoked' | 'expired' {
  if (client.revoked_at) return 'revoked';
  if (client.expires_at && new Date(client.expires_at).getTime() <= at.getTime()) return 'expired';
  return 'active';
}

function ConfirmDialog({
  pending,
  onClose,
  onRotated,
  onRevoked,
}: {
  pending: Pending;
  onClose: () => void;
  onRotated: (result: ClientSecretOut) => void;
  onRevoked: (client: ClientOut) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [rotated, setRotated] = useState<ClientSecretOut | null>(null);
  const { action, client } = pending;
  const onConfirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      if (action === 'rotate') {
        const result = await rotateClientSecret(client.client_id);
        setRotated(result);
        onRotated(result);
      } else {
        onRevoked(await revokeClient(client.client_id));
      }
    } catch (error) {
      setFailure(error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error));
    } finally {
      setBusy(false);
    }
  };
  if (rotated) {
    return (
      <Dialog title={M.rotateTitle} onClose={onClose}>
        <SecretOnce clientId={rotated.client.client_id} secret={rotated.client_secret} onDone={onClose} focusOnShow />
      </Dialog>
    );
  }
  const rotate = action === 'rotate';
  return (
    <Dialog title={rotate ? M.rotateTitle : M.revokeTitle} onClose={onClose}>
      <p className="text-std-16N-170">{rotate ? M.rotateBody(client.client_id) : M.revokeBody(client.client_id)}</p>
      {!rotate && client.tier === 'service' ? (
        <div className="mt-4">
          <NoticeBanner tone="warning" title={M.serviceWarning} />
        </div>
      ) : null}
      {failure ? (
        <div className="mt-4">
          <NoticeBanner tone="error" title={M.actionFailed}>
            {failure}
          </NoticeBanner>
        </div>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-4">
        <Button unavailable={busy} onClick={() => void onConfirm()}>
          {rotate ? M.rotateConfirm : M.revokeConfirm}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {M.cancel}
        </Button>
      </div>
    </Dialog>
  );
}

/** マシンクライアントの管理 (national administrators): list, rotate a secret, revoke. */
export function ClientsPage() {
  const [loaded, , update] = useLoad('clients', (signal) => listClients(signal));
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<{ tone: NoticeTone; title: string } | null>(null);
  const at = now();

  const replace = (updated: ClientOut) => update((clients) => clients.map((c) => (c.client_id === updated.client_id ? updated : c)));

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <AdminNav />
      <p className="mb-6">
        <Link to={ADMIN_PATHS.newClient} className="text-std-16B-170 text-blue-900">
          {M.create}
        </Link>
      </p>
      {notice ? (
        <div className="mb-6">
          <NoticeBanner tone={notice.tone} title={notice.title} onClose={() => setNotice(null)} />
        </div>
      ) : null}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.length === 0 ? (
          <EmptyState title={M.empty}>
            <p>{ADMIN_MESSAGES.createFrom(M.create)}</p>
          </EmptyState>
        ) : (
          <DataTable caption={M.caption} columns={Object.values(M.columns)}>
            {loaded.data.map((client) => {
              const state = stateOf(client, at);
              const tier = TIERS[client.tier as keyof typeof TIERS] as { label: string } | undefined;
              return (
                <tr key={client.client_id} className="border-b border-solid-gray-420 align-top" data-testid={`client-row-${client.client_id}`}>
                  <td className="px-2 py-3">
                    <code className="text-std-16B-170 break-all">{client.client_id}</code>
                  </td>
                  <td className="px-2 py-3">{client.name}</td>
                  <td className="px-2 py-3">{tier?.label ?? client.tier}</td>
                  <td className="px-2 py-3">
                    <code>{client.organisation}</code>
                  </td>
                  <td className="px-2 py-3">
                    <ul>
                      {client.scopes.map((scope) => (
                        <li key={scope}>
                          <code className="text-dns-14N-130">{scope}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="px-2 py-3">
                    {client.expires_at ? (
                      <time dateTime={isoDateJst(client.expires_at)}>{formatDateBoth(client.expires_at)}</time>
                    ) : (
                      M.noExpiry
                    )}
                  </td>
                  <td className="px-2 py-3">
                    <span
                      data-testid="client-state"
                      className={`inline-block rounded-full border bg-white px-3 py-0.5 text-dns-14B-120 whitespace-nowrap ${
                        state === 'active' ? 'border-success-2 text-success-2' : 'border-error-1 text-error-1'
                      }`}
                    >
                      {M[state]}
                    </span>
                    {client.revoked_at ? (
                      <span className="mt-1 block text-dns-14N-130">{M.revokedAt(formatDateTimeJst(client.revoked_at))}</span>
                    ) : null}
                    {state === 'active' && client.previous_secret_expires_at && new Date(client.previous_secret_expires_at) > at ? (
                      <span className="mt-1 block text-dns-14N-130">{M.previousUntil(formatDateTimeJst(client.previous_secret_expires_at))}</span>
                    ) : null}
                  </td>
                  <td className="px-2 py-3">
                    {state !== 'revoked' ? (
                      <div className="flex flex-col gap-2">
                        <Button
                          variant="secondary"
                          size="sm"
                          className="whitespace-nowrap"
                          aria-label={M.rotateFor(client.client_id)}
                          onClick={() => setPending({ action: 'rotate', client })}
                        >
                          {M.rotate}
                        </Button>
                        <Button
                          variant="secondary"
                          size="sm"
                          className="whitespace-nowrap"
                          aria-label={M.revokeFor(client.client_id)}
                          onClick={() => setPending({ action: 'revoke', client })}
                        >
                          {M.revoke}
                        </Button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )
      ) : null}
      {pending ? (
        <ConfirmDialog
          pending={pending}
          onClose={() => setPending(null)}
          onRotated={(result) => replace(result.client)}
          onRevoked={(client) => {
            replace(client);
            setPending(null);
            setNotice({ tone: 'success', title: M.revoked_notice(client.client_id) });
          }}
        />
      ) : null}
    </Page>
  );
}
