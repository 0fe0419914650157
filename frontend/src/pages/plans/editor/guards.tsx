import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { getValidationQuietly, type ValidationOut } from '../../../api/plans';
import { setLogoutGuard } from '../../../auth/session';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { markSessionExpired } from '../../../lib/localDraft';
import { sectionOf } from './sections';
import type { SectionStatus } from './SectionIndex';
import { EDITOR_MESSAGES as M } from './messages';

/**
 * Asks before leaving a screen with unsaved changes: any in-app navigation (menu link, browser
 * back), logging out, and closing or reloading the tab (the browser's own question). A lost session
 * is not asked about: the draft kept in this browser is put back after the next login.
 */
export function useLeaveGuard(dirty: boolean, user: { id: number | string }, planId: number) {
  const [logoutAsk, setLogoutAsk] = useState<((go: boolean) => void) | null>(null);
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);
  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string; search: string }; nextLocation: { pathname: string; search: string } }) => {
        if (!dirtyRef.current) return false;
        if (currentLocation.pathname === nextLocation.pathname && currentLocation.search === nextLocation.search) return false;
        if (nextLocation.pathname === '/login') {
          // The session ended (or a logout already confirmed): keep the draft for after the login.
          markSessionExpired(user.id, planId);
          return false;
        }
        return true;
      },
      [user.id, planId],
    ),
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => {
    setLogoutGuard(() => (dirtyRef.current ? new Promise<boolean>((resolve) => setLogoutAsk(() => resolve)) : Promise.resolve(true)));
    return () => setLogoutGuard(null);
  }, []);

  const dialog =
    blocker.state === 'blocked' ? (
      <Dialog title={M.leaveTitle} onClose={() => blocker.reset()}>
        <p className="text-std-16N-170">{M.leaveBody}</p>
        <div className="mt-6 flex flex-wrap gap-4">
          <Button onClick={() => blocker.reset()} data-testid="leave-stay">
            {M.leaveStay}
          </Button>
          <Button variant="secondary" onClick={() => blocker.proceed()} data-testid="leave-go">
            {M.leaveGo}
          </Button>
        </div>
      </Dialog>
    ) : logoutAsk ? (
      <Dialog
        title={M.leaveTitle}
        onClose={() => {
          logoutAsk(false);
          setLogoutAsk(null);
        }}
      >
        <p className="text-std-16N-170">{M.leaveBody}</p>
        <div className="mt-6 flex flex-wrap gap-4">
          <Button
            onClick={() => {
              logoutAsk(false);
              setLogoutAsk(null);
            }}
            data-testid="leave-stay"
          >
            {M.leaveStay}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              dirtyRef.current = false;
              logoutAsk(true);
              setLogoutAsk(null);
            }}
            data-testid="leave-go"
          >
            {M.leaveLogout}
          </Button>
        </div>
      </Dialog>
    ) : null;
  return dialog;
}

/** Per section, how many validation errors the saved plan has (fetched again for every new version). */
export function useSectionStatus(planId: number, version: number, enabled: boolean): { status: Record<string, SectionStatus> | null; report: ValidationOut | null } {
  const [report, setReport] = useState<{ version: number; out: ValidationOut } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    // Quietly: a failure here (a session ending at that moment) only leaves the index unmarked.
    getValidationQuietly(planId).then(
      (out) => {
        if (live) setReport({ version, out });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [planId, version, enabled]);
  if (!report) return { status: null, report: null };
  const status: Record<string, SectionStatus> = {};
  for (const problem of report.out.errors) {
    const key = sectionOf(problem.field);
    status[key] = { errors: (status[key]?.errors ?? 0) + 1 };
  }
  return { report: report.out, status };
}
