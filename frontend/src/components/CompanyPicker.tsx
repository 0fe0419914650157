import { useEffect, useId, useState } from 'react';
import { searchCompanies, type CompanyOut } from '../api/scoring';
import { normaliseDigits } from '../lib/identifiers';
import { Button } from './Button';
import { COMPANY_PICKER_MESSAGES as M } from './messages';

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
                  {M.company(company.name, company.corporate_number)}
                  {M.already}
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
                  {M.pick(company.name, company.corporate_number)}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
