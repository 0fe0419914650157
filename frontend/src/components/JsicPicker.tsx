import { useId, useMemo, useState } from 'react';
import { useJsic } from '../lib/useJsic';
import { Button } from './Button';
import { FieldError } from './FieldFrame';
import { JsicResults } from './JsicResults';
import { RequirementBadge } from './RequirementBadge';
import { chosenCodes, searchJsic } from './jsicSearch';
import { JSIC_PICKER_MESSAGES as M } from './messages';

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
  const { items, failed, labelOf, known } = useJsic();
  const [query, setQuery] = useState('');
  const hintId = useId();
  const statusId = useId();
  const errorId = `${id}-error`;
  const chosen = chosenCodes(value);
  const results = useMemo(() => searchJsic(items ?? [], query).filter((e) => !chosen.includes(e.code)), [items, query, chosen]);
  const chosenList =
    chosen.length === 0 ? (
      <p className="text-std-16N-170 text-solid-gray-700">{M.none}</p>
    ) : (
      <ul className="flex flex-col gap-1" aria-label={M.chosen} data-testid="jsic-chosen">
        {chosen.map((code) => (
          <li key={code} className="flex flex-wrap items-center gap-2 text-std-16N-170">
            <span>
              {labelOf(code)}
              {items && !known(code) ? M.unknown : ''}
            </span>
            {readOnly ? null : (
              <Button variant="text" size="sm" aria-label={M.remove(labelOf(code))} onClick={() => onChange(chosen.filter((c) => c !== code).join(' '))}>
                {M.removeShort}
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
      <FieldError id={errorId} error={error} />
      <p id={statusId} role="status" className="text-dns-16N-130 text-solid-gray-700">
        {failed ? M.unavailable : query.trim() === '' || !items ? '' : results.length ? M.found(results.length) : M.notFound}
      </p>
      <JsicResults
        inputId={id}
        results={results}
        label={M.results}
        action={M.add}
        testId="jsic-results"
        onPick={(code) => {
          onChange([...chosen, code].join(' '));
          setQuery('');
        }}
      />
    </div>
  );
}
