/** 「承認者に依頼する」: plans-api's POST /api/plans/{id}/approval-request (event plan.approval_requested). */
import { client, dataOf } from './client';
import type { components } from './schema';

export type ApprovalRequestResult = components['schemas']['ApprovalRequestOut'];

export async function requestApproval(planId: number, message: string): Promise<ApprovalRequestResult> {
  const pending = client.POST('/api/plans/{plan_id}/approval-request', { params: { path: { plan_id: planId } }, body: { message } });
  return dataOf(pending, { handles: ['validation', 'conflict', 'forbidden', 'not_found'] });
}
