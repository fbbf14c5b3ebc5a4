/**
 * Furniture: the gzip size each kind adds on top of what a room has already loaded (lit,
 * livekit-client and the registry, which ship with convene.js and the LiveKit chunk), and chat
 * delivery time A→B through the chat kind's code against a raw `sendText` on the same topic, same
 * run, same livekit-server, runs alternating; medians compared.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.mjs';
import { startStack } from '../test/harness/stack.js';
import { percentile, type BenchRow } from './lib.js';

const furniture = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'elements', 'src', 'furniture');
const RUNS = Number(process.env.CHAT_RUNS ?? 31);
/**
 * What a room has loaded before any furniture (convene.js, the LiveKit chunk, the panel's
 * definitions): not counted against a kind. Furniture's strings are not in it: they come with
 * the panel, and each kind's figure counts them.
 */
const LOADED = [
  'lit',
  'lit/*',
  '@lit/*',
  'livekit-client',
  '*/registry.js',
  '*/builtins.js',
  '*/core/observable.js',
  '*/core/api.js',
  '*/core/error-event.js',
  '*/events.js',
  '*/i18n/strings.js',
  '*/i18n/localize-controller.js',
];
/**
 * Per kind; chat carries @livekit/components-core's `setupChat` (rxjs, loglevel), about 8.8 kB of it;
 * notes carry Yjs and y-protocols (about 25 kB of theirs).
 */
const BUDGETS: Record<string, number> = { chat: 16_000, notes: 40_000 };

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Two participants in one page, each with the chat kind's model; B notes when each message arrives. */
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
  const chatA = new ConveneChatBench.ChatModel(a);
  new ConveneChatBench.ChatModel(b).state.subscribe(({ messages }) => {
    const last = messages.at(-1);
    if (last && !arrivals.has(last.message)) arrivals.set(last.message, performance.now());
  });
  const arrivals = new Map();
  b.registerTextStreamHandler('bench.raw', async (reader) => arrivals.set(await reader.readAll(), performance.now()));
  const wait = async (key) => {
    const deadline = performance.now() + 5000;
    while (!arrivals.has(key)) {
      if (performance.now() > deadline) throw new Error('no delivery of ' + key);
      await new Promise((r) => setTimeout(r, 1));
    }
    return arrivals.get(key);
  };
  globalThis.once = async (kind, key) => {
    const start = performance.now();
    if (kind === 'chat') await chatA.send(key);
    else await a.localParticipant.sendText(key, { topic: 'bench.raw' });
    return (await wait(key)) - start;
  };
  globalThis.leave = () => Promise.all([a.disconnect(), b.disconnect()]);
}`;

async function bundle(entry: string, external: string[], format: 'esm' | 'iife' = 'esm'): Promise<string> {
  const result = await build({
    entryPoints: [join(furniture, entry)],
    bundle: true,
    minify: true,
    format,
    write: false,
    target: 'es2022',
    external,
    conditions: ['convene:source', 'browser'],
    legalComments: 'none',
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    ...(format === 'iife' ? { globalName: 'ConveneChatBench' } : {}),
  });
  return result.outputFiles[0]!.text;
}

async function sizes(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const gzip = (code: string) => gzipSync(code, { level: 9 }).length;
  rows.push({
    group: 'furniture size',
    name: 'registry + <convene-furniture> (in convene.js)',
    value: gzip(
      await bundle('convene-furniture.ts', ['lit', 'lit/*', '@lit/*', 'livekit-client', '*/events.js', './kinds/*']),
    ),
    unit: 'B',
    detail: 'gzip; the panel, the built-in definitions and the kinds load apart',
  });
  rows.push({
    group: 'furniture size',
    name: 'panel + built-in definitions (a room with any furniture)',
    value: gzip(await bundle('convene-furniture-panel.ts', [...LOADED, '*/events.js', './kinds/*'])),
    unit: 'B',
    detail: 'gzip',
  });
  for (const kind of ['chat', 'markdown', 'hand-raise', 'spotlight', 'embed', 'breakout-tables', 'notes', 'poll']) {
    rows.push({
      group: 'furniture size',
      name: `${kind} (loaded only when a room has it)`,
      value: gzip(await bundle(`kinds/convene-furniture-${kind}.ts`, LOADED)),
      unit: 'B',
      detail: 'gzip, its strings and shared helpers included',
      budget: { max: BUDGETS[kind] ?? 8_000, label: `≤ ${(BUDGETS[kind] ?? 8_000) / 1000} kB` },
    });
  }
  return rows;
}

async function chatDelivery(): Promise<BenchRow[]> {
  const chat = await bundle('kinds/chat-model.ts', [], 'iife');
  const stack = await startStack({ rateLimits: { tokens: false, codeGuesses: false } });
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/vendor/livekit-client.mjs`);
    await page.addScriptTag({ content: chat });
    const tokenUrl = `${stack.baseUrl}/api/spaces/river-coop/token`;
    // A string, not a function: tsx's helpers do not exist in the page.
    await page.evaluate(`(${PAGE_SETUP})(${JSON.stringify(tokenUrl)})`);
    const times = { chat: [] as number[], raw: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      // The chat kind takes 2 messages a second from each sender (after a burst of 10): keep under it.
      await new Promise((resolve) => setTimeout(resolve, 550));
      for (const kind of i % 2 ? (['raw', 'chat'] as const) : (['chat', 'raw'] as const)) {
        times[kind].push(
          (await page.evaluate(`once(${JSON.stringify(kind)}, ${JSON.stringify(`${kind} ${i}`)})`)) as number,
        );
      }
    }
    await page.evaluate('leave()');
    const chatMs = median(times.chat);
    const rawMs = median(times.raw);
    return [
      {
        group: 'furniture chat',
        name: 'chat message A→B (chat kind)',
        value: chatMs,
        unit: 'ms',
        detail: `median of ${RUNS}; ${(chatMs / rawMs).toFixed(2)}× raw`,
      },
      { group: 'furniture chat', name: 'raw sendText A→B', value: rawMs, unit: 'ms', detail: `median of ${RUNS}` },
    ];
  } finally {
    await browser.close();
    await stack.stop();
  }
}

export default async function furnitureBench(): Promise<BenchRow[]> {
  return [...(await sizes()), ...(await chatDelivery())];
}
