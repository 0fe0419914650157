import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/problem';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: Error };

type Keyed<T> = { key: string } & Loaded<T>;

export interface LoadControls<T> {
  /** Loads again; the last result stays on screen until the fresh one arrives. */
  reload: () => void;
  /** Changes what is on screen after the user's own change (a row replaced, a page appended). */
  update: (change: (data: T) => T) => void;
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof DOMException && error.name === 'AbortError');
}

/**
 * The one loader of what a screen shows. `key` names the screen's parameters (as a string; `null`
 * loads nothing and stays loading): when it changes the screen shows loading and a result for other
 * parameters is never shown. A change of `refresh` (say, the plan's version) or a call of `reload()`
 * loads again while the last result stays on screen, so the form someone used stays put. The request
 * is aborted on unmount and whenever what it loads changes; show a failure with `ApiErrorNotice`.
 */
export function useLoad<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  refresh: string | number = '',
): [Loaded<T>, () => void, LoadControls<T>['update']] {
  const [round, setRound] = useState(0);
  const fullKey = key === null ? null : `${key}#${refresh}#${round}`;
  const [result, setResult] = useState<Keyed<T>>({ key: '', status: 'loading' });
  useEffect(() => {
    if (fullKey === null) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ key: fullKey, status: 'ready', data });
      },
      (error: unknown) => {
        if (isAbort(error, controller.signal)) return;
        setResult({ key: fullKey, status: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
    // `load` is a new function every render; the key says when what it loads changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fullKey]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const update = useCallback(
    (change: (data: T) => T) => setResult((r) => (r.status === 'ready' ? { key: r.key, status: 'ready', data: change(r.data) } : r)),
    [],
  );
  const current =
    fullKey !== null && (result.key === fullKey || (result.status === 'ready' && result.key.startsWith(`${key}#`)));
  return [current ? result : { status: 'loading' }, reload, update];
}

export function isNotFound(loaded: Loaded<unknown>): boolean {
  return loaded.status === 'failed' && loaded.error instanceof ApiError && loaded.error.kind === 'not_found';
}

/** The Japanese a person reads for a failed call: the problem's detail, else its title (both Japanese, see api/problem). */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.title;
  return error instanceof Error ? error.message : String(error);
}
