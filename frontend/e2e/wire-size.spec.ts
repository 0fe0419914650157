import { expect, loginAs, test } from './fixtures';

/**
 * Issue 11: the first load of the dashboard (login page, login, dashboard, in a browser with an
 * empty cache) moves at most 300 kB of JS and CSS over the wire, because the gateway sends the
 * build's precompressed copies. The figure is printed and attached to the report.
 */
const BUDGET_BYTES = 300_000;

test.describe('wire size of the first load @stack', () => {
  test('the dashboard after login loads at most 300 kB of JS and CSS, compressed', async ({ page }) => {
    const loads: Promise<{ url: string; type: string; encoding: string; body: number; size: number }>[] = [];
    page.on('requestfinished', (request) => {
      const type = request.resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      loads.push(
        (async () => {
          const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
          const headers = (await response?.allHeaders()) ?? {};
          return {
            url: new URL(request.url()).pathname,
            type,
            encoding: headers['content-encoding'] ?? 'identity',
            body: sizes.responseBodySize, // as it came over the wire (encoded)
            size: Number(headers['content-length'] ?? sizes.responseBodySize),
          };
        })(),
      );
    });

    await loginAs(page, 'kikuyo-editor@demo.example.jp');
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(loads);

    const total = files.reduce((sum, f) => sum + f.body, 0);
    const lines = files.map((f) => `${f.url} ${f.encoding} ${(f.body / 1000).toFixed(1)} kB`);
    const figure = `JS+CSS on the wire for the first load of the dashboard: ${(total / 1000).toFixed(1)} kB (${files.length} files)`;
    console.log([figure, ...lines].join('\n'));
    test.info().annotations.push({ type: 'wire size', description: figure });

    expect(files.some((f) => f.type === 'script')).toBe(true);
    expect(files.some((f) => f.type === 'stylesheet')).toBe(true);
    // every JS and CSS file came precompressed, brotli first
    expect(files.filter((f) => f.encoding !== 'br').map((f) => f.url)).toEqual([]);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
