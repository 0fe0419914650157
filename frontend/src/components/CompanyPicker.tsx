import { useEffect, useId, useState } from 'react';
import { searchCompanies, type CompanyOut } from '../api/scoring';
import { normaliseDigits } from '../lib/identifiers';
import { Button } from './Button';

const M = {
  search: '登録済みの企業から探す',
  hint: '企業名の一部か13桁の法人番号で、重点支援企業の選定などで登録された企業を探せます。見つからない企業は下の「追加」から法人番号を入力します。',
  searching: '検索しています。',
  found: (n: number, total: number) => (total > n ? `${String(total)}件見つかりました（上位${String(n)}件を表示）。` : `${String(n)}件見つかりました。`),
  none: '該当する登録企業はありません。',
  failed: '登録企業を検索できませんでした。法人番号を入力して追加してください。',
  pick: (c: CompanyOut) => `${c.name}（法人番号 ${c.corporate_number}）を加える`,
  already: '（追加済み）',
} as const;

/** The query as scoring-api searches it: a 法人番号 typed with full-width digits or hyphens is sent as 13 digits. */
export function companyQuery(text: string): string {
  const trimmed = text.trim();
  const digits = normaliseDigits(trimmed);
  return /^\d{13}$/.test(digits) ? digits : trimmed;
}

export interface CompanyPickerProps {
  id: string;
  /** 法人番号 already in the plan (shown, not offered twice). */
  taken: readonly string[];
  onPick: (company: CompanyOut) => void;
}

/** Search the companies registered in scoring by name or 法人番号 and add one as a core company. */
export function CompanyPicker({ id, taken, onPick }: CompanyPickerProps) {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<{ q: string; result: { items: CompanyOut[]; total: number } | 'failed' } | null>(null);
  const hintId = useId();
  const statusId = useId();
  const q = companyQuery(query);
  useEffect(() => {
    if (q === '') return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      searchCompanies(q, controller.signal).then(
        (page) => setAnswer({ q, result: { items: page.items, total: page.total } }),
        () => {
          if (!controller.signal.aborted) setAnswer({ q, result: 'failed' });
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  // An answer to an earlier query is never shown for the current one.
  const state = q === '' ? null : answer?.q === q ? answer.result : 'searching';
  const status =
    state === null ? '' : state === 'searching' ? M.searching : state === 'failed' ? M.failed : state.items.length ? M.found(state.items.length, state.total) : M.none;
  return (
    <div className="flex flex-col gap-2 rounded-8 bg-solid-gray-50 p-4">
      <label htmlFor={id} className="text-std-16B-170 text-solid-gray-800">
        {M.search}
      </label>
      <p id={hintId} className="text-dns-16N-130 text-solid-gray-700">
        {M.hint}
      </p>
      <input
        id={id}
        type="search"
        value={query}
        autoComplete="off"
        aria-describedby={`${hintId} ${statusId}`}
        className="h-14 w-full max-w-md rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-oln-16N-100 text-solid-gray-800 hover:border-black"
        onChange={(e) => setQuery(e.target.value)}
      />
      <p id={statusId} role="status" className="text-dns-16N-130 text-solid-gray-700">
        {status}
      </p>
      {typeof state === 'object' && state?.items.length ? (
        <ul className="flex flex-col gap-1" data-testid="company-results">
          {state.items.map((company) => (
            <li key={company.corporate_number}>
              {taken.includes(company.corporate_number) ? (
                <span className="text-std-16N-170">
                  {company.name}（法人番号 {company.corporate_number}）{M.already}
                </span>
              ) : (
                <Button
                  variant="text"
                  size="sm"
                  className="text-left"
                  onClick={() => {
                    onPick(company);
                    setQuery('');
                  }}
                >
                  {M.pick(company)}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
