import { Link } from 'react-router';
import { PREFECTURES } from '../../lib/plans';
import { ROLLUP_MESSAGES as M } from './messages';
import { TILE_POSITIONS, isTokyoArea, shadeRanges, tileShade } from './rollup';

// Whole class names, so Tailwind finds them (the CSP forbids style attributes).
const COLUMNS = [
  'col-start-1', 'col-start-2', 'col-start-3', 'col-start-4', 'col-start-5', 'col-start-6', 'col-start-7',
  'col-start-8', 'col-start-9', 'col-start-10', 'col-start-11', 'col-start-12', 'col-start-13', 'col-start-14',
] as const;
const ROWS = [
  'row-start-1', 'row-start-2', 'row-start-3', 'row-start-4', 'row-start-5', 'row-start-6',
  'row-start-7', 'row-start-8', 'row-start-9', 'row-start-10', 'row-start-11', 'row-start-12',
] as const;

const SHADES = [
  'bg-white text-solid-gray-900 border-solid-gray-420',
  'bg-blue-100 text-solid-gray-900 border-blue-300',
  'bg-blue-300 text-solid-gray-900 border-blue-600',
  'bg-blue-900 text-white border-blue-1000',
] as const;

/** The 47 prefectures as tiles placed roughly like Japan; each a link named by its count. */
export function PrefectureTiles({ counts }: { counts: ReadonlyMap<string, number> }) {
  const max = Math.max(0, ...counts.values());
  return (
    <>
      <ul aria-label={M.map} className="mt-4 grid max-w-4xl list-none grid-cols-14 gap-1 p-0" data-testid="prefecture-tiles">
        {PREFECTURES.map((name, i) => {
          const code = String(i + 1).padStart(2, '0');
          const [column, row] = TILE_POSITIONS[code] ?? [0, 0];
          const count = counts.get(code) ?? 0;
          return (
            <li key={code} className={`${COLUMNS[column] ?? ''} ${ROWS[row] ?? ''}`}>
              <Link
                to={`/plans?state=published&prefecture=${code}`}
                aria-label={M.tile(name, count)}
                data-testid={`tile-${code}`}
                data-shade={tileShade(count, max)}
                className={`flex min-h-12 flex-col items-center justify-center rounded-4 border px-0.5 text-center leading-tight no-underline hover:underline focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black ${SHADES[tileShade(count, max)]}`}
              >
                <span className="text-[0.6875rem]">
                  {name.replace(/[都府県]$/, '')}
                  {isTokyoArea(code) ? '*' : ''}
                </span>
                <span className="text-dns-14B-120">{count}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-4 flex flex-wrap items-center gap-4" aria-label={M.mapLegend} role="group">
        <span className="text-std-16N-170">{M.mapLegendLead(M.mapLegend)}</span>
        {shadeRanges(max).map((range) => (
          <span key={range.shade} className="flex items-center gap-2 text-std-16N-170">
            <span aria-hidden="true" className={`inline-block h-5 w-8 rounded-4 border ${SHADES[range.shade]}`} />
            {range.shade === 0 ? M.legendNone : M.legendSome(range.from, range.to)}
          </span>
        ))}
        <span className="text-std-16N-170">{M.tokyoAreaNote}</span>
      </div>
    </>
  );
}
