import { Link, useParams, useSearchParams } from 'react-router';
import { listPublications, publicationItems, publicationLinks } from '../../api/plans';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Page } from '../../components/Page';
import { formatDateTimeJst } from '../../lib/dates';
import { isNotFound, useLoad } from '../../lib/useLoad';
import { NotFoundPage } from '../NotFoundPage';
import { ContentList } from '../plans/versions/ChangeList';
import { OPEN_DATA_MESSAGES as M } from './messages';

/** One published plan for anyone: its whole published content, its files and its publications. */
export function PublicPlanPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const validId = Number.isSafeInteger(id) && id >= 1;
  const [search] = useSearchParams();
  const [history] = useLoad(validId ? String(id) : null, (signal) => listPublications(id, signal));
  const publications = history.status === 'ready' ? history.data : [];
  const asked = Number(search.get('version'));
  const shown = publications.find((p) => p.version === asked) ?? publications[0];
  const [items] = useLoad(shown ? `${id}:${shown.version}` : null, (signal) => publicationItems(id, shown?.version ?? 1, signal));

  if (!validId || isNotFound(history)) return <NotFoundPage />;
  if (history.status === 'failed') {
    return (
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 md:px-8">
        <ApiErrorNotice title={M.plan.failed} error={history.error} />
      </main>
    );
  }
  if (!shown) return <p role="status">{M.plan.loading}</p>;
  const links = publicationLinks(id, shown.version);
  return (
    <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 md:px-8">
      <Page title={shown.title} lead={<p>{M.plan.shown(shown.version, formatDateTimeJst(shown.published_at))}</p>}>
        <p className="mb-6">
          <Link to="/open-data" className="text-blue-900">
            {M.plan.back}
          </Link>
        </p>
        <section aria-labelledby="downloads-heading">
          <h2 id="downloads-heading" className="text-std-24B-150">
            {M.plan.downloads}
          </h2>
          <p className="mt-2 flex flex-wrap gap-6">
            <a href={links.pdf} className="text-blue-900">
              {M.plan.pdf}
            </a>
            <a href={links.csv} download className="text-blue-900">
              {M.plan.csv}
            </a>
            <a href={links.xlsx} download className="text-blue-900">
              {M.plan.xlsx}
            </a>
            <a href={links.json} className="text-blue-900">
              {M.plan.json}
            </a>
          </p>
          <p className="mt-2 text-std-16N-170 text-solid-gray-800">{M.licence}</p>
        </section>
        <section aria-labelledby="content-heading" className="mt-10">
          <h2 id="content-heading" className="text-std-24B-150">
            {M.plan.content}
          </h2>
          {items.status === 'loading' ? <p role="status">{M.plan.loading}</p> : null}
          {items.status === 'failed' ? <ApiErrorNotice title={M.plan.failed} error={items.error} /> : null}
          {items.status === 'ready' ? <ContentList items={items.data} level={3} lookUp={false} /> : null}
        </section>
        <section aria-labelledby="publications-heading" className="mt-10">
          <h2 id="publications-heading" className="text-std-24B-150">
            {M.plan.history}
          </h2>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full border-collapse text-left text-std-16N-170" data-testid="publications">
              <caption className="sr-only">{M.plan.historyCaption}</caption>
              <thead>
                <tr className="border-b-2 border-solid-gray-600">
                  <th scope="col" className="p-2">{M.colVersion}</th>
                  <th scope="col" className="p-2">{M.colTitle}</th>
                  <th scope="col" className="p-2">{M.colPublishedAt}</th>
                  <th scope="col" className="p-2">{M.plan.colAction}</th>
                </tr>
              </thead>
              <tbody>
                {publications.map((p) => (
                  <tr key={p.version} className="border-b border-solid-gray-420">
                    <td className="p-2">{M.version(p.version)}</td>
                    <td className="p-2">{p.title}</td>
                    <td className="p-2">{formatDateTimeJst(p.published_at)}</td>
                    <td className="p-2">
                      {p.version === shown.version ? (
                        M.plan.current
                      ) : (
                        <Link to={`/open-data/plans/${id}?version=${p.version}`} className="text-blue-900">
                          {M.plan.view(p.version)}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </Page>
    </main>
  );
}
