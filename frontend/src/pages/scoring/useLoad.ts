import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/problem';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: Error };

type Keyed<T> = { key: string } & Loaded<T>;

/**
 * Loads what a screen shows for `key` (the screen's parameters, as a string) and reloads when the key
 * changes or `reload()` is called. A result for other parameters is never shown; after `reload()`
 * the last result stays on screen until the fresh one arrives, so the form someone used stays put.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): [Loaded<T>, () => void] {
  const [round, setRound] = useState(0);
  const fullKey = `${key}#${round}`;
  const [result, setResult] = useState<Keyed<T>>({ key: '', status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setResult({ key: fullKey, status: 'ready', data }),
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setResult({ key: fullKey, status: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
    // `load` is a new function every render; the key says when what it loads changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fullKey]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const current = result.key === fullKey || (result.status === 'ready' && result.key.startsWith(`${key}#`));
  return [current ? result : { status: 'loading' }, reload];
}

export function isNotFound(loaded: Loaded<unknown>): boolean {
  return loaded.status === 'failed' && loaded.error instanceof ApiError && loaded.error.kind === 'not_found';
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.title;
  return error instanceof Error ? error.message : String(error);
}
