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
import { OpenDataPage, PrefectureQueuePage, ReviewQueuePage } from './pages/plans/QueuePages';
import { SectionPage } from './pages/SectionPage';

function guarded(section: Pick<Section, 'access'>, element: ReactNode) {
  return <RequireAccess access={section.access}>{element}</RequireAccess>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/open-data" element={<OpenDataPage />} />
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
        <Route path="/plans/:planId" element={guarded(SECTIONS.plans, <PlanPage />)} />
        <Route path={SECTIONS.prefectureQueue.path} element={guarded(SECTIONS.prefectureQueue, <PrefectureQueuePage />)} />
        <Route path={SECTIONS.reviewQueue.path} element={guarded(SECTIONS.reviewQueue, <ReviewQueuePage />)} />
        <Route
          path={SECTIONS.scoring.path}
          element={guarded(
            SECTIONS.scoring,
            <SectionPage
              title={SECTIONS.scoring.label}
              summary="企業のコネクター度・ハブ度と、重点支援企業の公募がここに表示されます。"
              items={['参考リストとその出力', '公募の作成と応募の確認', '選定した企業の計画への登録']}
            />,
          )}
        />
        <Route
          path={SECTIONS.notifications.path}
          element={guarded(
            SECTIONS.notifications,
            <SectionPage
              title={SECTIONS.notifications.label}
              summary="締切の予定と、受け取るメールの設定がここに表示されます。"
              items={['締切カレンダー', 'メール通知の設定', '送信履歴（管理者）']}
            />,
          )}
        />
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
