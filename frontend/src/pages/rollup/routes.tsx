import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { RollupPage } from './RollupPage';

/** The national roll-up (全国集計). */
export function rollupRoutes() {
  return (
    <Route
      path={SECTIONS.rollup.path}
      element={
        <RequireAccess access={SECTIONS.rollup.access}>
          <RollupPage />
        </RequireAccess>
      }
    />
  );
}
