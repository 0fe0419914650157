import { useId, useMemo, useState } from 'react';
import { loadPublicJsic } from '../../api/jsic';
import { Button } from '../../components/Button';
import { JsicResults } from '../../components/JsicResults';
import { searchJsic } from '../../components/jsicSearch';
import { RequirementBadge } from '../../components/RequirementBadge';
import { useLoad } from '../../lib/useLoad';
import { OPEN_DATA_MESSAGES } from './messages';

const M = OPEN_DATA_MESSAGES.industry;

export interface IndustryFilterProps {
  /** The chosen JSIC code (`E28`), `''` for none. */
  value: string;
  onChange: (code: string) => void;
}

/** One industry of 日本標準産業分類 to filter by, searched by code or name in the public list. */
export function IndustryFilter({ value, onChange }: IndustryFilterProps) {
  const [loaded] = useLoad('public-jsic', () => loadPublicJsic());
  const items = loaded.status === 'ready' ? loaded.data.items : null;
  const [query, setQuery] = useState('');
  const id = useId();
  const hintId = useId();
  const statusId = useId();
  const results = useMemo(() => searchJsic(items ?? [], query, 10).filter((e) => e.code !== value), [items, query, value]);
  const chosen = items?.find((e) => e.code === value);
  return (
    <div className="flex min-w-0 flex-col gap-2 md:col-span-2 lg:col-span-4" data-testid="industry-filter">
      <label htmlFor={id} className="text-std-17B-170 text-solid-gray-800">
        {M.label}
        <RequirementBadge required={false} />
      </label>
      <p id={hintId} className="text-dns-16N-130 text-solid-gray-700">
        {M.hint}
      </p>
      {value ? (
        <p className="flex flex-wrap items-center gap-2 text-std-16N-170" data-testid="industry-chosen">
          <span>{M.chosen(chosen?.label ?? value)}</span>
          <Button variant="text" size="sm" onClick={() => onChange('')}>
            {M.clear}
          </Button>
        </p>
      ) : null}
      <input
        id={id}
        type="search"
        value={query}
        autoComplete="off"
        aria-describedby={`${hintId} ${statusId}`}
        className="h-14 w-full max-w-md rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-oln-16N-100 text-solid-gray-800 hover:border-black"
        onChange={(event) => setQuery(event.target.value)}
      />
      <p id={statusId} role="status" className="text-dns-16N-130 text-solid-gray-700">
        {loaded.status === 'failed' ? M.unavailable : query.trim() === '' || !items ? '' : results.length ? M.found(results.length) : M.notFound}
      </p>
      <JsicResults
        inputId={id}
        results={results}
        label={M.results}
        action={M.choose}
        testId="industry-results"
        onPick={(code) => {
          onChange(code);
          setQuery('');
        }}
      />
    </div>
  );
}
