/** 「承認者に依頼する」: plans-api's POST /api/plans/{id}/approval-request (event plan.approval_requested). */
import { request } from './client';
import type { components } from './schema';

export type ApprovalRequestResult = components['schemas']['ApprovalRequestOut'];

export async function requestApproval(planId: number, message: string): Promise<ApprovalRequestResult> {
  const response = await request<ApprovalRequestResult>('POST', `/api/plans/${planId}/approval-request`, {
    body: { message },
    handles: ['validation', 'conflict', 'forbidden', 'not_found'],
  });
  return response.data;
}
