import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getProposal, type ProposalOut, type VersionedProposal } from '../../api/proposals';
import type { ApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/session';
import { ApiErrorNotice } from '../../components/ApiErrorNotice';
import { Button } from '../../components/Button';
import { NoticeBanner } from '../../components/NoticeBanner';
import { Page } from '../../components/Page';
import { formatDateTimeJst } from '../../lib/dates';
import { isNotFound, useLoad } from '../../lib/useLoad';
import { NotFoundPage } from '../NotFoundPage';
import { DecisionPanel } from './DecisionPanel';
import { PROPOSALS } from './messages';
import { PROPOSAL_PATHS } from './paths';
import { mayDecide, mayEdit, maySubmit } from './proposals';
import { ProposalEditor } from './ProposalEditor';
import { ProposalStateBadge } from './ProposalStateBadge';
import { ProposalView } from './ProposalView';

const D = PROPOSALS.detail;

function Facts({ proposal }: { proposal: ProposalOut }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-std-16N-170">
      <dt className="text-std-16B-170">{D.state}</dt>
      <dd>
        <ProposalStateBadge state={proposal.state} label={proposal.state_label} />
      </dd>
      <dt className="text-std-16B-170">{D.organisation}</dt>
      <dd>{proposal.organisation_name}</dd>
      <dt className="text-std-16B-170">{D.updatedAt}</dt>
      <dd>{formatDateTimeJst(proposal.updated_at)}</dd>
      {proposal.submitted_at ? (
        <>
          <dt className="text-std-16B-170">{D.submittedAt}</dt>
          <dd>{formatDateTimeJst(proposal.submitted_at)}</dd>
        </>
      ) : null}
      {proposal.decided_at ? (
        <>
          <dt className="text-std-16B-170">{D.decidedAt}</dt>
          <dd>{formatDateTimeJst(proposal.decided_at)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The bureau's decision as the prefecture (and anyone reading) sees it: the outcome and the comment. */
function DecisionOutcome({ proposal, author }: { proposal: ProposalOut; author: boolean }) {
  const comment = proposal.decision_comment ? (
    <div>
      <p className="text-std-16B-170">{D.comment}</p>
      <p className="mt-1 whitespace-pre-wrap" data-testid="decision-comment">
        {proposal.decision_comment}
      </p>
    </div>
  ) : null;
  if (proposal.state === 'returned') {
    return (
      <NoticeBanner tone="warning" title={D.returnedTitle}>
        {comment}
        {author ? <p className="mt-2">{D.returnedNext}</p> : null}
      </NoticeBanner>
    );
  }
  if (proposal.state === 'not_adopted') return <NoticeBanner tone="info" title={D.notAdoptedTitle}>{comment}</NoticeBanner>;
  if (proposal.state === 'adopted') return <NoticeBanner tone="success" title={D.adoptedTitle}>{comment}</NoticeBanner>;
  return null;
}

/** Why the proposal is read-only for this person, when they belong to its prefecture. */
function readOnlyReason(proposal: ProposalOut, ownPrefecture: boolean): string | null {
  if (!ownPrefecture) return null;
  return proposal.state === 'draft' || proposal.state === 'returned' ? D.notAuthor : D.readOnlyState;
}

/**
 * One candidate project: the form for its prefecture's editor (draft, returned) with the approver's
 * 「提案する」, the decision panel for the bureau's approver, and read-only for everyone else.
 */
export function ProposalPage() {
  const { id: raw = '' } = useParams();
  const id = /^\d+$/.test(raw) ? Number(raw) : null;
  const user = useCurrentUser();
  const [loaded, , update] = useLoad(id === null ? null : `proposal:${String(id)}`, (signal) => getProposal(id ?? 0, signal));
  const [notice, setNotice] = useState<string | null>(null);
  const [stale, setStale] = useState<ApiError | null>(null);
  // Bumped when the latest version replaces the form after a 412 (the form starts again from it).
  const [generation, setGeneration] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(null);

  if (id === null || isNotFound(loaded)) return <NotFoundPage />;
  if (loaded.status === 'loading') {
    return (
      <Page title={PROPOSALS.list.title}>
        <p role="status">{PROPOSALS.loading}</p>
      </Page>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <Page title={PROPOSALS.list.title}>
        <ApiErrorNotice title={PROPOSALS.loadFailed} error={loaded.error} />
      </Page>
    );
  }

  const current = loaded.data;
  const { proposal } = current;
  const onChanged = (next: VersionedProposal, message: string) => {
    setStale(null);
    setNotice(message);
    update(() => next);
  };
  const onStale = (error: ApiError) => {
    setNotice(null);
    setStale(error);
  };
  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(null);
    try {
      const fresh = await getProposal(proposal.id);
      update(() => fresh);
      setGeneration((g) => g + 1);
      setStale(null);
    } catch (error) {
      setRefreshError(error);
    } finally {
      setRefreshing(false);
    }
  };
  const editing = mayEdit(user, proposal);
  const ownPrefecture = user.tier === 'prefecture' && user.organisation === proposal.organisation;
  const reason = editing ? null : readOnlyReason(proposal, ownPrefecture);

  return (
    <Page title={proposal.title}>
      <p className="mb-6">
        <Link to={PROPOSAL_PATHS.list} className="text-blue-900">
          {D.back}
        </Link>
      </p>
      {notice ? (
        <div className="mb-6">
          <NoticeBanner tone="success" title={notice} onClose={() => setNotice(null)} />
        </div>
      ) : null}
      {stale ? (
        <div className="mb-6">
          <NoticeBanner tone="warning" title={PROPOSALS.stale.title}>
            <p>{PROPOSALS.stale.detail}</p>
            {refreshError ? <ApiErrorNotice error={refreshError} line /> : null}
            <Button variant="secondary" size="sm" className="mt-2" unavailable={refreshing} onClick={() => void refresh()}>
              {PROPOSALS.stale.reload}
            </Button>
          </NoticeBanner>
        </div>
      ) : null}
      <Facts proposal={proposal} />
      <div className="mt-6">
        <DecisionOutcome proposal={proposal} author={ownPrefecture} />
      </div>
      {reason ? <p className="mt-6 text-std-16N-170">{reason}</p> : null}
      {editing ? (
        <ProposalEditor
          key={`${String(proposal.id)}:${String(generation)}`}
          current={current}
          maySubmit={maySubmit(user, proposal)}
          onChanged={onChanged}
          onStale={onStale}
        />
      ) : (
        <ProposalView proposal={proposal} />
      )}
      {mayDecide(user, proposal) ? <DecisionPanel key={proposal.version} current={current} onChanged={onChanged} onStale={onStale} /> : null}
    </Page>
  );
}
