/** notify as the notification screens call it: deadlines, the .ics feed, preferences, the mail log. */
import { client, dataOf, hrefOf } from './client';
import type { components } from './schema';
import type { RequestBody, ResponseBody } from './types';

type Schemas = components['schemas'];
export type DeadlineOut = Schemas['DeadlineOut'];
export type DeadlinePage = ResponseBody<'/api/notify/deadlines', 'get'>;
export type Preferences = ResponseBody<'/api/notify/preferences', 'get'>;
export type PreferencesIn = RequestBody<'/api/notify/preferences', 'put'>;
export type OrganisationSettings = ResponseBody<'/api/notify/organisation-settings', 'get'>;
export type OrganisationSettingsIn = RequestBody<'/api/notify/organisation-settings', 'put'>;
export type MailLogEntry = Schemas['MailLogEntry'];
export type MailPage = ResponseBody<'/api/notify/mails', 'get'>;
export type MailState = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

/** Same origin: the browser sends the session cookie and saves the file the server names. */
export const CALENDAR_ICS_PATH = hrefOf('/api/notify/calendar.ics', {});

export const MAIL_PAGE_SIZE = 20;

/** A public holiday or a year-end closure day (notify's `business_days`, the one home of the rule). */
export type ClosedDay = Schemas['ClosedDay'];

/** One deadline the caller may see (404 otherwise): the page the .ics and reminder links open. */
export async function getDeadline(id: number, signal?: AbortSignal): Promise<DeadlineOut> {
  const pending = client.GET('/api/notify/deadlines/{deadline_id}', { params: { path: { deadline_id: id } }, signal: signal ?? null });
  return dataOf(pending, { handles: ['not_found'] });
}

/** The holidays and 年末年始 closure days from `from` to `to` (ISO dates, inclusive). */
export async function listClosedDays(from: string, to: string, signal?: AbortSignal): Promise<ClosedDay[]> {
  const pending = client.GET('/api/notify/closed-days', { params: { query: { from, to } }, signal: signal ?? null });
  return dataOf(pending, { handles: ['validation', 'not_found'] });
}

/** Every coming deadline of the caller's organisation (notify keeps a few dozen a year). */
export async function listDeadlines(signal?: AbortSignal): Promise<DeadlinePage> {
  return dataOf(client.GET('/api/notify/deadlines', { params: { query: { limit: 500 } }, signal: signal ?? null }));
}

export async function getPreferences(signal?: AbortSignal): Promise<Preferences> {
  return dataOf(client.GET('/api/notify/preferences', { signal: signal ?? null }));
}

export async function putPreferences(body: PreferencesIn): Promise<Preferences> {
  return dataOf(client.PUT('/api/notify/preferences', { body }), { handles: ['validation'] });
}

export async function getOrganisationSettings(signal?: AbortSignal): Promise<OrganisationSettings> {
  return dataOf(client.GET('/api/notify/organisation-settings', { signal: signal ?? null }));
}

export async function putOrganisationSettings(body: OrganisationSettingsIn): Promise<OrganisationSettings> {
  return dataOf(client.PUT('/api/notify/organisation-settings', { body }), { handles: ['validation'] });
}

export interface MailFilters {
  state?: MailState;
  /** An e-mail address or a user id. */
  recipient?: string;
}

export async function listMails(filters: MailFilters, offset: number, signal?: AbortSignal): Promise<MailPage> {
  const pending = client.GET('/api/notify/mails', {
    params: { query: { state: filters.state ?? null, recipient: filters.recipient ?? null, limit: MAIL_PAGE_SIZE, offset } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

/** Queue a dead mail again; 409 when it is no longer dead. */
export async function retryMail(id: number): Promise<MailLogEntry> {
  const pending = client.POST('/api/notify/mails/{mail_id}/retry', { params: { path: { mail_id: id } } });
  return dataOf(pending, { handles: ['conflict', 'not_found'] });
}
