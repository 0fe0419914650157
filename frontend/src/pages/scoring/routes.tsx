import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { SectionPage } from '../SectionPage';

/** Companies, scores, the reference list, calls and applications (scoring-api). */
export function scoringRoutes() {
  return (
    <Route
      path={SECTIONS.scoring.path}
      element={
        <RequireAccess access={SECTIONS.scoring.access}>
          <SectionPage
            title={SECTIONS.scoring.label}
            summary="企業のコネクター度・ハブ度と、重点支援企業の公募がここに表示されます。"
            items={['参考リストとその出力', '公募の作成と応募の確認', '選定した企業の計画への登録']}
          />
        </RequireAccess>
      }
    />
  );
}
