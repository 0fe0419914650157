/** The gateway's administration API (/admin/users, /admin/clients) as the settings screens call it. */
import { api, request, withSignal } from './client';
import type { components } from './schema';
import type { RequestBody, ResponseBody } from './types';

type Schemas = components['schemas'];
export type UserOut = Schemas['UserOut'];
export type UserPage = ResponseBody<'/admin/users', 'get'>;
export type UserCreate = RequestBody<'/admin/users', 'post'>;
export type ClientOut = Schemas['ClientOut'];
export type ClientCreate = RequestBody<'/admin/clients', 'post'>;
export type ClientSecretOut = Schemas['ClientSecretOut'];

export const USER_PAGE_SIZE = 20;

export async function listUsers(offset: number, signal?: AbortSignal): Promise<UserPage> {
  return api.get<UserPage>(`/admin/users?limit=${USER_PAGE_SIZE}&offset=${offset}`, withSignal(signal));
}

/** The organisation is the administrator's own: the server takes it from the session. */
export async function createUser(body: UserCreate): Promise<UserOut> {
  return (await request<UserOut>('POST', '/admin/users', { body, handles: ['validation', 'conflict'] })).data;
}

export async function deactivateUser(id: number): Promise<UserOut> {
  return (await request<UserOut>('POST', `/admin/users/${id}/deactivate`, { handles: ['conflict', 'not_found'] })).data;
}

export async function listClients(signal?: AbortSignal): Promise<ClientOut[]> {
  return api.get<ClientOut[]>('/admin/clients', withSignal(signal));
}

export async function createClient(body: ClientCreate): Promise<ClientSecretOut> {
  return (await request<ClientSecretOut>('POST', '/admin/clients', { body, handles: ['validation', 'conflict'] })).data;
}

export async function rotateClientSecret(clientId: string): Promise<ClientSecretOut> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/rotate`;
  return (await request<ClientSecretOut>('POST', path, { handles: ['conflict', 'not_found'] })).data;
}

export async function revokeClient(clientId: string): Promise<ClientOut> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}/revoke`;
  return (await request<ClientOut>('POST', path, { handles: ['not_found'] })).data;
}
