import { deadlineAt, type Deadline } from '../lib/deadlines';
import { api, withSignal } from './client';
import type { ResponseBody } from './types';

type DeadlinePage = ResponseBody<'/api/notify/deadlines', 'get'>;

/** The caller's coming deadlines as notify keeps them (national rounds, calls, KPI reports). */
export async function fetchMyDeadlines(signal?: AbortSignal): Promise<Deadline[]> {
  const page = await api.get<DeadlinePage>('/api/notify/deadlines?limit=20', withSignal(signal));
  return page.items.map((item) => deadlineAt(`notify-${String(item.id)}`, item.title, item.description, new Date(item.due_at)));
}
