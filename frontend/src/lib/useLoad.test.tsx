import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiError } from '../api/problem';
import { ApiErrorNotice } from '../components/ApiErrorNotice';
import { isNotFound, messageOf, useLoad, type Loaded } from './useLoad';

/** A load whose answers the test gives by hand, one per call, with each call's signal kept. */
function controlled<T>() {
  const calls: { signal: AbortSignal; resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const load = (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
    });
  return { calls, load };
}

/** Gives an answer and lets the hook take it in. */
async function answer(give: () => void): Promise<void> {
  await act(async () => {
    give();
    await Promise.resolve();
  });
}

function dataOf<T>(loaded: Loaded<T>): T | undefined {
  return loaded.status === 'ready' ? loaded.data : undefined;
}

describe('useLoad', () => {
  it('shows loading, then the data', async () => {
    const { calls, load } = controlled<string>();
    const { result } = renderHook(() => useLoad('a', load));
    expect(result.current[0]).toEqual({ status: 'loading' });
    await answer(() => calls[0]?.resolve('first'));
    expect(result.current[0]).toMatchObject({ status: 'ready', data: 'first' });
  });

  it('keeps the error of a failed call, and ignores an aborted one', async () => {
    const { calls, load } = controlled<string>();
    const { result } = renderHook(() => useLoad('a', load));
    const error = new ApiError({ type: 'about:blank', title: '対象が見つかりません', status: 404 });
    await answer(() => calls[0]?.reject(error));
    expect(result.current[0]).toMatchObject({ status: 'failed', error });
    expect(isNotFound(result.current[0])).toBe(true);

    const second = controlled<string>();
    const { result: other } = renderHook(() => useLoad('b', second.load));
    await answer(() => second.calls[0]?.reject(new DOMException('aborted', 'AbortError')));
    expect(other.current[0]).toEqual({ status: 'loading' });
  });

  it('aborts the request on unmount', () => {
    const { calls, load } = controlled<string>();
    const { unmount } = renderHook(() => useLoad('a', load));
    unmount();
    expect(calls[0]?.signal.aborted).toBe(true);
  });

  it('aborts when the key changes, shows loading and never the answer for the old key', async () => {
    const { calls, load } = controlled<string>();
    const { result, rerender } = renderHook(({ key }) => useLoad(key, load), { initialProps: { key: 'page-1' } });
    await answer(() => calls[0]?.resolve('one'));
    rerender({ key: 'page-2' });
    expect(result.current[0]).toEqual({ status: 'loading' });
    rerender({ key: 'page-3' });
    expect(calls[1]?.signal.aborted).toBe(true);
    await answer(() => calls[1]?.resolve('two, too late'));
    expect(result.current[0]).toEqual({ status: 'loading' });
    await answer(() => calls[2]?.resolve('three'));
    expect(dataOf(result.current[0])).toBe('three');
  });

  it('keeps the last data on screen during reload() and a change of refresh', async () => {
    const { calls, load } = controlled<string>();
    const { result, rerender } = renderHook(({ version }) => useLoad('plan-7', load, version), { initialProps: { version: 1 } });
    await answer(() => calls[0]?.resolve('v1'));
    rerender({ version: 2 });
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(dataOf(result.current[0])).toBe('v1');
    await answer(() => calls[1]?.resolve('v2'));
    expect(dataOf(result.current[0])).toBe('v2');

    act(() => result.current[1]());
    expect(calls).toHaveLength(3);
    expect(dataOf(result.current[0])).toBe('v2');
    await answer(() => calls[2]?.resolve('v2 again'));
    expect(dataOf(result.current[0])).toBe('v2 again');
  });

  it('loads nothing for a null key', () => {
    const { calls, load } = controlled<string>();
    const { result } = renderHook(() => useLoad(null, load));
    expect(calls).toHaveLength(0);
    expect(result.current[0]).toEqual({ status: 'loading' });
  });

  it('update() changes the data on screen, and nothing before it has arrived', async () => {
    const { calls, load } = controlled<number[]>();
    const { result } = renderHook(() => useLoad('rows', load));
    act(() => result.current[2]((rows) => [...rows, 9]));
    expect(result.current[0]).toEqual({ status: 'loading' });
    await answer(() => calls[0]?.resolve([1, 2]));
    act(() => result.current[2]((rows) => rows.map((n) => n * 10)));
    expect(dataOf(result.current[0])).toEqual([10, 20]);
  });
});

describe('a failed call on screen', () => {
  it('reads the problem: its detail, else its title, else the error itself', () => {
    expect(messageOf(new ApiError({ type: 'about:blank', title: 'リクエストが正しくありません', status: 400, detail: '回の締切を過ぎています' }))).toBe(
      '回の締切を過ぎています',
    );
    expect(messageOf(new ApiError({ type: 'about:blank', title: '対象が見つかりません', status: 404 }))).toBe('対象が見つかりません');
    expect(messageOf('接続が切れました')).toBe('接続が切れました');
  });

  it("is one alert with the screen's title above the message, or the message alone", async () => {
    const error = new ApiError({ type: 'about:blank', title: 'サーバーでエラーが発生しました', status: 500 });
    const { rerender } = render(<ApiErrorNotice title="一覧を取得できませんでした" error={error} />);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('一覧を取得できませんでした'));
    expect(screen.getByRole('alert')).toHaveTextContent('サーバーでエラーが発生しました');
    rerender(<ApiErrorNotice error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('エラー：サーバーでエラーが発生しました');
    rerender(<ApiErrorNotice tone="warning" title="読み込めませんでした" error={error} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('サーバーでエラーが発生しました');
  });
});

describe('a failed side list', () => {
  it('is one quiet line, no alert', () => {
    const error = new ApiError({ type: 'about:blank', title: '対象が見つかりません', status: 404 });
    render(<ApiErrorNotice line title="版の履歴を読み込めませんでした" error={error} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('版の履歴を読み込めませんでした：対象が見つかりません')).toBeInTheDocument();
  });
});
