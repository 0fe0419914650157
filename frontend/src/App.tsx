import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { SECTIONS, type Section } from './app/access';
import { NoticeProvider } from './app/notices';
import { RequireAccess, RequireAuth } from './auth/guards';
import { SessionProvider } from './auth/session';
import { AppFrame } from './layout/AppFrame';
import { DashboardPage } from './pages/DashboardPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SectionPage } from './pages/SectionPage';

function guarded(section: Section, element: ReactNode) {
  return <RequireAccess access={section.access}>{element}</RequireAccess>;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppFrame />
          </RequireAuth>
        }
      >
        <Route index element={guarded(SECTIONS.dashboard, <DashboardPage />)} />
        <Route
          path={SECTIONS.plans.path}
          element={guarded(
            SECTIONS.plans,
            <SectionPage
              title={SECTIONS.plans.label}
              summary="閲覧できる計画（B 地域産業クラスター計画・C 地場産業成長プラン）がここに一覧で表示されます。"
              items={['種類・状態・回・都道府県・分野で絞り込み', '計画の作成と編集、KGI・KPI、核となる企業', '様式（Excel）の出力と取り込み']}
            />,
          )}
        />
        <Route
          path={SECTIONS.prefectureQueue.path}
          element={guarded(
            SECTIONS.prefectureQueue,
            <SectionPage
              title={SECTIONS.prefectureQueue.label}
              summary="県内の市町村から届いた計画がここに表示されます。"
              items={['内容を確認して国へ事前確認を依頼（取りまとめ）', 'コメントを付けて市町村へ差し戻し']}
            />,
          )}
        />
        <Route
          path={SECTIONS.reviewQueue.path}
          element={guarded(
            SECTIONS.reviewQueue,
            <SectionPage
              title={SECTIONS.reviewQueue.label}
              summary="事前確認の依頼が届いた計画が、回（先行事例候補・第1弾）ごとにここに表示されます。"
              items={['要件ごとのコメントを付けた差し戻し', '事前確認の完了', '計画の公表（公表担当）']}
            />,
          )}
        />
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
