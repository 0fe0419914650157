import { deadlineAt, type Deadline } from '../lib/deadlines';
import { client, dataOf } from './client';

/** The caller's coming deadlines as notify keeps them (national rounds, calls, KPI reports). */
export async function fetchMyDeadlines(signal?: AbortSignal): Promise<Deadline[]> {
  const page = await dataOf(client.GET('/api/notify/deadlines', { params: { query: { limit: 20 } }, signal: signal ?? null }));
  return page.items.map((item) => deadlineAt(`notify-${String(item.id)}`, item.title, item.description, new Date(item.due_at)));
}
