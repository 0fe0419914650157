import { NavLink } from 'react-router';
import { SCORING } from './messages';

const LINKS = [
  { to: '/scoring', label: SCORING.nav.companies, end: true },
  { to: '/scoring/reference-list', label: SCORING.nav.reference, end: false },
  { to: '/scoring/calls', label: SCORING.nav.calls, end: false },
] as const;

/** The three parts of the scoring area, at the top of each of its screens. */
export function ScoringNav() {
  return (
    <nav aria-label={SCORING.nav.label} className="mb-8">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 border-b border-solid-gray-420 pb-3">
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className="text-std-16B-170 text-blue-900 underline aria-[current=page]:text-solid-gray-900 aria-[current=page]:no-underline"
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
