/**
 * How the Convene server's cost grows on several machines: the cluster of test/harness/cluster.ts
 * (two LiveKit nodes on one Redis, two Convene copies, nginx), a space of 40 rooms, and 1, 10 and
 * 40 of them filled with 3 lightweight real participants each (`@livekit/rtc-node`: one a room
 * sends a small tone and a 64×64 video, the other two listen), spread over both nodes and both
 * copies. Only one a room publishes: with all three sending a tone, rtc-node took about 2.5 % of a
 * core per participant, three quarters of it audio (its encoder, and the device that plays what
 * each one receives), and 120 of them alone outgrew this 2-core machine before 40 rooms. Presence
 * streams (SUBSCRIBERS, half on each copy) watch the space throughout; the copies poll LiveKit
 * every 5 s as in production, and hear webhooks through nginx.
 *
 * Reported: each copy's CPU (over a quiet window) and memory per filled room and per presence
 * subscriber, the time from a join (`connect()` resolved) until every subscriber on both copies
 * sees it, and whether any of them grows faster than the number of rooms. Bounded: every wait has
 * its limit; the run takes 3–10 minutes (more on a loaded machine), and says on stderr how far it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
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
/** How long a probe's join may take to reach every stream before it counts as this long (a floor). */
const SEEN_MS = 90_000;
/** Rooms filled at once. */
const FILL_BATCH = 2;
/** Participants a child process holds (rtc-node 1.1 breaks at about 45–50 in one process). */
const PER_PROCESS = 20;
/** Filling stops this long after the cluster is up, and the bench reports what it measured. */
const BUDGET_MS = 8 * 60_000;
/** Tries at one participant's join (a fresh token each), each bounded by JOIN_MS. */
const ATTEMPTS = 3;
const JOIN_MS = 45_000;

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

/** `join()`, tried again (ATTEMPTS in all) if it fails: a busy machine now and then loses one. */
async function retried<T>(what: string, join: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await join();
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      note(`${what}: attempt ${attempt} failed (${(error as Error).message}); trying again`);
    }
  }
}

/** Progress on stderr (the table comes at the end): a run that stops early says where. */
const note = (line: string) => process.stderr.write(`bench cluster: ${line}\n`);

/** CPU time (ms) used so far by this process's children running `script` (Linux's /proc), by pid. */
function childrenCpuMs(script: string): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (fields[1] !== String(process.pid)) continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(script)) continue;
      // utime and stime, in clock ticks (100 a second on Linux).
      ticks.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  return ticks;
}

const sum = (usages: Usage[], key: keyof Usage) => usages.reduce((total, u) => total + u[key], 0);
const mb = (bytes: number) => bytes / 1_000_000;

