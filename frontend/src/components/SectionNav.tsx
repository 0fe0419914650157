import { NavLink } from 'react-router';

const LINK =
  'inline-block rounded-4 px-3 py-2 text-std-16B-170 text-blue-900 underline hover:bg-blue-50 aria-[current=page]:bg-blue-900 aria-[current=page]:text-white aria-[current=page]:no-underline';

/** The screens of one area side by side, the current one marked (aria-current). */
export function SectionNav({ label, links }: { label: string; links: readonly { to: string; label: string }[] }) {
  return (
    <nav aria-label={label} className="mb-8 border-b border-solid-gray-420 pb-4">
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
