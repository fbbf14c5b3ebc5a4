/**
 * How the Convene server's cost grows on several machines: the cluster of test/harness/cluster.ts
 * (two LiveKit nodes on one Redis, two Convene copies, nginx), a space of 40 rooms, and 1, 10 and
 * 40 of them filled with 3 lightweight real participants each (`@livekit/rtc-node`, each sending a
 * small tone, one a room a 64×64 video too), spread over both nodes and both copies. Presence
 * streams (SUBSCRIBERS, half on each copy) watch the space throughout; the copies poll LiveKit
 * every 5 s as in production, and hear webhooks through nginx.
 *
 * Reported: each copy's CPU (over a quiet window) and memory per filled room and per presence
 * subscriber, the time from a join (`connect()` resolved) until every subscriber on both copies
 * sees it, and whether any of them grows faster than the number of rooms. Bounded: every wait has
 * its limit, the whole run takes about two minutes.
 */
import { get, type IncomingMessage } from 'node:http';
import { dispose } from '@livekit/rtc-node';
import type { TokenResponse } from '../packages/server/src/index.js';
import { joinThrough, startCluster, type Cluster, type NodeVisitor } from '../test/harness/cluster.js';
import type { Usage } from '../test/harness/convene-copy.js';
import { startCrowd } from '../test/harness/node-crowd.js';
import { readSse } from '../test/harness/sse.js';
import { percentile, type BenchRow } from './lib.js';

const ROOMS = 40;
const STAGES = [1, 10, 40];
const PER_ROOM = 3;
const SUBSCRIBERS = 200;
const WINDOW_MS = 10_000;
const PROBES = 3;
/** Rooms filled at once. */
const FILL_BATCH = 2;
/** Participants a child process holds (rtc-node 1.1 breaks at about 45–50 in one process). */
const PER_PROCESS = 30;
/** The whole bench stops filling rooms after this long and reports what it measured. */
const BUDGET_MS = 4 * 60_000;

interface Subscriber {
  /** The latest presence event's rooms, by slug: the names in each. */
  rooms: Map<string, string[]>;
  close(): void;
}

function subscribe(baseUrl: string, onEvent: () => void): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const rooms = new Map<string, string[]>();
    const req = get(`${baseUrl}/api/spaces/bench/events`, (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`presence stream: ${res.statusCode}`));
      readSse(res, (_event, data) => {
        const event = JSON.parse(data) as { rooms: { slug: string; people?: { name: string }[] }[] };
        for (const room of event.rooms)
          rooms.set(
            room.slug,
            (room.people ?? []).map((p) => p.name),
          );
        onEvent();
      });
      resolve({ rooms, close: () => req.destroy() });
    });
    req.once('error', reject);
  });
}

/** Resolves when `ok()` holds (checked on every presence event and every 50 ms), or rejects after `ms`. */
function whenever(ok: () => boolean, ms: number, what: string, listeners: Set<() => void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!ok()) return;
      finish();
      resolve();
    };
    const timer = setInterval(check, 50);
    const deadline = setTimeout(() => {
      finish();
      reject(new Error(`${what} not within ${ms} ms`));
    }, ms);
    const finish = () => {
      clearInterval(timer);
      clearTimeout(deadline);
      listeners.delete(check);
    };
    listeners.add(check);
    check();
  });
}

/** `join()`, and once more if it fails (a busy machine). */
async function retryOnce<T>(join: () => Promise<T>): Promise<T> {
  try {
    return await join();
  } catch {
    return join();
  }
}

const sum = (usages: Usage[], key: keyof Usage) => usages.reduce((total, u) => total + u[key], 0);
const mb = (bytes: number) => bytes / 1_000_000;

