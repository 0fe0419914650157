/**
 * Request and response bodies looked up by path and method in the generated schema, so a change
 * of the services' OpenAPI shows up as a type error here (after `npm run generate-client`).
 */
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type SuccessBody<R> = R extends { 200: { content: { 'application/json': infer T } } }
  ? T
  : R extends { 201: { content: { 'application/json': infer T } } }
    ? T
    : never;

export type ResponseBody<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? SuccessBody<R>
  : never;

export type RequestBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : paths[P][M] extends { requestBody?: { content: { 'application/json': infer T } } }
    ? T
    : never;

type Present<T> = [T] extends [never] ? false : true;
type Assert<T extends true> = T;

/** Fails to compile when a body the SPA relies on is missing from the generated schema. */
export type SchemaContract = [
  Assert<Present<ResponseBody<'/auth/login', 'post'>>>,
  Assert<Present<RequestBody<'/auth/login', 'post'>>>,
  Assert<Present<ResponseBody<'/auth/me', 'get'>>>,
  Assert<Present<ResponseBody<'/api/notify/deadlines', 'get'>>>,
  Assert<Present<ResponseBody<'/api/plans', 'get'>>>,
  Assert<Present<RequestBody<'/api/plans', 'post'>>>,
  Assert<Present<ResponseBody<'/api/plans/{plan_id}', 'get'>>>,
  Assert<Present<RequestBody<'/api/plans/{plan_id}', 'patch'>>>,
  Assert<Present<ResponseBody<'/api/plans/{plan_id}/validation', 'get'>>>,
  Assert<Present<ResponseBody<'/api/plans/{plan_id}/transitions', 'get'>>>,
  Assert<Present<RequestBody<'/api/plans/{plan_id}/transitions', 'post'>>>,
  Assert<Present<ResponseBody<'/api/plans/{plan_id}/history', 'get'>>>,
  Assert<Present<ResponseBody<'/api/rounds', 'get'>>>,
  Assert<Present<ResponseBody<'/public/v1/plans', 'get'>>>,
];
