/** Searching the 日本標準産業分類 list by code (E28, 28, 2813) or by name (半導体), as one types. */

export interface JsicItem {
  code: string;
  name: string;
  label: string;
  keywords: readonly string[];
}

/** Full-width letters and digits as half-width, spaces dropped, letters upper case (ｅ２８ → E28). */
export function normaliseQuery(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/**
 * The entries that match `query`, best first: the exact code, then codes that start with it (with
 * or without the 大分類 letter: 28 finds E28 and its groups), then names and search words that
 * contain it (半導体 also finds 集積回路製造業); each group in the classification's order.
 */
export function searchJsic<T extends JsicItem>(items: readonly T[], query: string, limit = 20): T[] {
  const q = normaliseQuery(query);
  if (!q) return [];
  const rank = (item: T): number => {
    const number = item.code.slice(1);
    if (item.code === q || number === q) return 0;
    if (item.code.startsWith(q) || (/^\d+$/.test(q) && number.startsWith(q))) return 1;
    const name = item.name.normalize('NFKC').toUpperCase();
    if (name.includes(q) || item.keywords.some((k) => normaliseQuery(k).includes(q))) return 2;
    return -1;
  };
  return items
    .map((item, order) => ({ item, order, rank: rank(item) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.item);
}

/** The codes of a plan's 業種 field (`E28 E29`), upper case, each once. */
export function chosenCodes(text: string): string[] {
  return [...new Set(text.toUpperCase().split(/[\s,、，]+/).filter(Boolean))];
}
