import type { SessionUser } from '../auth/types';
import { client, dataOf, rememberCsrfToken } from './client';
import { ApiError } from './problem';
import type { RequestBody } from './types';

export type Credentials = RequestBody<'/auth/login', 'post'>;

export async function login(credentials: Credentials): Promise<SessionUser> {
  // Wrong credentials answer 401; the form shows that itself rather than the app redirecting.
  const session = await dataOf(client.POST('/auth/login', { body: credentials }), {
    handles: ['unauthorized', 'validation', 'rate_limited'],
  });
  rememberCsrfToken(session.csrf_token);
  return session.user as SessionUser;
}

/** The current session's user, or null when nobody is logged in. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionUser | null> {
  try {
    return (await dataOf(client.GET('/auth/me', { signal: signal ?? null }), { handles: ['unauthorized'] })) as SessionUser;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'unauthorized') return null;
    throw error;
  }
}

export async function logout(): Promise<void> {
  try {
    await dataOf(client.POST('/auth/logout'), { handles: ['unauthorized'] });
  } finally {
    rememberCsrfToken(null);
  }
}
