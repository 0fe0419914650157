import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { PROPOSAL_PATHS } from './paths';
import { PROPOSAL_AUTHORING } from './proposals';
import { ProposalCreatePage } from './ProposalCreatePage';
import { ProposalPage } from './ProposalPage';
import { ProposalsListPage } from './ProposalsListPage';

/** 候補プロジェクト案件 (prefectures, bureaus, the national side); creating one: a prefecture's editors. */
export function proposalRoutes() {
  const access = SECTIONS.proposals.access;
  return (
    <>
      <Route path={PROPOSAL_PATHS.list} element={<RequireAccess access={access}>{<ProposalsListPage />}</RequireAccess>} />
      <Route path={PROPOSAL_PATHS.create} element={<RequireAccess access={PROPOSAL_AUTHORING}>{<ProposalCreatePage />}</RequireAccess>} />
      <Route path="/proposals/:id" element={<RequireAccess access={access}>{<ProposalPage />}</RequireAccess>} />
    </>
  );
}
