/**
 * Compile-time checks of the typed client: `tsc -b` (which reads this file) fails when a call the
 * schema does not allow compiles, i.e. when the client stops checking paths, methods, parameters
 * and bodies against the generated OpenAPI types. At run time the calls are never made.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { client, dataOf, hrefOf, unwrap } from './client';
import type { PlanOut, RoundOut } from './plans';

const round = { code: '2026-batch-1', kind: 'batch', last_day: '2026-07-15', name: '第1回' } as const;

describe('the typed client', () => {
  it('accepts the calls the schema describes and types their answers', () => {
    const calls = async () => {
      expectTypeOf(await dataOf(client.GET('/api/rounds'))).toEqualTypeOf<RoundOut[]>();
      expectTypeOf((await unwrap(client.GET('/api/plans/{plan_id}', { params: { path: { plan_id: 7 } } }))).data).toEqualTypeOf<PlanOut>();
      await dataOf(client.POST('/api/rounds', { body: round }));
      await dataOf(client.GET('/api/plans', { params: { query: { state: 'draft', limit: 20 } } }));
      hrefOf('/api/plans/{plan_id}/export.xlsx', { path: { plan_id: 7 } });
    };
    expectTypeOf(calls).toBeFunction();
  });

  it('refuses a wrong path, method, parameter or body', () => {
    const calls = async () => {
      // @ts-expect-error: no such path
      await dataOf(client.GET('/api/plan'));
      // @ts-expect-error: /api/plans has no DELETE
      await dataOf(client.DELETE('/api/plans'));
      // @ts-expect-error: the path parameter plan_id is missing
      await dataOf(client.GET('/api/plans/{plan_id}'));
      // @ts-expect-error: the path parameter plan_id is missing
      await dataOf(client.GET('/api/plans/{plan_id}', { params: { path: {} } }));
      // @ts-expect-error: plan_id is a number
      await dataOf(client.GET('/api/plans/{plan_id}', { params: { path: { plan_id: '7' } } }));
      // @ts-expect-error: limit is a number
      await dataOf(client.GET('/api/plans', { params: { query: { limit: '20' } } }));
      // @ts-expect-error: no such state
      await dataOf(client.GET('/api/plans', { params: { query: { state: 'drafted' } } }));
      // @ts-expect-error: a round's kind is leading_example or batch
      await dataOf(client.POST('/api/rounds', { body: { ...round, kind: 'special' } }));
      // @ts-expect-error: the field is last_day
      await dataOf(client.POST('/api/rounds', { body: { code: round.code, kind: round.kind, name: round.name, last_day: '2026-07-15', lastday: '2026-07-15' } }));
      // @ts-expect-error: the query parameter is limit
      await dataOf(client.GET('/api/plans', { params: { query: { lmit: 20 } } }));
      // @ts-expect-error: a misspelt optional field, with every required one given
      await dataOf(client.POST('/api/rounds', { body: { ...round, review_target_dat: '2026-08-01' } }));
      // @ts-expect-error: a misspelt query parameter beside a right one
      await dataOf(client.GET('/api/plans', { params: { query: { limit: 20, ofset: 20 } } }));
      // @ts-expect-error: `handles` belongs to unwrap, not to the request
      await dataOf(client.GET('/api/rounds', { handles: ['not_found'] }));
      // @ts-expect-error: last_day is required
      await dataOf(client.POST('/api/rounds', { body: { code: round.code, kind: round.kind, name: round.name } }));
      // @ts-expect-error: the body is required
      await dataOf(client.POST('/api/rounds'));
      // @ts-expect-error: the answer is a list of rounds, not a plan
      expectTypeOf(await dataOf(client.GET('/api/rounds'))).toEqualTypeOf<PlanOut>();
      // @ts-expect-error: a link is a GET; /api/plans/{plan_id}/import is POST only
      hrefOf('/api/plans/{plan_id}/import', { path: { plan_id: 7 } });
      // @ts-expect-error: the link's path parameter is missing
      hrefOf('/api/plans/{plan_id}/export.xlsx', {});
    };
    expectTypeOf(calls).toBeFunction();
  });
});
