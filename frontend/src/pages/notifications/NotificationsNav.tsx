import { NavLink } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { hasRole } from '../../auth/types';
import { NOTIFY_MESSAGES as M } from './messages';

export const NOTIFY_PATHS = {
  calendar: '/notifications',
  deadline: '/notifications/deadlines/:deadlineId',
  preferences: '/notifications/preferences',
  mails: '/notifications/mails',
  organisation: '/notifications/organisation',
} as const;

const LINK =
  'inline-block rounded-4 px-3 py-2 text-std-16B-170 text-blue-900 underline hover:bg-blue-50 aria-[current=page]:bg-blue-900 aria-[current=page]:text-white aria-[current=page]:no-underline';

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
  return (
    <nav aria-label={M.menu} className="mb-8 border-b border-solid-gray-420 pb-4">
      <ul className="flex flex-wrap gap-2">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end className={LINK}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
