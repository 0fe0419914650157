import { Route } from 'react-router';
import type { Access } from '../../app/access';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { PublicationPage } from './PublicationPage';
import { RoundPage } from './RoundPage';
import { RoundsPage } from './RoundsPage';
import { ROUND_PATHS } from './paths';

/** The one publication of a round is the publishers' screen. */
export const PUBLICATION_ACCESS: Access = { tiers: ['national'], roles: ['publisher'] };

/** 回と締切 (national users) and 回の一斉公表 (national publishers). */
export function roundRoutes() {
  const guard = (access: Access, element: React.ReactNode) => <RequireAccess access={access}>{element}</RequireAccess>;
  return (
    <>
      <Route path={ROUND_PATHS.list} element={guard(SECTIONS.rounds.access, <RoundsPage />)} />
      <Route path="/rounds/:code" element={guard(SECTIONS.rounds.access, <RoundPage />)} />
      <Route path={ROUND_PATHS.publication} element={guard(PUBLICATION_ACCESS, <PublicationPage />)} />
    </>
  );
}
