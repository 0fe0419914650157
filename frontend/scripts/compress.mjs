// Precompresses the build for the gateway (services/gateway/src/gateway/spa.py): next to each
// text asset (JS, CSS, SVG, HTML, JSON, fonts other than woff2) a `.br` (brotli, best quality) and
// a `.gz` (gzip -9), written only when they save at least 5 %. woff2 is brotli inside already, so
// its copies would save nothing and are not written. Node's own zlib: no dependency.
//
//   node scripts/compress.mjs [dist]
import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|svg|html|json|txt|ttf|otf|woff|ico|webmanifest)$/;
const MIN_SAVING = 0.05;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

async function compressAll(root) {
  const totals = { files: 0, identity: 0, br: 0, gz: 0 };
  for await (const path of files(root)) {
    if (path.endsWith('.br') || path.endsWith('.gz')) {
      // left by an earlier build into the same folder: its source may be gone or changed
      const source = path.slice(0, -3);
      const exists = await stat(source).then(() => true, () => false);
      if (!exists) await unlink(path);
      continue;
    }
    if (!COMPRESSIBLE.test(path)) continue;
    const data = await readFile(path);
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: /\.(?:ttf|otf|woff)$/.test(path) ? constants.BROTLI_MODE_FONT : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(data, { level: 9 });
    for (const [suffix, packed] of [['.br', br], ['.gz', gz]]) {
      if (packed.length <= data.length * (1 - MIN_SAVING)) await writeFile(path + suffix, packed);
      else await unlink(path + suffix).catch(() => undefined);
    }
    totals.files += 1;
    totals.identity += data.length;
    totals.br += Math.min(br.length, data.length);
    totals.gz += Math.min(gz.length, data.length);
    if (/\.(?:js|css)$/.test(path)) {
      console.log(`${relative(root, path)}: ${kb(data.length)} → br ${kb(br.length)}, gzip ${kb(gz.length)}`);
    }
  }
  console.log(
    `precompressed ${totals.files} files: ${kb(totals.identity)} → br ${kb(totals.br)}, gzip ${kb(totals.gz)}`,
  );
}

function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

await compressAll(process.argv[2] ?? 'dist');
