import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { KpiPage } from './KpiPage';

/** KPI monitoring of one plan: half-yearly actuals (半期ごとの実績). */
export function kpiRoutes() {
  return (
    <Route
      path="/plans/:planId/kpis"
      element={
        <RequireAccess access={SECTIONS.plans.access}>
          <KpiPage />
        </RequireAccess>
      }
    />
  );
}
