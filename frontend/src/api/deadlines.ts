import type { Deadline } from '../lib/deadlines';
import { api, withSignal } from './client';
import type { ResponseBody } from './types';

type DeadlinePage = ResponseBody<'/api/notify/deadlines', 'get'>;

/** The caller's coming deadlines as notify keeps them (national rounds, calls, KPI reports). */
export async function fetchMyDeadlines(signal?: AbortSignal): Promise<Deadline[]> {
  const page = await api.get<DeadlinePage>('/api/notify/deadlines?limit=20', withSignal(signal));
  return page.items.map((item) => ({
    code: `notify-${item.id}`,
    name: item.title,
    description: item.description,
    dueAt: new Date(item.due_at),
  }));
}
