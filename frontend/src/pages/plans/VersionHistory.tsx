import { useCallback, useState } from 'react';
import { planPdfUrl, type Versioned } from '../../api/plans';
import { ApiError } from '../../api/problem';
import {
  VERSION_PAGE_SIZE,
  getVersion,
  listVersions,
  restoreVersion,
  type VersionOut,
} from '../../api/versions';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { NoticeBanner } from '../../components/NoticeBanner';
import { formatDateTimeJst, isoDateTimeJst } from '../../lib/dates';
import { useLoad } from '../../lib/useLoad';
import { useOrganisationNames } from './useOrganisationNames';
import { ChangeList, ContentList } from './versions/ChangeList';
import { VERSION_MESSAGES as M } from './versions/messages';

type View = { status: 'loading'; version: number } | { status: 'ready'; version: VersionOut; tab: 'content' | 'diff' };

/**
 * 版の履歴: every version of the plan's content (when, who, what), one version shown read-only or
 * as its difference to the current content, and 「この版に戻す」 (a new version; nothing is lost).
 */
export function VersionHistory({
  planId,
  planVersion,
  etag,
  mayRestore,
  dirty,
  onRestored,
}: {
  planId: number;
  /** The plan's version now: the list reloads when it moves. */
  planVersion: number;
  etag: string;
  mayRestore: boolean;
  dirty: boolean;
  onRestored: (result: Versioned, message: string) => void;
}) {
  // A new version of the plan refreshes the list in place.
  const [loaded, , update] = useLoad(String(planId), (signal) => listVersions(planId, 0, signal), planVersion);
  const versions = loaded.status === 'ready' ? loaded.data.items : null;
  const total = loaded.status === 'ready' ? loaded.data.total : 0;
  const [view, setView] = useState<View | null>(null);
  const [confirm, setConfirm] = useState<number | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const organisationName = useOrganisationNames((versions ?? []).map((v) => v.organisation).filter(Boolean));

  const more = async () => {
    const next = await listVersions(planId, versions?.length ?? 0);
    update((page) => ({ ...page, items: [...page.items, ...next.items], total: next.total }));
  };

  const open = useCallback(
    async (number: number) => {
      setView({ status: 'loading', version: number });
      const version = await getVersion(planId, number);
      setView({ status: 'ready', version, tab: 'diff' });
    },
    [planId],
  );

  const restore = async (number: number) => {
    setRestoring(true);
    setRestoreError(null);
    try {
      const result = await restoreVersion(planId, number, etag);
      setConfirm(null);
      setView(null);
      onRestored(result, M.restored(number, result.plan.version));
    } catch (error) {
      setRestoreError(`${M.restoreFailed}${error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error)}`);
    } finally {
      setRestoring(false);
    }
  };

  const shown = view?.status === 'ready' ? view.version : null;

  return (
    <section aria-labelledby="versions-heading" className="mt-10" data-testid="version-history">
      <h2 id="versions-heading" className="text-std-24B-150">
        {M.historyTitle}
      </h2>
      <p className="mt-2 text-std-16N-170">{M.historyLead}</p>
      {loaded.status === 'failed' ? (
        <div className="mt-2">
          <ApiErrorNotice line title={M.loadFailed} error={loaded.error} />
        </div>
      ) : null}
      {loaded.status === 'loading' ? <p role="status">{M.loading}</p> : null}
      {versions?.length === 0 ? <p className="mt-2">{M.empty}</p> : null}
      {versions && versions.length > 0 ? (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-left text-std-16N-170" data-testid="versions">
            <caption className="sr-only">{M.caption}</caption>
            <thead>
              <tr className="border-b-2 border-solid-gray-420">
                <th scope="col" className="py-2 pr-4">{M.colVersion}</th>
                <th scope="col" className="py-2 pr-4">{M.colWhen}</th>
                <th scope="col" className="py-2 pr-4">{M.colWho}</th>
                <th scope="col" className="py-2 pr-4">{M.colWhat}</th>
                <th scope="col" className="py-2">{M.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} className="border-b border-solid-gray-420" data-testid={`version-${v.version}`}>
                  <th scope="row" className="py-2 pr-4 text-std-16B-170">
                    {M.versionLabel(v.version)}
                    {v.current ? <span className="ml-2 rounded-4 bg-blue-100 px-2 text-dns-14B-120">{M.current}</span> : null}
                  </th>
                  <td className="py-2 pr-4">
                    <time dateTime={isoDateTimeJst(v.written_at)}>{formatDateTimeJst(v.written_at)}</time>
                  </td>
                  <td className="py-2 pr-4">
                    {v.organisation ? `${organisationName(v.organisation)} ` : ''}
                    {v.actor_name}
                  </td>
                  <td className="py-2 pr-4">
                    <span className="text-std-16B-170">{v.source_label}</span>
                    {M.sourceSeparator}
                    {M.changedAreas(v.changed_areas, v.change_count)}
                    {v.restored_from ? <span className="block text-dns-14N-130">{M.restoredFrom(v.restored_from)}</span> : null}
                  </td>
                  <td className="py-2">
                    <div className="flex flex-wrap items-center gap-4">
                      <Button variant="secondary" size="sm" onClick={() => void open(v.version)}>
                        {M.view(v.version)}
                      </Button>
                      <a href={planPdfUrl(planId, v.version)} className="text-std-16B-170 text-blue-900">
                        {M.pdf(v.version)}
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {versions.length < total && total > VERSION_PAGE_SIZE ? (
            <Button variant="text" size="sm" className="mt-2" onClick={() => void more()}>
              {M.more}
            </Button>
          ) : null}
        </div>
      ) : null}
      {view?.status === 'loading' ? <p role="status">{M.viewLoading}</p> : null}
      {shown && view?.status === 'ready' ? (
        <div className="mt-6 rounded-8 border-2 border-solid-gray-420 p-4" data-testid="version-view">
          <div className="flex flex-wrap items-center justify-between gap-4">
            <h3 className="text-std-20B-150">{M.viewTitle(shown.version)}</h3>
            <Button variant="text" size="sm" onClick={() => setView(null)}>
              {M.close}
            </Button>
          </div>
          <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label={M.viewTitle(shown.version)}>
            <Button
              variant={view.tab === 'diff' ? 'primary' : 'secondary'}
              size="sm"
              aria-pressed={view.tab === 'diff'}
              onClick={() => setView({ ...view, tab: 'diff' })}
            >
              {M.tabDiff}
            </Button>
            <Button
              variant={view.tab === 'content' ? 'primary' : 'secondary'}
              size="sm"
              aria-pressed={view.tab === 'content'}
              onClick={() => setView({ ...view, tab: 'content' })}
            >
              {M.tabContent}
            </Button>
          </div>
          {view.tab === 'content' ? (
            <ContentList items={shown.items} level={4} />
          ) : shown.changes_to_current.length === 0 ? (
            <p className="mt-4">{M.noDiff}</p>
          ) : (
            <>
              <p className="mt-4">{M.diffLead}</p>
              <ChangeList changes={shown.changes_to_current} level={4} testId="version-diff" />
            </>
          )}
          {mayRestore && !shown.current ? (
            <div className="mt-6">
              {dirty ? <p className="mb-2 text-std-16N-170">{M.dirty}</p> : null}
              <Button unavailable={dirty} onClick={() => setConfirm(shown.version)} data-testid="restore-open">
                {M.restore}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
      {confirm !== null ? (
        <Dialog title={M.restoreTitle(confirm)} onClose={() => setConfirm(null)}>
          <p className="text-std-16N-170">{M.restoreLead(confirm)}</p>
          {restoreError ? (
            <div className="mt-4">
              <NoticeBanner tone="error" title={restoreError} />
            </div>
          ) : null}
          <div className="mt-6 flex flex-wrap gap-4">
            <Button unavailable={restoring} onClick={() => void restore(confirm)} data-testid="restore-confirm">
              {restoring ? M.restoring : M.restoreConfirm}
            </Button>
            <Button variant="secondary" onClick={() => setConfirm(null)}>
              {M.cancel}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
