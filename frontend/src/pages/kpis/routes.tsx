import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { SectionPage } from '../SectionPage';

/** KPI monitoring of one plan: half-yearly actuals (半期ごとの実績). */
export function kpiRoutes() {
  return (
    <Route
      path="/plans/:planId/kpis"
      element={
        <RequireAccess access={SECTIONS.plans.access}>
          <SectionPage title="KPIの実績" summary="公表済み計画のKPI実績の入力がここに表示されます。" items={['半期ごとの実績']} />
        </RequireAccess>
      }
    />
  );
}
