import { Route } from 'react-router';
import { SECTIONS } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { SectionPage } from '../SectionPage';

/** The deadline calendar, mail preferences and the admin mail log (notify). */
export function notificationRoutes() {
  return (
    <Route
      path={SECTIONS.notifications.path}
      element={
        <RequireAccess access={SECTIONS.notifications.access}>
          <SectionPage
            title={SECTIONS.notifications.label}
            summary="締切の予定と、受け取るメールの設定がここに表示されます。"
            items={['締切カレンダー', 'メール通知の設定', '送信履歴（管理者）']}
          />
        </RequireAccess>
      }
    />
  );
}
