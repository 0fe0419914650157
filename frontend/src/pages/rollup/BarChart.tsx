import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
  /** What the bar says at its end (the formatted value). */
  text: string;
}

const WIDTH = 640;
const LABEL = 150;
const VALUE = 150;
const ROW = 32;

/**
 * A horizontal bar chart in inline SVG. The SVG is one image whose name lists every value; the
 * same numbers stand in a table beside it for anyone who reads tables rather than pictures.
 */
export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const titleId = useId();
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = Math.max(1, bars.length) * ROW + 8;
  const span = WIDTH - LABEL - VALUE;
  const description = bars.map((b) => `${b.label} ${b.text}`).join('、');
  return (
    <figure className="mt-4">
      <figcaption id={titleId} className="text-std-17B-170 text-solid-gray-800">
        {title}
      </figcaption>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={`${titleId}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="mt-2 w-full max-w-3xl"
        data-testid="bar-chart"
      >
        <desc id={`${titleId}-desc`}>{description}</desc>
        {bars.map((bar, i) => {
          const y = 4 + i * ROW;
          const length = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span) : 0;
          return (
            <g key={bar.label}>
              <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize="14" fill="var(--color-neutral-solid-gray-900)">
                {bar.label}
              </text>
              <rect x={LABEL} y={y + 6} width={length} height={ROW - 12} fill="var(--color-primitive-blue-900)" />
              <text x={LABEL + length + 6} y={y + ROW / 2} dominantBaseline="middle" fontSize="14" fill="var(--color-neutral-solid-gray-900)">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
