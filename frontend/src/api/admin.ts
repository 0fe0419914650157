/** The gateway's administration API (/admin/users, /admin/clients) as the settings screens call it. */
import { client, dataOf } from './client';
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
  return dataOf(client.GET('/admin/users', { params: { query: { limit: USER_PAGE_SIZE, offset } }, signal: signal ?? null }));
}

/** The organisation is the administrator's own: the server takes it from the session. */
export async function createUser(body: UserCreate): Promise<UserOut> {
  return dataOf(client.POST('/admin/users', { body }), { handles: ['validation', 'conflict'] });
}

export async function deactivateUser(id: number): Promise<UserOut> {
  const pending = client.POST('/admin/users/{user_id}/deactivate', { params: { path: { user_id: id } } });
  return dataOf(pending, { handles: ['conflict', 'not_found'] });
}

export async function listClients(signal?: AbortSignal): Promise<ClientOut[]> {
  return dataOf(client.GET('/admin/clients', { signal: signal ?? null }));
}

export async function createClient(body: ClientCreate): Promise<ClientSecretOut> {
  return dataOf(client.POST('/admin/clients', { body }), { handles: ['validation', 'conflict'] });
}

export async function rotateClientSecret(clientId: string): Promise<ClientSecretOut> {
  const pending = client.POST('/admin/clients/{client_id}/rotate', { params: { path: { client_id: clientId } } });
  return dataOf(pending, { handles: ['conflict', 'not_found'] });
}

export async function revokeClient(clientId: string): Promise<ClientOut> {
  const pending = client.POST('/admin/clients/{client_id}/revoke', { params: { path: { client_id: clientId } } });
  return dataOf(pending, { handles: ['not_found'] });
}
