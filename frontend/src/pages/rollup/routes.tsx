import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { SectionPage } from '../SectionPage';

/** The national roll-up (全国集計). */
export function rollupRoutes() {
  return (
    <Route
      path={SECTIONS.rollup.path}
      element={
        <RequireAccess access={SECTIONS.rollup.access}>
          <SectionPage title={SECTIONS.rollup.label} summary="公表済み計画のKGI集計がここに表示されます。" items={['都道府県別・類型別のKGI合計']} />
        </RequireAccess>
      }
    />
  );
}
