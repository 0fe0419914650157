/** Checks of the settings forms, run before anything is sent (the server checks again). */
import type { SummaryItem } from '../../components/ErrorSummary';
import { ADMIN_MESSAGES } from './messages';

const U = ADMIN_MESSAGES.userForm;
const C = ADMIN_MESSAGES.clientForm;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const CLIENT_ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const ORGANISATION = /^[a-z0-9-]{2,20}$/;

export interface UserDraft {
  name: string;
  email: string;
  role: string;
  password: string;
}

/** Server field names → the ids of the fields on the form. */
export const USER_FIELD_IDS: Record<string, string> = {
  name: 'user-name',
  email: 'user-email',
  roles: 'user-role',
  password: 'user-password',
};

export function validateUser(draft: UserDraft): SummaryItem[] {
  const found: SummaryItem[] = [];
  const name = draft.name.trim();
  const email = draft.email.trim();
  if (!name) found.push({ fieldId: 'user-name', message: U.required.name });
  else if (name.length > 200) found.push({ fieldId: 'user-name', message: U.nameTooLong });
  if (!email) found.push({ fieldId: 'user-email', message: U.required.email });
  else if (!EMAIL.test(email) || email.length > 254) found.push({ fieldId: 'user-email', message: U.emailInvalid });
  if (!draft.role) found.push({ fieldId: 'user-role', message: U.required.role });
  if (!draft.password) found.push({ fieldId: 'user-password', message: U.required.password });
  else if (draft.password.length < 10) found.push({ fieldId: 'user-password', message: U.passwordShort });
  return found;
}

export interface ClientDraft {
  clientId: string;
  name: string;
  tier: 'ministry_system' | 'service';
  organisation: string;
  scopes: string[];
  expiresInDays: string;
}

export const CLIENT_FIELD_IDS: Record<string, string> = {
  client_id: 'client-id',
  name: 'client-name',
  tier: 'client-tier',
  organisation: 'client-organisation',
  scopes: 'client-scopes',
  expires_in_days: 'client-expires',
};

/** Full-width digits are read as the half-width ones people meant. */
function toHalfWidth(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The expiry in days, null for none, or undefined when the text is not a valid number of days. */
export function parseExpiryDays(text: string): number | null | undefined {
  const value = toHalfWidth(text.trim());
  if (!value) return null;
  if (!/^\d+$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= 3650 ? days : undefined;
}

export function validateClient(draft: ClientDraft): SummaryItem[] {
  const found: SummaryItem[] = [];
  const clientId = draft.clientId.trim();
  const organisation = draft.organisation.trim();
  const name = draft.name.trim();
  if (!clientId) found.push({ fieldId: 'client-id', message: C.required.clientId });
  else if (!CLIENT_ID.test(clientId)) found.push({ fieldId: 'client-id', message: C.clientIdInvalid });
  if (!name) found.push({ fieldId: 'client-name', message: C.required.name });
  else if (name.length > 200) found.push({ fieldId: 'client-name', message: C.nameTooLong });
  if (!organisation) found.push({ fieldId: 'client-organisation', message: C.required.organisation });
  else if (!ORGANISATION.test(organisation)) found.push({ fieldId: 'client-organisation', message: C.organisationInvalid });
  if (draft.scopes.length === 0) found.push({ fieldId: 'client-scopes', message: C.required.scopes });
  if (parseExpiryDays(draft.expiresInDays) === undefined) found.push({ fieldId: 'client-expires', message: C.expiresInvalid });
  return found;
}
