import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { USER_PAGE_SIZE, deactivateUser, listUsers, type UserOut } from '../../api/admin';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/session';
import { ROLE_LABELS } from '../../auth/messages';
import type { Role } from '../../auth/types';
import { Button } from '../../components/Button';
import { Pager } from '../../components/Pager';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Dialog } from '../../components/Dialog';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { NoticeBanner, type NoticeTone } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { formatDateBoth, isoDateJst } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { AdminNav } from './AdminNav';
import { ADMIN_MESSAGES } from './messages';
import { ADMIN_PATHS } from './paths';

const M = ADMIN_MESSAGES.users;

function roleLabels(roles: readonly string[]): string {
  return ADMIN_MESSAGES.roles(roles.map((role) => (role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role)));
}

function DeactivateDialog({ target, onClose, onDone }: { target: UserOut; onClose: () => void; onDone: (user: UserOut) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const onConfirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      onDone(await deactivateUser(target.id));
    } catch (error) {
      setFailure(error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error));
      setBusy(false);
    }
  };
  return (
    <Dialog title={M.confirmTitle} onClose={onClose}>
      <p className="text-std-16N-170">{M.confirmBody(target.name, target.email)}</p>
      {failure ? (
        <div className="mt-4">
          <NoticeBanner tone="error" title={M.deactivateFailed}>
            {failure}
          </NoticeBanner>
        </div>
      ) : null}
      <div className="mt-6 flex flex-wrap gap-4">
        <Button unavailable={busy} onClick={() => void onConfirm()}>
          {M.confirm}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {M.cancel}
        </Button>
      </div>
    </Dialog>
  );
}

/** 利用者の管理: the administrator's organisation's users, paged, with deactivation. */
export function UsersPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset') ?? '0') || 0);
  const [loaded, reload] = useLoad(String(offset), (signal) => listUsers(offset, signal));
  const [target, setTarget] = useState<UserOut | null>(null);
  const [notice, setNotice] = useState<{ tone: NoticeTone; title: string } | null>(null);

  const goTo = (next: number) => setParams(next > 0 ? new URLSearchParams({ offset: String(next) }) : new URLSearchParams());

  const onDeactivated = (user: UserOut) => {
    setTarget(null);
    setNotice({ tone: 'success', title: M.deactivated(user.name) });
    reload();
  };

  return (
    <Page title={M.title} lead={<p>{M.lead(me.organisation_name)}</p>}>
      <AdminNav />
      <p className="mb-6">
        <Link to={ADMIN_PATHS.newUser} className="text-std-16B-170 text-blue-900">
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
        loaded.data.items.length === 0 ? (
          <EmptyState title={M.empty}>
            <p>{ADMIN_MESSAGES.createFrom(M.create)}</p>
          </EmptyState>
        ) : (
          <>
            <p role="status" className="mb-2 text-std-16N-170">
              {M.range(loaded.data.total, offset + 1, offset + loaded.data.items.length)}
            </p>
            <DataTable caption={M.caption(me.organisation_name)} columns={Object.values(M.columns)}>
              {loaded.data.items.map((user) => (
                <tr key={user.id} className="border-b border-solid-gray-420 align-top" data-testid={`user-row-${user.id}`}>
                  <td className="px-2 py-3 text-std-16B-170">
                    {user.name}
                    {user.id === me.id ? <span className="text-std-16N-170">{M.you}</span> : null}
                  </td>
                  <td className="px-2 py-3 break-all">{user.email}</td>
                  <td className="px-2 py-3">{roleLabels(user.roles)}</td>
                  <td className="px-2 py-3 whitespace-nowrap">
                    <span
                      data-testid="user-state"
                      className={`inline-block rounded-full border bg-white px-3 py-0.5 text-dns-14B-120 ${
                        user.active ? 'border-success-2 text-success-2' : 'border-solid-gray-536 text-solid-gray-800'
                      }`}
                    >
                      {user.active ? M.active : M.inactive}
                    </span>
                  </td>
                  <td className="px-2 py-3">
                    <time dateTime={isoDateJst(user.created_at)}>{formatDateBoth(user.created_at)}</time>
                  </td>
                  <td className="px-2 py-3">
                    {user.active && user.id !== me.id ? (
                      <Button variant="secondary" size="sm" aria-label={M.deactivateFor(user.name)} onClick={() => setTarget(user)}>
                        {M.deactivate}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pager offset={offset} pageSize={USER_PAGE_SIZE} total={loaded.data.total} onGo={goTo} />
          </>
        )
      ) : null}
      {target ? <DeactivateDialog target={target} onClose={() => setTarget(null)} onDone={onDeactivated} /> : null}
    </Page>
  );
}
