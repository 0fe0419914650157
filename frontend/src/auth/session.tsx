import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import * as authApi from '../api/auth';
import { setApiEventHandler } from '../api/client';
import { useNotices } from '../app/notices';
import { MESSAGES } from '../messages';
import type { SessionUser } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: SessionUser };

interface SessionContextValue {
  session: SessionState;
  login: (credentials: authApi.Credentials) => Promise<SessionUser>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Asked before logging out (a screen with unsaved changes registers one): answers whether to go
 * on. One at a time; `null` removes it.
 */
let logoutGuard: (() => Promise<boolean>) | null = null;
export function setLogoutGuard(guard: (() => Promise<boolean>) | null): void {
  logoutGuard = guard;
}

/** Where to return after logging in: only a path inside this app, never another origin. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}

export function loginPathFor(pathname: string, search: string): string {
  const here = `${pathname}${search}`;
  return here === '/' || pathname === '/login' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/**
 * Holds who is logged in and is where the app reacts to the API's 401 / 403 / 412: a lost session
 * goes back to the login page (and returns here after), the others become a notice.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  const { showNotice, clearNotice } = useNotices();

  useEffect(() => {
    const controller = new AbortController();
    authApi
      .fetchSession(controller.signal)
      .then((user) => setSession(user ? { status: 'authenticated', user } : { status: 'anonymous' }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setSession({ status: 'anonymous' });
      });
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      setApiEventHandler((event) => {
        switch (event.type) {
          case 'unauthorized':
            setSession({ status: 'anonymous' });
            showNotice({ tone: 'warning', title: MESSAGES.session.expired, path: '/login' });
            void navigate(loginPathFor(location.pathname, location.search), { replace: true });
            break;
          case 'forbidden':
            showNotice({
              tone: 'error',
              title: event.error.title,
              detail: event.error.problem.detail ?? MESSAGES.session.forbiddenDetail,
              path: location.pathname,
            });
            break;
          case 'stale':
            showNotice({
              tone: 'warning',
              title: event.error.title,
              detail: MESSAGES.session.staleDetail,
              path: location.pathname,
            });
            break;
        }
      }),
    [navigate, location.pathname, location.search, showNotice],
  );

  const login = useCallback(
    async (credentials: authApi.Credentials) => {
      const user = await authApi.login(credentials);
      clearNotice();
      setSession({ status: 'authenticated', user });
      return user;
    },
    [clearNotice],
  );

  const logout = useCallback(async () => {
    if (logoutGuard && !(await logoutGuard())) return;
    try {
      await authApi.logout();
    } catch {
      // The server may still hold the session; say so rather than pretend it ended.
      showNotice({ tone: 'warning', title: MESSAGES.session.logoutUnconfirmed, path: '/login' });
    }
    setSession({ status: 'anonymous' });
    void navigate('/login', { replace: true });
  }, [navigate, showNotice]);

  const value = useMemo(() => ({ session, login, logout }), [session, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}

/** The logged-in user; only for screens behind RequireAuth. */
export function useCurrentUser(): SessionUser {
  const { session } = useSession();
  if (session.status !== 'authenticated') throw new Error('useCurrentUser outside RequireAuth');
  return session.user;
}
