import { NavLink, Outlet, useLocation } from 'react-router';
import { navigationFor } from '../app/access';
import { useNotices } from '../app/notices';
import { useCurrentUser, useSession } from '../auth/session';
import { ROLE_LABELS } from '../auth/messages';
import { Button } from '../components/Button';
import { NoticeBanner } from '../components/NoticeBanner';
import { MESSAGES } from '../messages';

export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only bg-white p-4 text-std-16B-170 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
    >
      {MESSAGES.skipToContent}
    </a>
  );
}

export function GlobalNotice() {
  const { notice, clearNotice } = useNotices();
  const { pathname } = useLocation();
  if (!notice || notice.path !== pathname) return null;
  return (
    <div className="mb-6">
      <NoticeBanner tone={notice.tone} title={notice.title} onClose={clearNotice}>
        {notice.detail}
      </NoticeBanner>
    </div>
  );
}

/** Header with the organisation and user, the navigation the user's tier may use, and the page. */
export function AppFrame() {
  const user = useCurrentUser();
  const { logout } = useSession();
  const sections = navigationFor(user);
  return (
    <div className="flex min-h-screen flex-col">
      <SkipLink />
      <header className="border-b border-solid-gray-420 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3 md:px-8">
          <div>
            <p className="text-std-20B-150 text-solid-gray-900">{MESSAGES.appName}</p>
            <p className="text-dns-14N-130 text-solid-gray-700">{MESSAGES.appSubtitle}</p>
          </div>
          <div className="flex flex-wrap items-center gap-4">
            <dl className="text-right text-dns-16N-130">
              <div>
                <dt className="sr-only">{MESSAGES.frame.organisation}</dt>
                <dd className="text-dns-16B-130" data-testid="organisation-name">
                  {user.organisation_name}
                </dd>
              </div>
              <div>
                <dt className="sr-only">{MESSAGES.frame.loggedInAs}</dt>
                <dd className="text-solid-gray-700">
                  {MESSAGES.frame.user(user.name, user.roles.map((role) => ROLE_LABELS[role]))}
                </dd>
              </div>
            </dl>
            <Button variant="secondary" size="sm" onClick={() => void logout()}>
              {MESSAGES.frame.logout}
            </Button>
          </div>
        </div>
        <nav aria-label={MESSAGES.frame.mainNav} className="bg-blue-1100">
          <ul className="mx-auto flex max-w-6xl flex-wrap px-2 md:px-6">
            {sections.map((section) => (
              <li key={section.path}>
                <NavLink
                  to={section.path}
                  end={section.path === '/'}
                  className="block px-3 py-3 text-oln-16B-100 text-white no-underline hover:text-white hover:underline aria-[current=page]:bg-blue-1200 aria-[current=page]:underline aria-[current=page]:decoration-[calc(3/16*1rem)]"
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 md:px-8">
        <GlobalNotice />
        <Outlet />
      </main>
      <footer className="border-t border-solid-gray-420 bg-solid-gray-50">
        <p className="mx-auto max-w-6xl px-4 py-4 text-dns-14N-130 text-solid-gray-700 md:px-8">
          {MESSAGES.frame.footer(MESSAGES.appName, MESSAGES.appSubtitle)}
        </p>
      </footer>
    </div>
  );
}
