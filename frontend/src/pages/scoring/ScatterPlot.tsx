import { useId } from 'react';
import { formatPercent, layoutScatter, type ScatterDatum } from './scatter';
import { SCORING } from './messages';

const M = SCORING.companies;

/**
 * Connector degree (x) against hub degree (y), hand-drawn SVG. The figure has a title and a
 * description, each point its own <title>, and the same numbers follow as a table.
 */
export function ScatterPlot({ data, definitionName, digits }: { data: readonly ScatterDatum[]; definitionName: string; digits: number }) {
  const titleId = useId();
  const descId = useId();
  const layout = layoutScatter(data);
  const { plot } = layout;
  const tickDigits = layout.xEnd < 0.05 || layout.yEnd < 0.05 ? digits + 1 : digits;
  return (
    <figure className="flex flex-col gap-4">
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        className="h-auto w-full max-w-3xl rounded-8 border border-solid-gray-420 bg-white"
        data-testid="scatter-plot"
      >
        <title id={titleId}>{M.scatterTitle(definitionName)}</title>
        <desc id={descId}>{M.scatterDesc(layout.points.length)}</desc>
        {layout.xTicks.map((tick) => (
          <g key={`x-${tick.value}`}>
            <line x1={tick.at} x2={tick.at} y1={plot.top} y2={plot.bottom} stroke="var(--color-neutral-solid-gray-100)" />
            <text x={tick.at} y={plot.bottom + 20} textAnchor="middle" fontSize="12" fill="var(--color-neutral-solid-gray-800)">
              {formatPercent(tick.value, tickDigits)}
            </text>
          </g>
        ))}
        {layout.yTicks.map((tick) => (
          <g key={`y-${tick.value}`}>
            <line x1={plot.left} x2={plot.right} y1={tick.at} y2={tick.at} stroke="var(--color-neutral-solid-gray-100)" />
            <text x={plot.left - 8} y={tick.at + 4} textAnchor="end" fontSize="12" fill="var(--color-neutral-solid-gray-800)">
              {formatPercent(tick.value, tickDigits)}
            </text>
          </g>
        ))}
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke="var(--color-neutral-solid-gray-800)" />
        <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke="var(--color-neutral-solid-gray-800)" />
        <text x={(plot.left + plot.right) / 2} y={layout.height - 12} textAnchor="middle" fontSize="14" fill="var(--color-neutral-solid-gray-900)">
          {M.xAxis}
        </text>
        <text
          x={16}
          y={(plot.top + plot.bottom) / 2}
          textAnchor="middle"
          fontSize="14"
          fill="var(--color-neutral-solid-gray-900)"
          transform={`rotate(-90 16 ${(plot.top + plot.bottom) / 2})`}
        >
          {M.yAxis}
        </text>
        {layout.points.map((point) => (
          <circle key={point.id} cx={point.cx} cy={point.cy} r={6} fill="var(--color-primitive-blue-900)" fillOpacity={0.7} stroke="var(--color-neutral-white)" data-testid="scatter-point">
            <title>{M.scatterPoint(point.label, formatPercent(point.x, digits), formatPercent(point.y, digits))}</title>
          </circle>
        ))}
      </svg>
      <figcaption>
        <details>
          <summary className="cursor-pointer text-std-16B-170 text-blue-900 underline">{M.scatterTableSummary}</summary>
          <table className="mt-2 w-full max-w-3xl border-collapse text-std-16N-170">
            <caption className="sr-only">{M.scatterTitle(definitionName)}</caption>
            <thead>
              <tr className="border-b border-solid-gray-420 text-left">
                <th scope="col" className="p-2">{M.company}</th>
                <th scope="col" className="p-2 text-right">{M.xAxis}</th>
                <th scope="col" className="p-2 text-right">{M.yAxis}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.id} className="border-b border-solid-gray-420">
                  <th scope="row" className="p-2 text-left font-normal">{d.label}</th>
                  <td className="p-2 text-right">{formatPercent(d.x, digits)}</td>
                  <td className="p-2 text-right">{formatPercent(d.y, digits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
