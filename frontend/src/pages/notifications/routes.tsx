import { Route } from 'react-router';
import { SECTIONS, type Access } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { DeadlineCalendarPage } from './DeadlineCalendarPage';
import { DeadlinePage } from './DeadlinePage';
import { MailLogPage } from './MailLogPage';
import { NOTIFY_PATHS } from './NotificationsNav';
import { OrganisationSettingsPage } from './OrganisationSettingsPage';
import { PreferencesPage } from './PreferencesPage';

/** The mail log and the organisation's settings: administrators of any people tier (notify's MailAdmin). */
const NOTIFY_ADMIN: Access = { tiers: SECTIONS.notifications.access.tiers, roles: ['admin'] };

/** The deadline calendar, mail preferences and the admin mail log (notify). */
export function notificationRoutes() {
  return (
    <>
      <Route
        path={SECTIONS.notifications.path}
        element={
          <RequireAccess access={SECTIONS.notifications.access}>
            <DeadlineCalendarPage />
          </RequireAccess>
        }
      />
      <Route
        path={NOTIFY_PATHS.deadline}
        element={
          <RequireAccess access={SECTIONS.notifications.access}>
            <DeadlinePage />
          </RequireAccess>
        }
      />
      <Route
        path={NOTIFY_PATHS.preferences}
        element={
          <RequireAccess access={SECTIONS.notifications.access}>
            <PreferencesPage />
          </RequireAccess>
        }
      />
      <Route
        path={NOTIFY_PATHS.mails}
        element={
          <RequireAccess access={NOTIFY_ADMIN}>
            <MailLogPage />
          </RequireAccess>
        }
      />
      <Route
        path={NOTIFY_PATHS.organisation}
        element={
          <RequireAccess access={NOTIFY_ADMIN}>
            <OrganisationSettingsPage />
          </RequireAccess>
        }
      />
    </>
  );
}
