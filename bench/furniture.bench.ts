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
import { median, timeAToB, type BenchRow } from './lib.js';

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

/** Each participant with the chat kind's model; B notes when each message arrives. */
const SETUP = `async ({ a, b, arrivals }) => {
  const chatA = new ConveneChatBench.ChatModel(a);
  new ConveneChatBench.ChatModel(b).state.subscribe(({ messages }) => {
    const last = messages.at(-1);
    if (last && !arrivals.has(last.message)) arrivals.set(last.message, performance.now());
  });
  return { send: (key) => chatA.send(key) };
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
  const times = await timeAToB({
    kind: 'chat',
    script: await bundle('kinds/chat-model.ts', [], 'iife'),
    setup: SETUP,
    runs: RUNS,
    // The chat kind takes 2 messages a second from each sender (after a burst of 10): keep under it.
    pauseMs: 550,
    key: (kind, i) => `${kind} ${i}`,
  });
  const chatMs = median(times.chat!);
  const rawMs = median(times.raw!);
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
}

export default async function furnitureBench(): Promise<BenchRow[]> {
  return [...(await sizes()), ...(await chatDelivery())];
}
