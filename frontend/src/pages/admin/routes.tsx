import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { SectionPage } from '../SectionPage';

/** Users of the caller's organisation and, for national admins, machine clients. */
export function adminRoutes() {
  return (
    <Route
      path={SECTIONS.admin.path}
      element={
        <RequireAccess access={SECTIONS.admin.access}>
          <SectionPage title={SECTIONS.admin.label} summary="自団体の利用者がここに表示されます。" items={['利用者の一覧と登録']} />
        </RequireAccess>
      }
    />
  );
}
