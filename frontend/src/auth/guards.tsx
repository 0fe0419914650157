import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { canAccess, type Access } from '../app/access';
import { MESSAGES } from '../messages';
import { ForbiddenPage } from '../pages/ForbiddenPage';
import { loginPathFor, useSession } from './session';

function Loading() {
  return (
    <p role="status" className="p-8 text-std-16N-170">
      {MESSAGES.session.loading}
    </p>
  );
}

/** Renders its children only for a logged-in user; anyone else goes to login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'anonymous') {
    return <Navigate to={loginPathFor(location.pathname, location.search)} replace />;
  }
  return children;
}

/** Inside RequireAuth: shows the screen only to the tiers / roles it is for. */
export function RequireAccess({ access, children }: { access: Access; children: ReactNode }) {
  const { session } = useSession();
  if (session.status !== 'authenticated') return <Loading />;
  return canAccess(session.user, access) ? children : <ForbiddenPage />;
}

/** The login page is for anonymous visitors; a logged-in user goes straight to the app. */
export function RedirectIfAuthenticated({ to, children }: { to: string; children: ReactNode }) {
  const { session } = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'authenticated') return <Navigate to={to} replace />;
  return children;
}
