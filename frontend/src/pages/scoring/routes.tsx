import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { ApplicationPage } from './ApplicationPage';
import { CallCreatePage } from './CallCreatePage';
import { CallPage } from './CallPage';
import { CallsPage } from './CallsPage';
import { CompaniesPage } from './CompaniesPage';
import { CompanyPage } from './CompanyPage';
import { ReferenceListPage } from './ReferenceListPage';

/** Opening a call is for prefecture approvers (scoring-api checks it again). */
const CALL_AUTHORING = { tiers: ['prefecture'], roles: ['approver'] } as const;

/** Companies, scores, the reference list, calls and applications (scoring-api). */
export function scoringRoutes() {
  const base = SECTIONS.scoring.path;
  const guarded = (element: ReactNode, access: typeof SECTIONS.scoring.access | typeof CALL_AUTHORING = SECTIONS.scoring.access) => (
    <RequireAccess access={access}>{element}</RequireAccess>
  );
  return (
    <>
      <Route path={base} element={guarded(<CompaniesPage />)} />
      <Route path={`${base}/companies/:corporateNumber`} element={guarded(<CompanyPage />)} />
      <Route path={`${base}/reference-list`} element={guarded(<ReferenceListPage />)} />
      <Route path={`${base}/calls`} element={guarded(<CallsPage />)} />
      <Route path={`${base}/calls/new`} element={guarded(<CallCreatePage />, CALL_AUTHORING)} />
      <Route path={`${base}/calls/:callId`} element={guarded(<CallPage />)} />
      <Route path={`${base}/applications/:applicationId`} element={guarded(<ApplicationPage />)} />
    </>
  );
}
