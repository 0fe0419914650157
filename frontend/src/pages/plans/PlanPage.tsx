import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  exportUrl,
  getHistory,
  getPlan,
  getTransitions,
  planPdfUrl,
  savePart,
  type AvailableAction,
  type HistoryOut,
  type Versioned,
} from '../../api/plans';
import { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/session';
import { hasRole, type SessionUser } from '../../auth/types';
import { Button } from '../../components/Button';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { StateBadge } from '../../components/StateBadge';
import { formatDateTimeJst, formatFiscalYear, formatUntil } from '../../lib/dates';
import { EDITABLE_STATES, PLAN_TYPE_LABELS, fieldId, type Action } from '../../lib/plans';
import {
  changedParts,
  differences,
  draftFromPlan,
  draftProblems,
  rebase,
  withMandatoryKgis,
  type DraftPart,
  type PlanDraft,
} from '../../lib/planDraft';
import { labelledMessage, type LabelContext } from '../../lib/fieldLabels';
import { clearDraft, loadDraft, storeDraft, type StoredDraft } from '../../lib/localDraft';
import { useJsic } from '../../lib/useJsic';
import { isNotFound, useLoad } from '../../lib/useLoad';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { useLeaveGuard, useSectionStatus } from './editor/guards';
import { EDITOR_MESSAGES } from './editor/messages';
import { editorSections, overlay } from './editor/sections';
import { NotFoundPage } from '../NotFoundPage';
import { ConflictPanel } from './ConflictPanel';
import { CoordinationPanel } from './CoordinationPanel';
import { HistoryTimeline } from './HistoryTimeline';
import { ImportDialog } from './ImportDialog';
import { PlanEditor } from './PlanEditor';
import { ValidationPanel } from './ValidationPanel';
import { PLAN_MESSAGES } from './messages';
import { IMPORT_MESSAGES, VERSION_MESSAGES } from './versions/messages';
import { useOrganisationNames } from './useOrganisationNames';
import { ApprovalRequestButton } from './ApprovalRequestButton';
import { VersionHistory } from './VersionHistory';
import { WorkflowPanel } from './WorkflowPanel';
import { REVIEW_ACTIONS, ReviewPanel, reviewsHere } from './review/ReviewPanel';
import { ReturnSummary } from './review/ReturnSummary';
import { REVIEW_PANEL_MESSAGES } from './review/messages';

const PART_PREFIX: Record<DraftPart, string> = {
  patch: '',
  kgis: 'kgis/',
  kpis: 'kpis/',
  'core-companies': 'core_companies/',
  'co-authors': 'co_authors/',
};

/** A server field path (`body/0/corporate_number`) as the editor's path (`core_companies/0/corporate_number`). */
export function editorPath(part: DraftPart, serverField: string): string {
  const rest = serverField.replace(/^body\/?/, '').replace(/^organisations.*$/, '');
  if (part === 'co-authors') return 'co_authors';
  const path = `${PART_PREFIX[part]}${rest}`.replace(/\/$/, '');
  return path || part.replace('-', '_');
}

export function mayEdit(user: SessionUser, plan: Versioned['plan']): boolean {
  return (
    EDITABLE_STATES.includes(plan.state) &&
    plan.authors.some((a) => a.organisation === user.organisation) &&
    user.tier !== 'national' &&
    hasRole(user, 'editor')
  );
}

function prepared(user: SessionUser, loaded: Versioned): PlanDraft {
  const draft = draftFromPlan(loaded.plan);
  return mayEdit(user, loaded.plan) ? { ...draft, kgis: withMandatoryKgis(loaded.plan.plan_type, draft.kgis) } : draft;
}

type Saving =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved'; at: string }
  /** `items`: each failing field, its message labelled for the summary (`short`: beside the field). */
  | { status: 'failed'; title: string; items: (SummaryItem & { short?: string })[] };

const ACTION_DONE: Partial<Record<Action, string>> = {
  ...PLAN_MESSAGES.actionDone,
  start_review: REVIEW_PANEL_MESSAGES.started,
};

/** One plan: the editor for every section, the validation panel, the workflow and the history. */
export function PlanPage() {
  const { planId } = useParams();
  const id = Number(planId);
  const user = useCurrentUser();
  const validId = Number.isSafeInteger(id) && id >= 1;
  const [loaded, setLoaded] = useState<Versioned | null>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [saving, setSaving] = useState<Saving>({ status: 'idle' });
  const [conflict, setConflict] = useState<{ theirs: Versioned; base: PlanDraft } | null>(null);
  const [actions, setActions] = useState<AvailableAction[]>([]);
  const [history, setHistory] = useState<HistoryOut[]>([]);
  // `seq` moves focus to the notice even when the same text is shown again.
  const [notice, setNoticeState] = useState<{ text: string; seq: number } | null>(null);
  const setNotice = useCallback((text: string) => setNoticeState((n) => ({ text, seq: (n?.seq ?? 0) + 1 })), []);
  const noticeBox = useRef<HTMLDivElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const [importing, setImporting] = useState(false);
  const draftRef = useRef<PlanDraft | null>(null);
  // A draft left in this browser (a closed tab, a crash), offered back; `saving` per section key.
  const [offered, setOffered] = useState<StoredDraft | null>(null);
  const [savingSection, setSavingSection] = useState<string | null>(null);
  useEffect(() => {
    draftRef.current = draft;
  }, [draft]);
  // The sticky save bar must not cover the field that has the focus (WCAG 2.4.11): once the
  // browser has scrolled a focused field into view, lift it above the bar if it is still under it.
  const saveBar = useRef<HTMLDivElement>(null);
  const hasSaveBar = loaded !== null && mayEdit(user, loaded.plan);
  useEffect(() => {
    if (!hasSaveBar) return;
    const lift = (event: FocusEvent) => {
      const target = event.target;
      requestAnimationFrame(() => {
        const bar = saveBar.current;
        if (!(target instanceof HTMLElement) || !bar || bar.contains(target)) return;
        const field = target.getBoundingClientRect();
        const cover = bar.getBoundingClientRect();
        if (field.bottom > cover.top && field.top < cover.bottom) window.scrollBy({ top: field.bottom - cover.top + 16 });
      });
    };
    document.addEventListener('focusin', lift);
    return () => document.removeEventListener('focusin', lift);
  }, [hasSaveBar]);
  // A refused save or import: the error summary takes the focus once drawn.
  useEffect(() => {
    if (saving.status === 'failed') summary.current?.focus();
  }, [saving]);
  // After a step or an import the button that started it is gone: the result takes the focus
  // (after the dialog has given it back to its opener).
  const noticeSeq = notice?.seq;
  useEffect(() => {
    if (noticeSeq) noticeBox.current?.focus();
  }, [noticeSeq]);

  const refreshSide = useCallback(async () => {
    const [nextActions, nextHistory] = await Promise.all([getTransitions(id), getHistory(id)]);
    setActions(nextActions);
    setHistory(nextHistory);
  }, [id]);

  // The plan as read from the server, with the draft this browser kept for it offered back.
  const open = useCallback(
    (result: Versioned) => {
      setLoaded(result);
      const fresh = prepared(user, result);
      const stored = mayEdit(user, result.plan) ? loadDraft(user.id, id) : null;
      const server = draftFromPlan(result.plan);
      const restored = stored ? (stored.version === result.plan.version ? stored.mine : rebase(stored.mine, stored.base, server)) : null;
      if (stored && restored && changedParts(restored, fresh, result.plan.plan_type).length > 0) {
        if (stored.reason === 'session_expired') {
          setDraft(restored);
          storeDraft(user.id, id, { mine: restored, base: server, version: result.plan.version });
          setNotice(EDITOR_MESSAGES.draftRestoredAfterLogin);
        } else {
          setDraft(fresh);
          setOffered(stored);
        }
      } else {
        if (stored) clearDraft(user.id, id);
        setDraft(fresh);
      }
      void refreshSide();
  },
    [id, user, refreshSide, setNotice],
  );
  // The plan as first read; from then on `loaded` follows each save, step and import.
  const [fetched] = useLoad(validId ? `${id}:${user.id}` : null, async (signal) => {
    const result = await getPlan(id, signal);
    if (!signal.aborted) open(result);
    return result;
  });

  const organisationName = useOrganisationNames(loaded?.plan.authors.map((a) => a.organisation) ?? []);
  const base = loaded ? draftFromPlan(loaded.plan) : null;
  const dirty = loaded && draft && base ? changedParts(draft, base, loaded.plan.plan_type).length > 0 : false;

  const leaveDialog = useLeaveGuard(dirty, user, id);
  const jsic = useJsic(conflict !== null);
  // Everything typed and not saved is kept in this browser too, per user and plan.
  const loadedVersion = loaded?.plan.version;
  useEffect(() => {
    if (!dirty || !draft || !loaded) return;
    // Only what the person typed: the pre-filled mandatory KGI rows alone are no draft.
    if (changedParts(draft, prepared(user, loaded), loaded.plan.plan_type).length === 0) return;
    storeDraft(user.id, id, { mine: draft, base: draftFromPlan(loaded.plan), version: loaded.plan.version });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- stored again for each change of the draft
  }, [dirty, draft, loadedVersion, user, id]);
  const sectionStatus = useSectionStatus(id, loaded?.plan.version ?? 0, loaded !== null && mayEdit(user, loaded.plan));

  const edit = useCallback((change: (d: PlanDraft) => void) => {
    setDraft((previous) => {
      if (!previous) return previous;
      const next = JSON.parse(JSON.stringify(previous)) as PlanDraft;
      change(next);
      return next;
    });
  }, []);

  const labels = (d: PlanDraft, plan: Versioned['plan']): LabelContext => ({
    planType: plan.plan_type,
    kgis: d.kgis,
    kpis: d.kpis,
    companies: d.core_companies,
    requirements: plan.requirements,
  });

  /**
   * Sends every changed part (or, with `only`, one section's) onto `onto`. Nothing is sent while a
   * field cannot be read (the whole save is refused, every such field named); a part the server
   * refuses does not stop the others, so every failing field of the save is reported at once and
   * the refused part stays in the editor, unsaved. A 412 keeps the draft and shows both versions.
   */
  const save = async (onto: Versioned, mine: PlanDraft, only?: string) => {
    const type = onto.plan.plan_type;
    const context = labels(mine, onto.plan);
    const serverDraft = draftFromPlan(onto.plan);
    const target = only ? overlay(serverDraft, mine, only) : mine;
    const problems = draftProblems(target, type);
    if (problems.length > 0) {
      setSaving({
        status: 'failed',
        title: EDITOR_MESSAGES.beforeSaveTitle(problems.length),
        items: problems.map((p) => ({ fieldId: fieldId(p.path), message: labelledMessage(p.path, p.message, context), short: p.message })),
      });
      return;
    }
    setSaving({ status: 'saving' });
    setSavingSection(only ?? null);
    setConflict(null);
    let current = onto;
    const failed: (SummaryItem & { short: string })[] = [];
    let firstTitle: string | null = null;
    try {
      for (const [name, body] of changedParts(target, serverDraft, type)) {
        try {
          current = await savePart(id, name, body, current.etag);
          setLoaded(current);
        } catch (error) {
          if (!(error instanceof ApiError) || error.kind !== 'validation') throw error;
          firstTitle ??= error.problem.detail ?? error.title;
          for (const p of error.fieldErrors) {
            const path = editorPath(name, p.field);
            failed.push({ fieldId: fieldId(path), message: labelledMessage(path, p.message, context), short: p.message });
          }
          if (error.fieldErrors.length === 0) failed.push({ message: error.problem.detail ?? error.title, short: error.title });
        }
      }
      setSavingSection(null);
      if (failed.length > 0) {
        setSaving({ status: 'failed', title: current === onto ? (firstTitle ?? EDITOR_MESSAGES.beforeSaveTitle(failed.length)) : EDITOR_MESSAGES.partlySavedTitle(failed.length), items: failed });
        void refreshSide();
        return;
      }
      // Keep anything typed while the requests were out; otherwise show what the server stored.
      if (draftRef.current === mine) {
        const stored = prepared(user, current);
        const next = only ? overlay(mine, stored, only) : stored;
        setDraft(next);
        if (changedParts(next, draftFromPlan(current.plan), type).length === 0) clearDraft(user.id, id);
      }
      setSaving({ status: 'saved', at: formatDateTimeJst(new Date()) });
      void refreshSide();
    } catch (error) {
      setSavingSection(null);
      if (error instanceof ApiError && error.kind === 'stale') {
        const theirs = await getPlan(id);
        setConflict({ theirs, base: draftFromPlan(onto.plan) });
        setSaving({ status: 'idle' });
        return;
      }
      const title = error instanceof ApiError ? (error.problem.detail ?? error.title) : String(error);
      setSaving({ status: 'failed', title, items: [] });
    }
  };

  if (!validId || isNotFound(fetched)) return <NotFoundPage />;
  if (fetched.status === 'failed') return <ApiErrorNotice title={PLAN_MESSAGES.loadFailed} error={fetched.error} />;
  if (!loaded || !draft || !base) return <p role="status">{PLAN_MESSAGES.loading}</p>;

  const plan = loaded.plan;
  // What "keep mine" would save: recomputed as the user goes on typing while the conflict shows.
  const rebased = conflict ? rebase(draft, conflict.base, draftFromPlan(conflict.theirs.plan)) : null;
  const readOnly = !mayEdit(user, plan);
  const fieldErrors = saving.status === 'failed' ? Object.fromEntries(saving.items.map((i) => [i.fieldId ?? '', i.short ?? i.message])) : {};
  // Sections with unsaved changes, and a save button for each (it saves that section only).
  const unsaved = new Set(
    readOnly ? [] : editorSections(plan.plan_type).filter((section) => changedParts(overlay(base, draft, section.key), base, plan.plan_type).length > 0).map((section) => section.key),
  );
  const sectionActions = (key: string) =>
    readOnly || !unsaved.has(key) ? null : (
      <Button variant="secondary" size="sm" unavailable={saving.status === 'saving'} onClick={() => void save(loaded, draft, key)} data-testid={`save-section-${key.replace(/\W+/g, '-')}`}>
        {savingSection === key ? EDITOR_MESSAGES.savingSection : EDITOR_MESSAGES.saveSection(editorSections(plan.plan_type).find((s) => s.key === key)?.title ?? '')}
      </Button>
    );

  const onTransition = (result: Versioned, action: Action) => {
    setLoaded(result);
    setDraft(prepared(user, result));
    setNotice(ACTION_DONE[action] ?? PLAN_MESSAGES.actionDoneOther);
    void refreshSide();
  };

  // An import or a restore replaces the content: the editor shows what the server stored.
  const onReplaced = (result: Versioned, message: string) => {
    setImporting(false);
    setLoaded(result);
    setDraft(prepared(user, result));
    setNotice(message);
    void refreshSide();
  };

  const reviewing = user.tier === 'national' && reviewsHere(actions);
  const editor = (
    <PlanEditor
      plan={plan}
      draft={draft}
      edit={edit}
      readOnly={readOnly}
      errors={fieldErrors}
      status={sectionStatus.status}
      unsaved={unsaved}
      sectionActions={sectionActions}
    />
  );

  return (
    <Page
      title={plan.title}
      lead={
        <dl className="grid gap-x-6 gap-y-1 md:grid-cols-[auto_1fr]" data-testid="plan-facts">
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.type}</dt>
          <dd id={fieldId('plan_type')} tabIndex={-1}>{PLAN_TYPE_LABELS[plan.plan_type]}</dd>
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.state}</dt>
          <dd>
            <StateBadge state={plan.state} />
            {plan.leading_example ? <span className="ml-2 text-dns-14B-120 text-success-2">{PLAN_MESSAGES.facts.leadingExample}</span> : null}
          </dd>
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.authors}</dt>
          <dd>{plan.authors.map((a) => `${organisationName(a.organisation)}${a.is_lead ? PLAN_MESSAGES.facts.lead : ''}`).join('、')}</dd>
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.period}</dt>
          <dd>
            {plan.period_start_fy && plan.period_end_fy
              ? `${formatFiscalYear(plan.period_start_fy)}〜${formatFiscalYear(plan.period_end_fy)}`
              : PLAN_MESSAGES.facts.periodMissing}
          </dd>
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.round}</dt>
          <dd>{plan.round ? PLAN_MESSAGES.facts.roundDue(plan.round.name, formatUntil(plan.round.last_day)) : '—'}</dd>
          {plan.prefecture_forwarded_at || plan.pending_step ? (
            <>
              <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.askedAt}</dt>
              <dd>{plan.asked_at ? formatDateTimeJst(plan.asked_at) : '—'}</dd>
              <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.forwardedAt}</dt>
              <dd>{plan.prefecture_forwarded_at ? formatDateTimeJst(plan.prefecture_forwarded_at) : '—'}</dd>
            </>
          ) : null}
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.version}</dt>
          <dd data-testid="plan-version">
            {PLAN_MESSAGES.facts.versionAt(VERSION_MESSAGES.versionLabel(plan.version), formatDateTimeJst(plan.updated_at))}
          </dd>
          <dt className="text-std-16B-170">{PLAN_MESSAGES.facts.revision}</dt>
          <dd data-testid="plan-revision">{PLAN_MESSAGES.facts.revisionValue(plan.revision - 1)}</dd>
        </dl>
      }
    >
      {notice ? (
        <div ref={noticeBox} tabIndex={-1} className="mb-6" data-testid="plan-notice">
          <NoticeBanner
            tone="success"
            title={notice.text}
            onClose={() => {
              setNoticeState(null);
              document.getElementById('main')?.focus();
            }}
          />
        </div>
      ) : null}
      <ReturnSummary plan={plan} history={history} />
      {saving.status === 'failed' ? <ErrorSummary ref={summary} title={saving.title} items={saving.items} /> : null}
      {conflict && rebased ? (
        <ConflictPanel
          rows={differences(rebased, draftFromPlan(conflict.theirs.plan), plan.plan_type, jsic.labelOf)}
          onKeepMine={() => {
            setLoaded(conflict.theirs);
            setDraft(rebased);
            void save(conflict.theirs, rebased);
          }}
          onTakeTheirs={() => {
            setLoaded(conflict.theirs);
            setDraft(prepared(user, conflict.theirs));
            setConflict(null);
          }}
        />
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <a href={exportUrl(plan.id)} download className="text-std-16B-170 text-blue-900" data-testid="export-link">
          {PLAN_MESSAGES.export}
        </a>
        <a href={planPdfUrl(plan.id)} className="text-std-16B-170 text-blue-900">
          {PLAN_MESSAGES.pdf}
        </a>
        {plan.state === 'published' ? (
          <Link to={`/plans/${plan.id}/kpis`} className="text-std-16B-170 text-blue-900" data-testid="kpi-link">
            {PLAN_MESSAGES.kpiActuals}
          </Link>
        ) : null}
        {readOnly ? null : (
          <Button variant="secondary" size="sm" onClick={() => setImporting(true)} data-testid="import-open">
            {IMPORT_MESSAGES.open}
          </Button>
        )}
        {importing ? (
          <ImportDialog
            planId={plan.id}
            dirty={dirty}
            onImported={(result, name) => onReplaced(result, IMPORT_MESSAGES.applied(name))}
            onClose={() => setImporting(false)}
          />
        ) : null}
      </div>
      {readOnly ? (
        <p className="mt-4 text-std-16N-170 text-solid-gray-800" data-testid="read-only">
          {PLAN_MESSAGES.readOnly}
        </p>
      ) : null}
      {leaveDialog}
      {offered && !readOnly ? (
        <div className="mt-4" data-testid="draft-offer">
          <NoticeBanner tone="warning" title={EDITOR_MESSAGES.draftOffered} onClose={() => setOffered(null)}>
            <p>{EDITOR_MESSAGES.draftOfferedAt(formatDateTimeJst(offered.savedAt))}</p>
            <div className="mt-2 flex flex-wrap gap-4">
              <Button
                size="sm"
                data-testid="draft-restore"
                onClick={() => {
                  const server = draftFromPlan(plan);
                  setDraft(offered.version === plan.version ? offered.mine : rebase(offered.mine, offered.base, server));
                  setOffered(null);
                  setNotice(EDITOR_MESSAGES.draftRestored);
                }}
              >
                {EDITOR_MESSAGES.draftRestore}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                data-testid="draft-discard"
                onClick={() => {
                  clearDraft(user.id, plan.id);
                  setOffered(null);
                }}
              >
                {EDITOR_MESSAGES.draftDiscard}
              </Button>
            </div>
          </NoticeBanner>
        </div>
      ) : null}
      {reviewing ? (
        // Beside the plan on a wide screen, in view however far it scrolls; above it on a narrow one.
        <div className="mt-6 lg:grid lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start lg:gap-6" data-testid="review-layout">
          <div className="mb-6 lg:sticky lg:top-0 lg:col-start-2 lg:row-start-1 lg:mb-0 lg:max-h-screen lg:overflow-y-auto lg:pb-4" data-testid="review-column">
            <ReviewPanel plan={plan} etag={loaded.etag} userId={user.id} actions={actions} dirty={dirty} onDone={onTransition} />
          </div>
          <div className="min-w-0 lg:col-start-1 lg:row-start-1">{editor}</div>
        </div>
      ) : (
        editor
      )}
      {readOnly ? null : (
        <div
          ref={saveBar}
          className="sticky bottom-0 z-10 mt-8 flex flex-wrap items-center gap-4 border-t border-solid-gray-420 bg-white py-4"
          data-testid="save-bar"
        >
          <Button unavailable={saving.status === 'saving' || !dirty} onClick={() => void save(loaded, draft)}>
            {saving.status === 'saving' ? PLAN_MESSAGES.saving : PLAN_MESSAGES.save}
          </Button>
          <p role="status" className="text-std-16N-170" data-testid="save-status">
            {dirty ? PLAN_MESSAGES.unsaved : saving.status === 'saved' ? PLAN_MESSAGES.savedAt(saving.at) : PLAN_MESSAGES.allSaved}
          </p>
        </div>
      )}
      <CoordinationPanel
        plan={plan}
        etag={loaded.etag}
        readOnly={readOnly}
        onSaved={(result) => {
          // Only the checklist changed: the editor keeps whatever is typed and not yet saved.
          setLoaded(result);
          void refreshSide();
        }}
      />
      {readOnly ? null : <ValidationPanel planId={plan.id} dirty={dirty} version={plan.version} context={labels(draftFromPlan(plan), plan)} />}
      <WorkflowPanel
        plan={plan}
        etag={loaded.etag}
        actions={user.tier === 'national' ? actions.filter((a) => !REVIEW_ACTIONS.includes(a.action)) : actions}
        dirty={dirty}
        onDone={onTransition}
        // an editor who may not take the next step asks the organisation's approvers to
        nextStep={readOnly ? (reviewing ? <p>{REVIEW_PANEL_MESSAGES.stepsAbove}</p> : undefined) : <ApprovalRequestButton planId={plan.id} />}
      />
      <HistoryTimeline history={history} />
      <VersionHistory
        planId={plan.id}
        planVersion={plan.version}
        etag={loaded.etag}
        mayRestore={!readOnly}
        dirty={dirty}
        onRestored={onReplaced}
      />
    </Page>
  );
}
