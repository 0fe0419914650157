import { useMemo } from 'react';
import { loadJsic, type JsicEntry } from '../api/jsic';
import { useLoad } from './useLoad';

export interface JsicNames {
  /** The whole list, null until it has arrived (or when it could not be loaded). */
  items: readonly JsicEntry[] | null;
  failed: boolean;
  /** 「E28 電子部品・デバイス・電子回路製造業」; the bare code until the list is there, or when it lacks it. */
  labelOf: (code: string) => string;
  known: (code: string) => boolean;
}

/**
 * The 日本標準産業分類 list plans-api ships, for every screen that shows an industry: the picker and
 * any screen that would otherwise show a bare code. `enabled: false` fetches nothing.
 */
export function useJsic(enabled = true): JsicNames {
  // The list is cached for the session (api/jsic), so it is not aborted: another screen reads it next.
  const [loaded] = useLoad(enabled ? 'jsic' : null, () => loadJsic());
  const items = loaded.status === 'ready' ? loaded.data.items : null;
  const failed = loaded.status === 'failed';
  return useMemo(() => {
    const byCode = new Map((items ?? []).map((e) => [e.code, e]));
    return { items, failed, labelOf: (code: string) => byCode.get(code)?.label ?? code, known: (code: string) => byCode.has(code) };
  }, [items, failed]);
}

/** Codes as plans-api writes them in a described change (「E28、E2814」), each with its name. */
export function jsicListLabel(text: string, labelOf: (code: string) => string): string {
  return text
    .split('、')
    .map((code) => labelOf(code.trim()))
    .join('、');
}
