/**
 * Notes: a keystroke's sync time A→B (A's edit to the shared Y.Text, sent by the notes' provider,
 * checked and applied at B) against a raw `sendText` A→B, same run, same livekit-server, runs
 * alternating; medians compared. (The notes kind's size is in furniture.bench.ts, with the others'.)
 * `npm run bench notes` runs this alone.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startStack } from '../test/harness/stack.js';
import { percentile, type BenchRow } from './lib.js';

const kinds = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'src', 'furniture', 'kinds');
const RUNS = Number(process.env.NOTES_RUNS ?? 21);

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Two participants in one page, each with the notes' provider; B notes when each keystroke shows in its text. */
const PAGE_SETUP = `async (url) => {
  const lk = await import('/vendor/livekit-client.mjs');
  const join = async (name) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room_name: 'lobby', participant_name: name }),
    });
    const token = await response.json();
    const room = new lk.Room();
    await room.connect(token.server_url, token.participant_token);
    return room;
  };
  const a = await join('A');
  const b = await join('B');
  const notesA = new ConveneNotesBench.NotesProvider(a);
  const notesB = new ConveneNotesBench.NotesProvider(b);
  const arrivals = new Map();
  notesB.text.observe(() => {
    const text = notesB.text.toString();
    const key = text.slice(text.lastIndexOf('|') + 1);
    if (key && !arrivals.has(key)) arrivals.set(key, performance.now());
  });
  b.registerTextStreamHandler('bench.raw', async (reader) => arrivals.set(await reader.readAll(), performance.now()));
  const wait = async (key) => {
    const deadline = performance.now() + 5000;
    while (!arrivals.has(key)) {
      if (performance.now() > deadline) throw new Error('no delivery of ' + key);
      await new Promise((r) => setTimeout(r, 1));
    }
    return arrivals.get(key);
  };
  // Until B has A's document (and both know each other), nothing is timed.
  const deadline = performance.now() + 10000;
  notesA.text.insert(0, 'ready');
  while (notesB.text.toString() !== 'ready') {
    if (performance.now() > deadline) throw new Error('the notes never synced');
    await new Promise((r) => setTimeout(r, 10));
  }
  globalThis.once = async (kind, key) => {
    const start = performance.now();
    if (kind === 'notes') notesA.text.insert(notesA.text.length, '|' + key);
    else await a.localParticipant.sendText(key, { topic: 'bench.raw' });
    return (await wait(key)) - start;
  };
  globalThis.leave = () => {
    notesA.dispose();
    notesB.dispose();
    return Promise.all([a.disconnect(), b.disconnect()]);
  };
}`;

export default async function notesBench(): Promise<BenchRow[]> {
  const result = await build({
    entryPoints: [join(kinds, 'notes-provider.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'ConveneNotesBench',
    write: false,
    target: 'es2022',
    conditions: ['convene:source', 'browser'],
    legalComments: 'none',
  });
  const stack = await startStack({ rateLimits: { tokens: false, codeGuesses: false } });
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/vendor/livekit-client.mjs`);
    await page.addScriptTag({ content: result.outputFiles[0]!.text });
    const tokenUrl = `${stack.baseUrl}/api/spaces/river-coop/token`;
    // A string, not a function: tsx's helpers do not exist in the page.
    await page.evaluate(`(${PAGE_SETUP})(${JSON.stringify(tokenUrl)})`);
    const times = { notes: [] as number[], raw: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      // A typist's pace, well under the provider's rate per sender.
      await new Promise((resolve) => setTimeout(resolve, 150));
      for (const kind of i % 2 ? (['raw', 'notes'] as const) : (['notes', 'raw'] as const)) {
        times[kind].push(
          (await page.evaluate(`once(${JSON.stringify(kind)}, ${JSON.stringify(`${kind}${i}`)})`)) as number,
        );
      }
    }
    await page.evaluate('leave()');
    const notesMs = median(times.notes);
    const rawMs = median(times.raw);
    return [
      {
        group: 'furniture notes',
        name: 'notes keystroke A→B (Yjs update, checked and applied)',
        value: notesMs,
        unit: 'ms',
        detail: `median of ${RUNS}; ${(notesMs / rawMs).toFixed(2)}× raw`,
      },
      { group: 'furniture notes', name: 'raw sendText A→B', value: rawMs, unit: 'ms', detail: `median of ${RUNS}` },
    ];
  } finally {
    await browser.close();
    await stack.stop();
  }
}
