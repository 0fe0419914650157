import { type SyntheticEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_PAGE_SIZE, searchPlans } from '../../api/plans';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Button } from '../../components/Button';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { TextField } from '../../components/TextField';
import { PLAN_TYPE_LABELS } from '../../lib/plans';
import { useLoad } from '../../lib/useLoad';
import { PLAN_MESSAGES } from './messages';

const M = PLAN_MESSAGES.search;

/** `text` with the ranges `[start, end)` (in characters) marked, as the search answered them. */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly (readonly number[])[] }) {
  const characters = Array.from(text);
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start = 0, end = 0] of [...highlights].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push({ text: characters.slice(at, start).join(''), marked: false });
    parts.push({ text: characters.slice(start, end).join(''), marked: true });
    at = end;
  }
  if (at < characters.length) parts.push({ text: characters.slice(at).join(''), marked: false });
  return (
    <>
      {parts.map((part, i) =>
        part.marked ? (
          <mark key={i} className="bg-yellow-200 text-solid-gray-900">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

type SearchResult = Awaited<ReturnType<typeof searchPlans>>['items'][number];

function Result({ result }: { result: SearchResult }) {
  return (
    <li className="border-b border-solid-gray-420 py-4">
      <Link to={`/plans/${result.id}`} className="text-std-18B-160 text-blue-900 underline">
        {result.title}
      </Link>
      <p className="text-dns-16N-130 text-solid-gray-800">
        {M.about(PLAN_TYPE_LABELS[result.plan_type], result.prefecture_name, result.state_label)}
      </p>
      <ul className="mt-2 space-y-1">
        {result.snippets.map((snippet, i) => (
          <li key={i} className="text-std-16N-170">
            <span className="text-std-16B-170">{snippet.label}</span>
            <span className="block">
              <Highlighted text={snippet.text} highlights={snippet.highlights} />
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** 計画の検索: every plan the person may see, found by Japanese words, matched passages marked. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const [loaded] = useLoad(q ? `${q}|${offset}` : null, (signal) => searchPlans(q, offset, signal));

  const onSearch = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    const next = new URLSearchParams();
    if (typeof value === 'string' && value.trim()) next.set('q', value.trim());
    setParams(next);
  };
  const goTo = (to: number) => {
    const next = new URLSearchParams(params);
    if (to > 0) next.set('offset', String(to));
    else next.delete('offset');
    setParams(next);
  };

  return (
    <Page title={M.title} lead={<p>{M.lead}</p>}>
      <form role="search" aria-label={M.form} onSubmit={onSearch} className="mb-8 flex flex-wrap items-end gap-4" key={q}>
        <TextField id="search-q" name="q" label={M.query} required defaultValue={q} maxLength={100} className="min-w-64 flex-1" />
        <Button type="submit">{M.submit}</Button>
      </form>
      {q && loaded.status === 'loading' ? <p role="status">{M.searching}</p> : null}
      {loaded.status === 'failed' ? <ApiErrorNotice title={M.failed} error={loaded.error} /> : null}
      {loaded.status === 'ready' ? (
        loaded.data.items.length === 0 ? (
          <p role="status">{M.none(q)}</p>
        ) : (
          <section aria-label={M.caption}>
            <p role="status" className="text-std-16N-170">
              {M.count(loaded.data.total, loaded.data.total_is_estimate)}
            </p>
            <ol data-testid="search-results">
              {loaded.data.items.map((result) => (
                <Result key={result.id} result={result} />
              ))}
            </ol>
            <Pager offset={offset} pageSize={SEARCH_PAGE_SIZE} total={loaded.data.total} onGo={goTo} />
          </section>
        )
      ) : null}
    </Page>
  );
}
