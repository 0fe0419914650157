import { Route } from 'react-router';
import { SECTIONS, type Access } from '../../app/access';
import { RequireAccess } from '../../auth/guards';
import { ClientCreatePage } from './ClientCreatePage';
import { ClientsPage } from './ClientsPage';
import { ADMIN_PATHS } from './paths';
import { UserCreatePage } from './UserCreatePage';
import { UsersPage } from './UsersPage';

/** Machine clients: national administrators only (the gateway's NationalAdmin). */
const NATIONAL_ADMIN: Access = { tiers: ['national'], roles: ['admin'] };

/** Users of the caller's organisation and, for national admins, machine clients. */
export function adminRoutes() {
  return (
    <>
      <Route
        path={SECTIONS.admin.path}
        element={
          <RequireAccess access={SECTIONS.admin.access}>
            <UsersPage />
          </RequireAccess>
        }
      />
      <Route
        path={ADMIN_PATHS.newUser}
        element={
          <RequireAccess access={SECTIONS.admin.access}>
            <UserCreatePage />
          </RequireAccess>
        }
      />
      <Route
        path={ADMIN_PATHS.clients}
        element={
          <RequireAccess access={NATIONAL_ADMIN}>
            <ClientsPage />
          </RequireAccess>
        }
      />
      <Route
        path={ADMIN_PATHS.newClient}
        element={
          <RequireAccess access={NATIONAL_ADMIN}>
            <ClientCreatePage />
          </RequireAccess>
        }
      />
    </>
  );
}
