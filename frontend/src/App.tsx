import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { PLAN_AUTHORING, SECTIONS, type Section } from './app/access';
import { NoticeProvider } from './app/notices';
import { RequireAccess, RequireAuth } from './auth/guards';
import { SessionProvider } from './auth/session';
import { AppFrame } from './layout/AppFrame';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PlanCreatePage } from './pages/plans/PlanCreatePage';
import { PlanPage } from './pages/plans/PlanPage';
import { PlansListPage } from './pages/plans/PlansListPage';
import { SearchPage } from './pages/plans/SearchPage';
import { PrefectureQueuePage, ReviewQueuePage } from './pages/plans/QueuePages';
import { OpenDataPage } from './pages/opendata/OpenDataPage';
import { PublicPlanPage } from './pages/opendata/PublicPlanPage';
import { adminRoutes } from './pages/admin/routes';
import { kpiRoutes } from './pages/kpis/routes';
import { notificationRoutes } from './pages/notifications/routes';
import { proposalRoutes } from './pages/proposals/routes';
import { rollupRoutes } from './pages/rollup/routes';
import { roundRoutes } from './pages/rounds/routes';
import { scoringRoutes } from './pages/scoring/routes';

function guarded(section: Pick<Section, 'access'>, element: ReactNode) {
  return <RequireAccess access={section.access}>{element}</RequireAccess>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/open-data" element={<OpenDataPage />} />
      <Route path="/open-data/plans/:planId" element={<PublicPlanPage />} />
      <Route
        element={
          <RequireAuth>
            <AppFrame />
          </RequireAuth>
        }
      >
        <Route index element={guarded(SECTIONS.dashboard, <DashboardPage />)} />
        <Route path={SECTIONS.plans.path} element={guarded(SECTIONS.plans, <PlansListPage />)} />
        <Route path="/plans/new" element={guarded(PLAN_AUTHORING, <PlanCreatePage />)} />
        <Route path={SECTIONS.search.path} element={guarded(SECTIONS.search, <SearchPage />)} />
        <Route path="/plans/:planId" element={guarded(SECTIONS.plans, <PlanPage />)} />
        <Route path={SECTIONS.prefectureQueue.path} element={guarded(SECTIONS.prefectureQueue, <PrefectureQueuePage />)} />
        <Route path={SECTIONS.reviewQueue.path} element={guarded(SECTIONS.reviewQueue, <ReviewQueuePage />)} />
        {proposalRoutes()}
        {kpiRoutes()}
        {roundRoutes()}
        {rollupRoutes()}
        {scoringRoutes()}
        {notificationRoutes()}
        {adminRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Providers and routes; the router itself comes from main.tsx (or a MemoryRouter in tests). */
export function App() {
  return (
    <NoticeProvider>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </NoticeProvider>
  );
}
