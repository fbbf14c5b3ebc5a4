import { get, type Agent, type IncomingMessage } from 'node:http';
import { readSse } from '../test/harness/sse.js';

/** One figure in the `npm run bench` table. */
export interface BenchRow {
  /** The table section, e.g. "size" or "token endpoint". */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Free text shown beside the figure: a baseline, a ratio, a note. */
  detail?: string;
  /** A budget this figure must keep; a broken budget makes `npm run bench` exit non-zero. */
  budget?: { max?: number; min?: number; label: string };
}

/** A benchmark module: `bench/*.bench.ts`, default-exporting one of these. */
export type Bench = () => Promise<BenchRow[]>;

export function withinBudget(row: BenchRow): boolean {
  if (!row.budget) return true;
  if (row.budget.max !== undefined && row.value > row.budget.max) return false;
  if (row.budget.min !== undefined && row.value < row.budget.min) return false;
  return true;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/** The rooms of one presence event, as the benches read them. */
export type PresenceRooms = { slug: string; count: number }[];

/**
 * One subscriber to a space's presence stream (`/api/spaces/:space/events`, server-sent events)
 * over node:http: `onRooms` gets each presence event's rooms as it comes; `close()` ends it.
 */
export function subscribePresence(
  url: string,
  onRooms: (rooms: PresenceRooms) => void,
  agent?: Agent,
): { close(): void } {
  let response: IncomingMessage | undefined;
  const request = get(url, { agent }, (res) => {
    response = res;
    readSse(res, (event, data) => {
      if (event === 'presence') onRooms((JSON.parse(data) as { rooms: PresenceRooms }).rooms);
    });
  }).on('error', () => {});
  return {
    close() {
      response?.destroy();
      request.destroy();
    },
  };
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * The page half of an A→B timing (see `timeAToB`): A and B join `lobby` in one page; `setup` (a
 * page function's source, given `{ lk, a, b, arrivals }`) gives `{ send(key), leave?() }` and
 * records in `arrivals` when each key shows at B; a raw `sendText` on `bench.raw` is the baseline.
 */
const AB_PAGE = `async (url, setup) => {
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
  const measured = await setup({ lk, a, b, arrivals });
  globalThis.once = async (kind, key) => {
    const start = performance.now();
    if (kind === 'raw') await a.localParticipant.sendText(key, { topic: 'bench.raw' });
    else await measured.send(key);
    return (await wait(key)) - start;
  };
  globalThis.leave = async () => {
    await measured.leave?.();
    await Promise.all([a.disconnect(), b.disconnect()]);
  };
}`;

/**
 * A→B delivery through `kind`'s code (`script`, an IIFE bundle, and `setup`, see AB_PAGE) against
 * a raw `sendText`: two participants in one page of headless Chromium, a fresh stack, `runs` runs
 * alternating which goes first, `pauseMs` before each; the times in ms by kind.
 */
export async function timeAToB(options: {
  kind: string;
  script: string;
  setup: string;
  runs: number;
  pauseMs: number;
  key: (kind: string, run: number) => string;
}): Promise<Record<string, number[]>> {
  const { default: puppeteer } = await import('puppeteer-core');
  const { CHROMIUM_ARGS, findChromium } = await import('../scripts/lib/chromium.mjs');
  const { startStack } = await import('../test/harness/stack.js');
  const stack = await startStack({ rateLimits: { tokens: false, codeGuesses: false } });
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${stack.baseUrl}/vendor/livekit-client.mjs`);
    await page.addScriptTag({ content: options.script });
    const tokenUrl = `${stack.baseUrl}/api/spaces/river-coop/token`;
    // A string, not a function: tsx's helpers do not exist in the page.
    await page.evaluate(`(${AB_PAGE})(${JSON.stringify(tokenUrl)}, ${options.setup})`);
    const times: Record<string, number[]> = { [options.kind]: [], raw: [] };
    for (let i = 0; i < options.runs; i++) {
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      for (const kind of i % 2 ? ['raw', options.kind] : [options.kind, 'raw']) {
        times[kind]!.push(
          (await page.evaluate(`once(${JSON.stringify(kind)}, ${JSON.stringify(options.key(kind, i))})`)) as number,
        );
      }
    }
    await page.evaluate('leave()');
    return times;
  } finally {
    await browser.close();
    await stack.stop();
  }
}
