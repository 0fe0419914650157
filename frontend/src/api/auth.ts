import type { SessionUser } from '../auth/types';
import { api, rememberCsrfToken, withSignal } from './client';
import { ApiError } from './problem';
import type { RequestBody, ResponseBody } from './types';

export type Credentials = RequestBody<'/auth/login', 'post'>;
type LoginOut = ResponseBody<'/auth/login', 'post'>;
type MeOut = ResponseBody<'/auth/me', 'get'>;

export async function login(credentials: Credentials): Promise<SessionUser> {
  // Wrong credentials answer 401; the form shows that itself rather than the app redirecting.
  const session = await api.post<LoginOut>('/auth/login', credentials, {
    handles: ['unauthorized', 'validation', 'rate_limited'],
  });
  rememberCsrfToken(session.csrf_token);
  return session.user as SessionUser;
}

/** The current session's user, or null when nobody is logged in. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await api.get<MeOut>('/auth/me', { handles: ['unauthorized'], ...withSignal(signal) })) as SessionUser;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'unauthorized') return null;
    throw error;
  }
}

export async function logout(): Promise<void> {
  try {
    await api.post<null>('/auth/logout', undefined, { handles: ['unauthorized'] });
  } finally {
    rememberCsrfToken(null);
  }
}