export default async function clusterBench(): Promise<BenchRow[]> {
  const startedAt = Date.now();
  const cluster: Cluster = await startCluster({ elementsDir: null, pollMs: 5000, benchRooms: ROOMS });
  // The rooms' participants, spread over child processes; the probes join here.
  const crowd = startCrowd({ perProcess: PER_PROCESS, expect: ROOMS * PER_ROOM });
  const probes: NodeVisitor[] = [];
  const subscribers: Subscriber[] = [];
  const listeners = new Set<() => void>();
  const rows: BenchRow[] = [];
  try {
    const usage = () => Promise.all(cluster.copies.map((copy) => copy.usage()));
    const idle = await usage();

    // Presence subscribers, half on each copy; their memory is what they add to the idle copies.
    for (let i = 0; i < SUBSCRIBERS; i++) {
      subscribers.push(
        await subscribe(cluster.copies[i % 2]!.baseUrl, () => {
          for (const listener of listeners) listener();
        }),
      );
    }
    const watched = await usage();
    rows.push({
      group: 'cluster',
      name: 'memory per presence subscriber',
      value: (sum(watched, 'heapUsed') - sum(idle, 'heapUsed')) / SUBSCRIBERS / 1000,
      unit: 'kB',
      detail: `V8 heap, both copies, ${SUBSCRIBERS} streams; RSS +${mb(sum(watched, 'rss') - sum(idle, 'rss')).toFixed(1)} MB`,
    });

    const window = async () => {
      const before = await usage();
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const afterIt = await usage();
      return {
        cpuPercent: ((sum(afterIt, 'cpuMs') - sum(before, 'cpuMs')) / WINDOW_MS) * 100,
        heapUsed: sum(afterIt, 'heapUsed'),
        rss: sum(afterIt, 'rss'),
      };
    };
    const base = await window();

    const everyoneSees = (room: string, name: string, present: boolean) =>
      subscribers.every((s) => (s.rooms.get(room) ?? []).includes(name) === present);

    let filled = 0;
    const perStage: { rooms: number; cpuPerRoom: number; heapPerRoom: number; joinP50: number; joinMax: number }[] = [];
    for (const stage of STAGES) {
      // Fill rooms up to `stage`: rooms alternate nodes, visitors alternate copies and signalling nodes.
      const fill = async (index: number) => {
        const room = `r${index + 1}`;
        await cluster.createRoomOn(cluster.nodes[index % 2]!, `bench/${room}`);
        await Promise.all(
          Array.from({ length: PER_ROOM }, (_, k) =>
            retryOnce(async () => {
              // As joinThrough does: a token from one copy, signalling through one node.
              const answer = await fetch(`${cluster.copies[(index + k) % 2]!.baseUrl}/api/spaces/bench/token`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ room_name: room, participant_name: `p${index + 1}-${k}` }),
                signal: AbortSignal.timeout(60_000),
              });
              if (answer.status !== 201) throw new Error(`token for p${index + 1}-${k}: ${answer.status}`);
              await crowd.join((await answer.json()) as TokenResponse, {
                url: cluster.nodes[k % 2]!.livekit.url,
                publish: k === 0 ? 'video' : 'audio',
                timeoutMs: 60_000,
              });
            }),
          ),
        );
      };
      while (filled < stage && Date.now() - startedAt < BUDGET_MS) {
        const batch = Array.from({ length: Math.min(FILL_BATCH, stage - filled) }, (_, i) => filled + i);
        await Promise.all(batch.map(fill));
        filled += batch.length;
      }
      if (filled < stage) {
        rows.push({
          group: 'cluster',
          name: `${stage} rooms: not reached`,
          value: filled,
          unit: 'rooms',
          detail: `only ${filled} rooms filled within ${BUDGET_MS / 60_000} min (a busy machine); later stages skipped`,
        });
        break;
      }
      await whenever(
        () => subscribers.every((s) => (s.rooms.get(`r${stage}`) ?? []).length === PER_ROOM),
        30_000,
        `room r${stage} full on every stream`,
        listeners,
      );
      const steady = await window();

      // Join probes: someone walks into the first room and out again; every subscriber must see it.
      const joins: number[] = [];
      for (let i = 0; i < PROBES; i++) {
        const name = `probe-${stage}-${i}`;
        const probe = await joinThrough(cluster.copies[i % 2]!, cluster.nodes[(i + 1) % 2]!, 'r1', name, {
          space: 'bench',
          timeoutMs: 60_000,
        });
        probes.push(probe);
        const joinedAt = performance.now();
        await whenever(() => everyoneSees('r1', name, true), 30_000, `${name} on every stream`, listeners);
        joins.push(performance.now() - joinedAt);
        await probe.leave();
        probes.splice(probes.indexOf(probe), 1);
        await whenever(() => everyoneSees('r1', name, false), 30_000, `${name} gone from every stream`, listeners);
      }
      joins.sort((a, b) => a - b);
      perStage.push({
        rooms: stage,
        cpuPerRoom: (steady.cpuPercent - base.cpuPercent) / stage,
        heapPerRoom: (steady.heapUsed - base.heapUsed) / stage,
        joinP50: percentile(joins, 50),
        joinMax: joins[joins.length - 1] ?? NaN,
      });
      rows.push(
        {
          group: 'cluster',
          name: `${stage} room(s): CPU, both copies`,
          value: steady.cpuPercent,
          unit: '%',
          detail: `idle with ${SUBSCRIBERS} streams ${base.cpuPercent.toFixed(1)} %; per room ${((steady.cpuPercent - base.cpuPercent) / stage).toFixed(2)} % (${WINDOW_MS / 1000} s window)`,
        },
        {
          group: 'cluster',
          name: `${stage} room(s): memory per room`,
          value: (steady.heapUsed - base.heapUsed) / stage / 1000,
          unit: 'kB',
          detail: `V8 heap, both copies; RSS ${mb(steady.rss).toFixed(0)} MB in all`,
        },
        {
          group: 'cluster',
          name: `${stage} room(s): join → every subscriber`,
          value: percentile(joins, 50),
          unit: 'ms',
          detail: `median of ${PROBES}, slowest ${joins[joins.length - 1]?.toFixed(0)} ms; ${SUBSCRIBERS} streams on 2 copies, webhook through nginx`,
        },
      );
    }

    // Faster than linear? Per-room cost and join time from 10 to 40 rooms (4× the rooms).
    const at10 = perStage.find((s) => s.rooms === 10);
    const at40 = perStage.find((s) => s.rooms === 40);
    if (!at10 || !at40) return rows;
    const ratio = (a: number, b: number) => (Math.abs(b) < 1e-9 ? NaN : a / b);
    rows.push(
      {
        group: 'cluster',
        name: 'CPU per room, 40 rooms ÷ 10',
        value: ratio(at40.cpuPerRoom, at10.cpuPerRoom),
        unit: '×',
        detail: 'about 1 (or below) = linear; well above 1 = grows faster than the rooms',
      },
      {
        group: 'cluster',
        name: 'join → every subscriber, 40 rooms ÷ 10',
        value: ratio(at40.joinP50, at10.joinP50),
        unit: '×',
        detail: 'each presence event carries every room: its size grows with the rooms',
      },
    );
    return rows;
  } finally {
    for (const s of subscribers) s.close();
    await crowd.close();
    await Promise.all(
      probes.map((p) => Promise.race([p.leave(), new Promise((resolve) => setTimeout(resolve, 5000).unref())])),
    );
    await cluster.stop();
    await dispose();
  }
}
