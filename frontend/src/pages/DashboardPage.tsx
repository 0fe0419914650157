import { type ReactNode } from 'react';
import { fetchMyDeadlines } from '../api/deadlines';
import type { PlanSummary } from '../api/plans';
import { Link } from 'react-router';
import { SECTIONS, canAccess } from '../app/access';
import { useCurrentUser } from '../auth/session';
import { TIER_LABELS } from '../auth/messages';
import type { SessionUser } from '../auth/types';
import { EmptyState } from '../components/EmptyState';
import { Page } from '../components/Page';
import { now } from '../lib/clock';
import { useLoad } from '../lib/useLoad';
import { listRounds } from '../api/rounds';
import { roundDeadline, type Deadline } from '../lib/deadlines';
import { formatDateBoth } from '../lib/dates';
import { MESSAGES } from '../messages';
import { DeadlineList } from './DeadlineList';
import { ROUNDS } from './rounds/messages';
import { MyPlansBlock, WaitingBlock, usePlanBlocks, type Loaded, type WaitingItem } from './dashboard/PlanBlocks';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="text-std-24B-150 text-solid-gray-900">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

type DeadlineSource =
  | { status: 'loading' }
  | { status: 'server'; deadlines: Deadline[] }
  | { status: 'local'; deadlines: readonly Deadline[] }
  | { status: 'failed' };

/** The rounds as plans-api keeps them: the SPA holds no copy of their dates. */
async function roundDeadlines(signal: AbortSignal): Promise<Deadline[]> {
  const rounds = await listRounds(signal);
  return rounds.map((round) => roundDeadline(round, ROUNDS.descriptions[round.kind] ?? ''));
}

/** The server's list when notify answers; the national rounds from plans-api otherwise. */
function useDeadlines(): DeadlineSource {
  const [loaded] = useLoad('my-deadlines', async (signal): Promise<DeadlineSource> => {
    try {
      return { status: 'server', deadlines: await fetchMyDeadlines(signal) };
    } catch (error) {
      if (signal.aborted) throw error;
      return { status: 'local', deadlines: await roundDeadlines(signal) };
    }
  });
  return loaded.status === 'failed' ? { status: 'failed' } : loaded.status === 'loading' ? loaded : loaded.data;
}

function Deadlines({ today }: { today: Date }) {
  const source = useDeadlines();
  return (
    <Section id="dashboard-deadlines" title={MESSAGES.dashboard.deadlines}>
      <p className="mb-4 text-std-16N-170 text-solid-gray-700">{MESSAGES.dashboard.deadlinesLead}</p>
      {source.status === 'loading' ? (
        <p role="status">{MESSAGES.dashboard.deadlinesLoading}</p>
      ) : source.status === 'failed' ? (
        <p data-testid="deadlines-failed">{MESSAGES.dashboard.deadlinesFailed}</p>
      ) : (
        <>
          {source.status === 'local' ? (
            <p className="mb-4 text-std-16N-170 text-solid-gray-700" data-testid="deadlines-local">
              {MESSAGES.dashboard.deadlinesLocal}
            </p>
          ) : null}
          {source.deadlines.length > 0 ? (
            <DeadlineList deadlines={source.deadlines} now={today} />
          ) : (
            <EmptyState title={MESSAGES.dashboard.deadlinesNone}>
              <p>{MESSAGES.dashboard.deadlinesNoneDetail}</p>
            </EmptyState>
          )}
        </>
      )}
    </Section>
  );
}

function PlanSections({ user }: { user: SessionUser }) {
  const blocks = usePlanBlocks(user);
  const pick = <T,>(select: (value: { mine: PlanSummary[]; waiting: WaitingItem[] }) => T): Loaded<T> =>
    blocks.status === 'ready' ? { status: 'ready', data: select(blocks.data) } : blocks;
  return (
    <>
      {user.tier !== 'national' ? (
        <Section id="dashboard-plans" title={MESSAGES.dashboard.myPlans}>
          <MyPlansBlock user={user} loaded={pick((v) => v.mine)} />
        </Section>
      ) : null}
      <Section id="dashboard-awaiting" title={MESSAGES.dashboard.awaiting}>
        <WaitingBlock loaded={pick((v) => v.waiting)} />
      </Section>
    </>
  );
}

function LinkedSection({ id, title, body, section }: { id: string; title: string; body: string; section: { path: string; label: string } }) {
  return (
    <Section id={id} title={title}>
      <EmptyState title={body}>
        <p>
          <Link to={section.path}>{section.label}</Link>
          {MESSAGES.dashboard.openSuffix}
        </p>
      </EmptyState>
    </Section>
  );
}

/** The landing page: what is due nationally, and per tier what the user works on. */
export function DashboardPage() {
  const user = useCurrentUser();
  const today = now();
  return (
    <Page
      title={MESSAGES.dashboard.title}
      lead={
        <p>
          {MESSAGES.dashboard.lead(user.organisation_name, TIER_LABELS[user.tier], formatDateBoth(today))}
        </p>
      }
    >
      <Deadlines today={today} />
      <PlanSections user={user} />
      {canAccess(user, SECTIONS.reviewQueue.access) ? (
        <LinkedSection
          id="dashboard-review"
          title={MESSAGES.dashboard.reviewQueue}
          body={MESSAGES.dashboard.reviewQueueBody}
          section={SECTIONS.reviewQueue}
        />
      ) : null}
      {canAccess(user, SECTIONS.prefectureQueue.access) ? (
        <LinkedSection
          id="dashboard-prefecture-queue"
          title={MESSAGES.nav.prefectureQueue}
          body={MESSAGES.dashboard.prefectureQueueBody}
          section={SECTIONS.prefectureQueue}
        />
      ) : null}
      {canAccess(user, SECTIONS.scoring.access) ? (
        <LinkedSection
          id="dashboard-scoring"
          title={MESSAGES.dashboard.scoring}
          body={MESSAGES.dashboard.scoringBody}
          section={SECTIONS.scoring}
        />
      ) : null}
      <LinkedSection
        id="dashboard-notifications"
        title={MESSAGES.dashboard.notifications}
        body={MESSAGES.dashboard.notificationsBody}
        section={SECTIONS.notifications}
      />
    </Page>
  );
}
