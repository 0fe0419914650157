/** notify as the notification screens call it: deadlines, the .ics feed, preferences, the mail log. */
import { api, queryString, request, withSignal } from './client';
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
export const CALENDAR_ICS_PATH = '/api/notify/calendar.ics';

export const MAIL_PAGE_SIZE = 20;

/** A public holiday or a year-end closure day (notify's `business_days`, the one home of the rule). */
export type ClosedDay = Schemas['ClosedDay'];

/** One deadline the caller may see (404 otherwise): the page the .ics and reminder links open. */
export async function getDeadline(id: number, signal?: AbortSignal): Promise<DeadlineOut> {
  return api.get<DeadlineOut>(`/api/notify/deadlines/${id}`, { ...withSignal(signal), handles: ['not_found'] });
}

/** The holidays and 年末年始 closure days from `from` to `to` (ISO dates, inclusive). */
export async function listClosedDays(from: string, to: string, signal?: AbortSignal): Promise<ClosedDay[]> {
  return api.get<ClosedDay[]>(`/api/notify/closed-days${queryString({ from, to })}`, {
    ...withSignal(signal),
    handles: ['validation', 'not_found'],
  });
}

/** Every coming deadline of the caller's organisation (notify keeps a few dozen a year). */
export async function listDeadlines(signal?: AbortSignal): Promise<DeadlinePage> {
  return api.get<DeadlinePage>('/api/notify/deadlines?limit=500', withSignal(signal));
}

export async function getPreferences(signal?: AbortSignal): Promise<Preferences> {
  return api.get<Preferences>('/api/notify/preferences', withSignal(signal));
}

export async function putPreferences(body: PreferencesIn): Promise<Preferences> {
  return (await request<Preferences>('PUT', '/api/notify/preferences', { body, handles: ['validation'] })).data;
}

export async function getOrganisationSettings(signal?: AbortSignal): Promise<OrganisationSettings> {
  return api.get<OrganisationSettings>('/api/notify/organisation-settings', withSignal(signal));
}

export async function putOrganisationSettings(body: OrganisationSettingsIn): Promise<OrganisationSettings> {
  const response = await request<OrganisationSettings>('PUT', '/api/notify/organisation-settings', {
    body,
    handles: ['validation'],
  });
  return response.data;
}

export interface MailFilters {
  state?: MailState;
  /** An e-mail address or a user id. */
  recipient?: string;
}

export async function listMails(filters: MailFilters, offset: number, signal?: AbortSignal): Promise<MailPage> {
  const search = queryString({ state: filters.state, recipient: filters.recipient, limit: MAIL_PAGE_SIZE, offset });
  return api.get<MailPage>(`/api/notify/mails${search}`, withSignal(signal));
}

/** Queue a dead mail again; 409 when it is no longer dead. */
export async function retryMail(id: number): Promise<MailLogEntry> {
  return (await request<MailLogEntry>('POST', `/api/notify/mails/${id}/retry`, { handles: ['conflict', 'not_found'] })).data;
}
