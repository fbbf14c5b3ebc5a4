/**
 * A crowd of lightweight real LiveKit participants (`@livekit/rtc-node`, as test/harness/
 * node-participant.ts joins them), spread over child processes: rtc-node 1.1 breaks once one
 * process holds about 45–50 ("trying to drop an invalid handle", connect timeouts), so each child
 * (test/harness/node-crowd-child.ts) holds at most `perProcess` (30). Tests and benches join,
 * ask which audio each member receives, and end them all, over IPC; every wait is bounded, and
 * the children end with this process (they leave when its IPC channel closes).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TokenResponse } from '../../packages/server/src/index.js';

export interface JoinOptions {
  /** One connection attempt's limit. */
  timeoutMs?: number;
  /** Attempts in all, with the same token. */
  attempts?: number;
  /** Signals through this LiveKit URL instead of the token's `server_url`. */
  url?: string;
  /** Publishes a small tone (`'audio'`), and a 64×64 camera too (`'video'`). */
  publish?: false | 'audio' | 'video';
}

/** What the parent asks a child (node-crowd-child.ts). */
export type CrowdRequest =
  | { id: number; type: 'join'; token: TokenResponse; options: Required<Omit<JoinOptions, 'url'>> & { url?: string } }
  | { id: number; type: 'stats' }
  | { id: number; type: 'leave' }
  | { type: 'exit' };

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** What a child answers. */
export type CrowdReply =
  | { id: number; ok: true; identity?: string; audio?: Record<string, string[]> }
  | { id: number; ok: false; error: string };

export interface Crowd {
  /** Joins one member (on the least-filled child, or a new one); resolves to its identity. */
  join(token: TokenResponse, options?: JoinOptions): Promise<string>;
  /** Every member's subscribed audio now: identity → the identities it receives audio from. */
  audio(): Promise<Map<string, Set<string>>>;
  /** Members joined (and not left). */
  readonly size: number;
  /** Every member leaves; the children stay for more joins. */
  leaveAll(): Promise<void>;
  /** Every member leaves and every child ends (killed if it does not within a few seconds). */
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./node-crowd-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Generous: five children starting at once on a loaded 2-core machine (tsx, the native binary) take a while.
const READY_MS = 90_000;
const STATS_MS = 10_000;
const LEAVE_MS = 15_000;
const EXIT_MS = 10_000;

interface Worker {
  process: ChildProcess;
  ready: Promise<void>;
  /** Members joined or joining here. */
  load: number;
  members: Set<string>;
  pending: Map<number, { resolve: (reply: CrowdReply) => void; reject: (error: Error) => void }>;
  gone?: Error;
}

/**
 * Starts a crowd; `expect` members' processes start at once (so that joins made together spread
 * over them), more start as they fill.
 */
export function startCrowd({ perProcess = 30, expect = 0 }: { perProcess?: number; expect?: number } = {}): Crowd {
  const workers: Worker[] = [];
  let nextId = 1;
  let closed = false;

  const spawnWorker = (): Worker => {
    const child = fork(CHILD, [], {
      cwd: ROOT,
      execPath: process.execPath,
      execArgv: ['--conditions=convene:source', '--import', 'tsx'],
      // rtc-node logs every connection at debug level unless NODE_ENV is "production".
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = { process: child, load: 0, members: new Set(), pending: new Map(), ready: undefined! };
    worker.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`a crowd process was not ready in ${READY_MS} ms`)), READY_MS);
      child.on('message', (message: CrowdReply | { ready: true }) => {
        if ('ready' in message) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const waiting = worker.pending.get(message.id);
        worker.pending.delete(message.id);
        waiting?.resolve(message);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        worker.gone = new Error(`a crowd process (pid ${child.pid}) exited (${signal ?? code})`);
        reject(worker.gone);
        for (const waiting of worker.pending.values()) waiting.reject(worker.gone);
        worker.pending.clear();
      });
    });
    worker.ready.catch(() => {});
    // The children never keep this process alive; each wait below has its own (ref'd) timer.
    child.unref();
    child.channel?.unref();
    workers.push(worker);
    return worker;
  };

  const ask = async (worker: Worker, request: WithoutId<Extract<CrowdRequest, { id: number }>>, ms: number) => {
    await worker.ready;
    if (worker.gone) throw worker.gone;
    const id = nextId++;
    return new Promise<CrowdReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.pending.delete(id);
        reject(new Error(`a crowd process did not answer "${request.type}" in ${ms} ms`));
      }, ms);
      worker.pending.set(id, {
        resolve: (reply) => (clearTimeout(timer), resolve(reply)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      worker.process.send({ ...request, id } as CrowdRequest);
    });
  };

  const live = () => workers.filter((w) => !w.gone);
  const endAll = () => {
    for (const w of workers) if (!w.gone) w.process.kill('SIGKILL');
  };
  process.once('exit', endAll);
  for (let i = 0; i < Math.ceil(expect / perProcess); i++) spawnWorker();

  return {
    get size() {
      return workers.reduce((n, w) => n + w.members.size, 0);
    },

    async join(token, { timeoutMs = 20_000, attempts = 1, url, publish = false } = {}) {
      if (closed) throw new Error('the crowd is closed');
      const worker =
        live()
          .filter((w) => w.load < perProcess)
          .sort((a, b) => a.load - b.load)[0] ?? spawnWorker();
      worker.load++;
      try {
        const reply = await ask(
          worker,
          { type: 'join', token, options: { timeoutMs, attempts, publish, ...(url ? { url } : {}) } },
          // The child bounds each attempt; this covers them all, and publishing.
          timeoutMs * attempts + 15_000,
        );
        if (!reply.ok) throw new Error(reply.error);
        worker.members.add(reply.identity as string);
        return reply.identity as string;
      } catch (error) {
        worker.load--;
        throw error;
      }
    },

    async audio() {
      const audio = new Map<string, Set<string>>();
      await Promise.all(
        workers.map(async (worker) => {
          // A member whose process is gone hears nothing.
          for (const identity of worker.members) audio.set(identity, new Set());
          if (worker.gone || worker.members.size === 0) return;
          const reply = await ask(worker, { type: 'stats' }, STATS_MS);
          if (!reply.ok) throw new Error(reply.error);
          for (const [identity, from] of Object.entries(reply.audio ?? {})) audio.set(identity, new Set(from));
        }),
      );
      return audio;
    },

    async leaveAll() {
      await Promise.all(
        live().map(async (worker) => {
          await ask(worker, { type: 'leave' }, LEAVE_MS).catch(() => worker.process.kill('SIGKILL'));
          worker.members.clear();
          worker.load = 0;
        }),
      );
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        workers.map(async (worker) => {
          worker.members.clear();
          if (worker.gone) return;
          const exited = new Promise<void>((resolve) => {
            if (worker.process.exitCode !== null || worker.process.signalCode !== null) resolve();
            else worker.process.once('exit', () => resolve());
          });
          if (worker.process.connected) worker.process.send({ type: 'exit' } satisfies CrowdRequest);
          else worker.process.kill('SIGKILL');
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, EXIT_MS)))]);
          clearTimeout(timer);
          if (!worker.gone) worker.process.kill('SIGKILL');
        }),
      );
      process.off('exit', endAll);
    },
  };
}
