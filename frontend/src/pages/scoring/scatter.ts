/** The arithmetic of the connector × hub scatter plot, kept apart from the SVG so it can be tested. */

/** The smallest "round" axis end (1, 2, 2.5 or 5 × 10ⁿ) at or above `max`; 1 when there is no data. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    // Rounded so 0.3 / 0.1 style float noise does not push a value onto the next step.
    const candidate = Number((step * magnitude).toPrecision(12));
    if (candidate >= max) return candidate;
  }
  return 10 * magnitude;
}

/** `count + 1` evenly spaced tick values from 0 to `end`. */
export function ticks(end: number, count = 5): number[] {
  return Array.from({ length: count + 1 }, (_, i) => Number(((end * i) / count).toPrecision(12)));
}

/** A linear map from [0, domainEnd] onto [rangeStart, rangeEnd] (the y range runs upwards in SVG). */
export function linearScale(domainEnd: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  const span = domainEnd > 0 ? domainEnd : 1;
  return (value) => rangeStart + (Math.min(Math.max(value, 0), span) / span) * (rangeEnd - rangeStart);
}

export interface ScatterDatum {
  id: string;
  label: string;
  x: number | null;
  y: number | null;
}

export interface PlottedPoint extends ScatterDatum {
  x: number;
  y: number;
  cx: number;
  cy: number;
}

export interface ScatterLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xEnd: number;
  yEnd: number;
  xTicks: { value: number; at: number }[];
  yTicks: { value: number; at: number }[];
  points: PlottedPoint[];
  /** Companies with a value that cannot be computed (zero denominator) are listed, not drawn. */
  missing: ScatterDatum[];
}

export const SCATTER_SIZE = { width: 640, height: 420, margin: { left: 72, right: 24, top: 24, bottom: 56 } } as const;

export function layoutScatter(data: readonly ScatterDatum[], size = SCATTER_SIZE): ScatterLayout {
  const { width, height, margin } = size;
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
  const complete = data.filter((d): d is ScatterDatum & { x: number; y: number } => d.x !== null && d.y !== null);
  const xEnd = niceMax(Math.max(0, ...complete.map((d) => d.x)));
  const yEnd = niceMax(Math.max(0, ...complete.map((d) => d.y)));
  const sx = linearScale(xEnd, plot.left, plot.right);
  const sy = linearScale(yEnd, plot.bottom, plot.top);
  return {
    width,
    height,
    plot,
    xEnd,
    yEnd,
    xTicks: ticks(xEnd).map((value) => ({ value, at: sx(value) })),
    yTicks: ticks(yEnd).map((value) => ({ value, at: sy(value) })),
    points: complete.map((d) => ({ ...d, cx: sx(d.x), cy: sy(d.y) })),
    missing: data.filter((d) => d.x === null || d.y === null),
  };
}

/** A ratio (0.1234) as a percentage (`12.3%`); shares of a prefecture are small, so they get more digits. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}
