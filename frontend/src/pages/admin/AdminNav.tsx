import { NavLink } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { ADMIN_MESSAGES as M } from './messages';
import { ADMIN_PATHS } from './paths';

const LINK =
  'inline-block rounded-4 px-3 py-2 text-std-16B-170 text-blue-900 underline hover:bg-blue-50 aria-[current=page]:bg-blue-900 aria-[current=page]:text-white aria-[current=page]:no-underline';

/** Users for every administrator; machine clients only for national ones. */
export function AdminNav() {
  const user = useCurrentUser();
  const links = [
    { to: ADMIN_PATHS.users, label: M.nav.users },
    ...(user.tier === 'national' ? [{ to: ADMIN_PATHS.clients, label: M.nav.clients }] : []),
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
