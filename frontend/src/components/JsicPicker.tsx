import { useEffect, useId, useMemo, useState } from 'react';
import { loadJsic, type JsicEntry } from '../api/jsic';
import { Button } from './Button';
import { RequirementBadge } from './RequirementBadge';
import { chosenCodes, searchJsic } from './jsicSearch';

const M = {
  searchHint: '日本標準産業分類（令和5年7月改定）から、分類番号または名称で探して選びます（例：半導体、28、E2814）。',
  results: '候補',
  none: '業種はまだ選ばれていません。',
  found: (n: number) => `${String(n)}件見つかりました。`,
  notFound: '該当する分類はありません。別の語や分類番号で探してください。',
  add: (label: string) => `${label} を加える`,
  remove: (label: string) => `${label} を外す`,
  chosen: '選んだ業種',
  unknown: '（日本標準産業分類の一覧にない分類です。外して選び直してください）',
  unavailable: '分類の一覧を読み込めませんでした。再読み込みしてください。',
} as const;

export interface JsicPickerProps {
  id: string;
  label: string;
  required: boolean;
  /** The chosen codes, space separated (`E28 E29`), as the plan draft keeps them. */
  value: string;
  readOnly: boolean;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/** 業種 chosen from the 日本標準産業分類 list, searched by code or name; chosen ones read 「E28 電子部品・…」. */
export function JsicPicker({ id, label, required, value, readOnly, error, onChange }: JsicPickerProps) {
  const [items, setItems] = useState<JsicEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const hintId = useId();
  const statusId = useId();
  const errorId = `${id}-error`;
  useEffect(() => {
    const controller = new AbortController();
    loadJsic(controller.signal).then(
      (list) => setItems(list.items),
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => controller.abort();
  }, []);
  const chosen = chosenCodes(value);
  const byCode = useMemo(() => new Map((items ?? []).map((e) => [e.code, e])), [items]);
  const results = useMemo(() => searchJsic(items ?? [], query).filter((e) => !chosen.includes(e.code)), [items, query, chosen]);
  const labelOf = (code: string) => byCode.get(code)?.label ?? code;
  const chosenList =
    chosen.length === 0 ? (
      <p className="text-std-16N-170 text-solid-gray-700">{M.none}</p>
    ) : (
      <ul className="flex flex-col gap-1" aria-label={M.chosen} data-testid="jsic-chosen">
        {chosen.map((code) => (
          <li key={code} className="flex flex-wrap items-center gap-2 text-std-16N-170">
            <span>
              {labelOf(code)}
              {items && !byCode.has(code) ? M.unknown : ''}
            </span>
            {readOnly ? null : (
              <Button variant="text" size="sm" aria-label={M.remove(labelOf(code))} onClick={() => onChange(chosen.filter((c) => c !== code).join(' '))}>
                外す
              </Button>
            )}
          </li>
        ))}
      </ul>
    );
  if (readOnly) {
    return (
      <div className="flex min-w-0 flex-col gap-2">
        <p className="text-std-17B-170 text-solid-gray-800">
          {label}
          <RequirementBadge required={required} />
        </p>
        {chosenList}
      </div>
    );
  }
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {label}
        <RequirementBadge required={required} />
      </label>
      <p id={hintId} className="text-dns-16N-130 text-solid-gray-700">
        {M.searchHint}
      </p>
      <div>
        <p className="text-std-16B-170">{M.chosen}</p>
        {chosenList}
      </div>
      <input
        id={id}
        type="search"
        value={query}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, statusId, error ? errorId : ''].filter(Boolean).join(' ')}
        className="h-14 w-full max-w-md rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-oln-16N-100 text-solid-gray-800 hover:border-black aria-[invalid=true]:border-error-1"
        onChange={(e) => setQuery(e.target.value)}
      />
      {error ? (
        <p id={errorId} className="text-dns-16N-130 text-error-1">
          ＊{error}
        </p>
      ) : null}
      <p id={statusId} role="status" className="text-dns-16N-130 text-solid-gray-700">
        {failed ? M.unavailable : query.trim() === '' || !items ? '' : results.length ? M.found(results.length) : M.notFound}
      </p>
      {results.length ? (
        <ul className="flex flex-col gap-1" aria-label={M.results} data-testid="jsic-results">
          {results.map((entry) => (
            <li key={entry.code}>
              <Button
                variant="text"
                size="sm"
                className="text-left"
                onClick={() => {
                  onChange([...chosen, entry.code].join(' '));
                  setQuery('');
                  document.getElementById(id)?.focus();
                }}
              >
                {M.add(entry.label)}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
