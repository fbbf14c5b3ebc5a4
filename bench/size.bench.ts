/**
 * Bundle sizes of the script-tag embed, the lazily loaded LiveKit chunk, what a video-only room
 * loads (the 185 kB budget), and each furniture kind's chunks (loaded only when a room has it).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BenchRow } from './lib.js';

/** The built elements; `CONVENE_ELEMENTS_DIST` measures another build (e.g. a trial of a chunking change). */
const dist =
  process.env.CONVENE_ELEMENTS_DIST ??
  join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'dist');

function sizes(file: string) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** A chunk that only furniture loads: the panel, a kind (`src/furniture/**` modules name them). */
const isFurnitureRoot = (chunk: string) => /^convene-furniture-/.test(basename(chunk));
/** A shipped language's table other than English (`src/i18n/<lang>.ts`): loaded only by a page in that language. */
/**
 * A chunk that only door control loads (issue 13): the room's door (a locked or knockable room, a
 * refusal the door answers, a moderator or a member in the room) and the space's (a visitor with a pass).
 */
const isDoorRoot = (chunk: string) => /^(?:space-)?doors-[A-Za-z0-9_-]{8}\.js$/.test(basename(chunk));
/** A chunk only an end-to-end encrypted room loads (issue 15): its views and its key provider (the worker is a file apart). */
const isE2eeRoot = (chunk: string) => /^e2ee(?:-keys)?-[A-Za-z0-9_-]{8}\.js$/.test(basename(chunk));
/** The chunk only a stage room loads (issue 17): the audience view, asking to speak, the device check. */
const isStageRoot = (chunk: string) => /^stage-room-[A-Za-z0-9_-]{8}\.js$/.test(basename(chunk));
const isLanguage = (chunk: string) => /^[a-z]{2,3}(?:-[a-z0-9]+)?-[A-Za-z0-9_-]{8}\.js$/i.test(basename(chunk));

/** The chunks a file imports, statically and dynamically (minified ESM: `from"./x.js"`, `import("./x.js")`). */
function imports(file: string): { statics: string[]; dynamics: string[] } {
  const code = readFileSync(file, 'utf8');
  const resolve = (spec: string) => join(dirname(file), spec);
  const statics = [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => resolve(m[1]!));
  const dynamics = [...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g)].map((m) => resolve(m[1]!));
  return { statics, dynamics };
}

/** Every file reachable from `roots`, following static imports, and dynamic ones `follow` allows. */
function closure(roots: string[], follow: (file: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const { statics, dynamics } = imports(file);
    queue.push(...statics, ...dynamics.filter(follow));
  }
  return seen;
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
  add('convene.js', entry);
  // Before anyone joins: convene.js and the chunks it imports statically (rollup moves the shared
  // code into a chunk once a lazily loaded chunk, such as the furniture panel, imports from it).
  const eager = closure([entry], () => false);
  rows.push({
    group: 'size',
    name: 'before anyone joins, gzip (convene.js + its static imports)',
    value: [...eager].reduce((sum, file) => sum + sizes(file).gzip, 0),
    unit: 'B',
    detail: `${eager.size} file(s)`,
    // Issue 19: a page that only lists rooms loads no more than this (bench/space.bench.ts measures the page itself).
    budget: { max: 20_000, label: '≤ 20 kB' },
  });
  add('livekit-client chunk (on join)', join(dist, 'chunks', livekitChunk));

  // A video-only room: convene.js and everything it loads, except what only furniture loads, what
  // only door control loads (a guest in a public room never does), and the languages other than
  // English (a page loads only its own); the largest of those counted apart.
  const videoOnly = closure(
    [entry],
    (file) =>
      !isFurnitureRoot(file) && !isLanguage(file) && !isDoorRoot(file) && !isE2eeRoot(file) && !isStageRoot(file),
  );
  const gzipOf = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + sizes(file).gzip, 0);
  rows.push({
    group: 'size',
    name: 'video-only room, gzip (all it loads)',
    value: gzipOf(videoOnly),
    unit: 'B',
    detail: `${videoOnly.size} files, in English`,
    budget: { max: 180_000, label: '≤ 180 kB' },
  });
  const doors = closure(chunks.map((c) => join(dist, 'chunks', c)).filter(isDoorRoot), () => false);
  const doorOnly = [...doors].filter((f) => !videoOnly.has(f));
  rows.push({
    group: 'size',
    name: 'door control, gzip (locked or knockable rooms, refusals, moderators and members)',
    value: gzipOf(doorOnly),
    unit: 'B',
    detail: `${doorOnly.length} file(s)`,
  });
  for (const [name, isRoot] of [
    ['stage room extra, gzip (the audience view, asking to speak, the device check)', isStageRoot],
    ['end-to-end encrypted room extra, gzip (its views and key provider; the worker apart)', isE2eeRoot],
  ] as const) {
    const extra = [...closure(chunks.map((c) => join(dist, 'chunks', c)).filter(isRoot), () => false)].filter(
      (f) => !videoOnly.has(f),
    );
    rows.push({ group: 'size', name, value: gzipOf(extra), unit: 'B', detail: `${extra.length} file(s)` });
  }
  // A language's own table; its `-features` chunk loads only with furniture or door control.
  const languages = chunks
    .map((c) => join(dist, 'chunks', c))
    .filter((file) => isLanguage(file) && !/-features-/.test(basename(file)));
  const largest = languages.sort((a, b) => sizes(b).gzip - sizes(a).gzip)[0];
  if (largest) {
    const lang = basename(largest).replace(/-[A-Za-z0-9_-]{8}\.js$/, '');
    rows.push({
      group: 'size',
      name: 'video-only room in the largest other language, gzip',
      value: gzipOf(videoOnly) + sizes(largest).gzip,
      unit: 'B',
      detail: `${lang} (${(sizes(largest).gzip / 1000).toFixed(1)} kB), ${languages.length} language chunk(s) besides their -features`,
      budget: { max: 185_000, label: '≤ 185 kB' },
    });
  }
  const furnitureRoots = chunks.map((c) => join(dist, 'chunks', c)).filter(isFurnitureRoot);
  // Every kind comes with the panel: a kind's row counts what it adds beyond the panel.
  const panel = closure(
    furnitureRoots.filter((f) => basename(f).startsWith('convene-furniture-panel')),
    () => false,
  );
  for (const root of furnitureRoots.sort()) {
    const isPanel = panel.has(root);
    const own = [...closure([root], () => false)].filter((f) => !videoOnly.has(f) && (isPanel || !panel.has(f)));
    const name = basename(root).replace(/-[A-Za-z0-9_-]{8}\.js$/, '');
    rows.push({
      group: 'size',
      name: `${name}, gzip (only in rooms that have it)`,
      value: gzipOf(own),
      unit: 'B',
      detail: `${own.length} file(s)${isPanel ? '' : ', beyond the panel; chunks shared by kinds counted in each'}`,
    });
  }
  if (furnitureRoots.length === 0) {
    rows.push({
      group: 'size',
      name: 'furniture chunks',
      value: 0,
      unit: 'B',
      detail: 'none in dist: the room does not load the furniture panel yet (see bench/furniture.bench.ts)',
    });
  }
  return rows;
}
