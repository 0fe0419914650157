import { useCurrentUser } from '../../auth/session';
import { SectionNav } from '../../components/SectionNav';
import { ADMIN_MESSAGES as M } from './messages';
import { ADMIN_PATHS } from './paths';

/** Users for every administrator; machine clients only for national ones. */
export function AdminNav() {
  const user = useCurrentUser();
  const links = [
    { to: ADMIN_PATHS.users, label: M.nav.users },
    ...(user.tier === 'national' ? [{ to: ADMIN_PATHS.clients, label: M.nav.clients }] : []),
  ];
  return <SectionNav label={M.menu} links={links} />;
}
