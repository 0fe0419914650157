import { useCurrentUser } from '../../auth/session';
import { SectionNav } from '../../components/SectionNav';
import { hasRole } from '../../auth/types';
import { NOTIFY_MESSAGES as M } from './messages';

export const NOTIFY_PATHS = {
  calendar: '/notifications',
  deadline: '/notifications/deadlines/:deadlineId',
  preferences: '/notifications/preferences',
  mails: '/notifications/mails',
  organisation: '/notifications/organisation',
} as const;

/** The notification screens side by side; the admin-only ones appear for administrators. */
export function NotificationsNav() {
  const user = useCurrentUser();
  const admin = hasRole(user, 'admin');
  const links = [
    { to: NOTIFY_PATHS.calendar, label: M.nav.calendar },
    { to: NOTIFY_PATHS.preferences, label: M.nav.preferences },
    ...(admin
      ? [
          { to: NOTIFY_PATHS.mails, label: M.nav.mails },
          { to: NOTIFY_PATHS.organisation, label: M.nav.organisation },
        ]
      : []),
  ];
  return <SectionNav label={M.menu} links={links} />;
}