export default async function clusterBench(): Promise<BenchRow[]> {
  const cluster: Cluster = await startCluster({ elementsDir: null, pollMs: 5000, benchRooms: ROOMS });
  const startedAt = Date.now();
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
    const perStage: {
      rooms: number;
      cpuPerRoom: number;
      heapPerRoom: number;
      joinP50: number;
      joinMax: number;
      /** One read of every room from LiveKit (ms), and the machine's load then: what the join waits behind. */
      refreshP50: number;
      load: string;
    }[] = [];
    for (const stage of STAGES) {
      // Fill rooms up to `stage`: rooms alternate nodes, visitors alternate copies and signalling nodes.
      const fill = async (index: number) => {
        const room = `r${index + 1}`;
        await retried(`room ${room}`, () => cluster.createRoomOn(cluster.nodes[index % 2]!, `bench/${room}`));
        await Promise.all(
          Array.from({ length: PER_ROOM }, (_, k) =>
            retried(`p${index + 1}-${k}`, async () => {
              // As joinThrough does: a token from one copy, signalling through one node.
              const answer = await fetch(`${cluster.copies[(index + k) % 2]!.baseUrl}/api/spaces/bench/token`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ room_name: room, participant_name: `p${index + 1}-${k}` }),
                signal: AbortSignal.timeout(JOIN_MS),
              });
              if (answer.status !== 201) throw new Error(`token for p${index + 1}-${k}: ${answer.status}`);
              await crowd.join((await answer.json()) as TokenResponse, {
                url: cluster.nodes[k % 2]!.livekit.url,
                publish: k === 0 ? 'video' : false,
                timeoutMs: JOIN_MS,
              });
            }),
          ),
        );
      };
      while (filled < stage && Date.now() - startedAt < BUDGET_MS) {
        const batch = Array.from({ length: Math.min(FILL_BATCH, stage - filled) }, (_, i) => filled + i);
        const batchAt = performance.now();
        await Promise.all(batch.map(fill));
        filled += batch.length;
        const crowdCpu = [...childrenCpuMs('node-crowd-child').values()];
        note(
          `${filled} rooms filled (${((performance.now() - batchAt) / 1000).toFixed(1)} s for the last ${batch.length}; ` +
            `${((Date.now() - startedAt) / 1000).toFixed(0)} s in; crowd CPU ${crowdCpu.map((ms) => (ms / 1000).toFixed(0)).join('+')} s; ` +
            `load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
        );
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
        // At least: a join that timed out here may yet have arrived.
        () => subscribers.every((s) => (s.rooms.get(`r${stage}`) ?? []).length >= PER_ROOM),
        30_000,
        `room r${stage} full on every stream`,
        listeners,
      );
      const steady = await window();
      // What each copy does on every webhook and poll: ListParticipants for each of the space's rooms.
      const refreshes: number[] = [];
      for (let i = 0; i < PROBES; i++) {
        const at = performance.now();
        await Promise.all(
          Array.from({ length: ROOMS }, (_, r) =>
            cluster.nodes[r % 2]!.rooms.listParticipants(`bench/r${r + 1}`).catch(() => []),
          ),
        );
        refreshes.push(performance.now() - at);
      }
      refreshes.sort((a, b) => a - b);

      // Join probes: someone walks into the first room and out again; every subscriber must see it.
      const joins: number[] = [];
      const byCopy: string[] = [];
      for (let i = 0; i < PROBES; i++) {
        const name = `probe-${stage}-${i}`;
        const probe = await joinThrough(cluster.copies[i % 2]!, cluster.nodes[(i + 1) % 2]!, 'r1', name, {
          space: 'bench',
          timeoutMs: 60_000,
        });
        probes.push(probe);
        const joinedAt = performance.now();
        // Each copy's streams on their own: when the slower copy's last stream saw it is the figure.
        const perCopy = await Promise.all(
          cluster.copies.map((_, c) =>
            whenever(
              () => subscribers.every((s, k) => k % 2 !== c || (s.rooms.get('r1') ?? []).includes(name)),
              SEEN_MS,
              `${name} on every stream of copy ${cluster.copies[c]!.name}`,
              listeners,
            ).then(
              () => performance.now() - joinedAt,
              () => SEEN_MS,
            ),
          ),
        );
        joins.push(Math.max(...perCopy));
        byCopy.push(perCopy.map((ms) => (ms >= SEEN_MS ? `≥${SEEN_MS / 1000} s` : `${ms.toFixed(0)}`)).join('/'));
        await probe.leave();
        probes.splice(probes.indexOf(probe), 1);
        await whenever(
          () => everyoneSees('r1', name, false),
          SEEN_MS,
          `${name} gone from every stream`,
          listeners,
        ).catch(() => note(`${name} still listed on some stream ${SEEN_MS / 1000} s after leaving`));
      }
      joins.sort((a, b) => a - b);
      perStage.push({
        rooms: stage,
        cpuPerRoom: (steady.cpuPercent - base.cpuPercent) / stage,
        heapPerRoom: (steady.heapUsed - base.heapUsed) / stage,
        joinP50: percentile(joins, 50),
        joinMax: joins[joins.length - 1] ?? NaN,
        refreshP50: percentile(refreshes, 50),
        load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?',
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
          detail:
            `median of ${PROBES}, slowest ${joins[joins.length - 1]?.toFixed(0)} ms; ${SUBSCRIBERS} streams on 2 copies, webhook through nginx; ` +
            `copy A/B (ms): ${byCopy.join(', ')}; ` +
            `one refresh (${ROOMS} ListParticipants) ${percentile(refreshes, 50).toFixed(0)} ms; load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
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
        name: 'memory per room, 40 rooms ÷ 10',
        value: ratio(at40.heapPerRoom, at10.heapPerRoom),
        unit: '×',
        detail: 'V8 heap of both copies; about 1 (or below) = linear',
      },
      {
        group: 'cluster',
        name: 'join → every subscriber, 40 rooms ÷ 10',
        value: ratio(at40.joinP50, at10.joinP50),
        unit: '×',
        // A webhook has LiveKit asked about its own room only; what grows with the rooms is how slowly
        // LiveKit answers while the machine also runs every participant.
        detail: `one read of every room from LiveKit ${at10.refreshP50.toFixed(0)} → ${at40.refreshP50.toFixed(0)} ms, load ${at10.load} → ${at40.load} (10 → 40 rooms)`,
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
    // Loaded by the harness (quietly: see test/harness/node-participant.ts).
    await (await import('@livekit/rtc-node')).dispose();
  }
}
