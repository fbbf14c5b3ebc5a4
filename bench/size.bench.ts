/** Bundle sizes of the script-tag embed and of the lazily loaded LiveKit chunk (raw, gzip, brotli). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BenchRow } from './lib.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');

function sizes(file: string) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

export default async function sizeBench(): Promise<BenchRow[]> {
  const entry = join(dist, 'convene.js');
  if (!existsSync(entry)) throw new Error('packages/elements/dist/convene.js is missing: run `npm run build` first.');
  const chunks = readdirSync(join(dist, 'chunks')).filter((f) => f.endsWith('.js'));
  const livekitChunk = chunks.find((f) => f.startsWith('livekit-client'));
  if (!livekitChunk) throw new Error(`no livekit-client chunk among ${chunks.join(', ')}`);
  const rows: BenchRow[] = [];
  const add = (name: string, file: string, gzipBudget?: number) => {
    const s = sizes(file);
    rows.push({ group: 'size', name: `${name} raw`, value: s.raw, unit: 'B' });
    rows.push({
      group: 'size',
      name: `${name} gzip`,
      value: s.gzip,
      unit: 'B',
      ...(gzipBudget ? { budget: { max: gzipBudget, label: `≤ ${gzipBudget / 1000} kB` } } : {}),
    });
    rows.push({ group: 'size', name: `${name} brotli`, value: s.brotli, unit: 'B' });
  };
  add('convene.js (before anyone joins)', entry, 30_000);
  add('livekit-client chunk (on join)', join(dist, 'chunks', livekitChunk));
  let all = sizes(entry).gzip;
  for (const chunk of chunks) all += sizes(join(dist, 'chunks', chunk)).gzip;
  rows.push({
    group: 'size',
    name: 'all chunks, gzip (in a room)',
    value: all,
    unit: 'B',
    detail: `${chunks.length + 1} files`,
    budget: { max: 185_000, label: '≤ 185 kB' },
  });
  return rows;
}
