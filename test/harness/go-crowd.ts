/**
 * A crowd of real LiveKit listeners that costs little: one Go process (test/harness/go-crowd, on
 * LiveKit's Go SDK and pion) holds them all. Each joins with a real Convene token, is sent every
 * track in the room, and counts the RTP packets of each audio track it receives, without decoding
 * them (rtc-node decodes every remote audio track every 10 ms, which 150 listeners of two speakers
 * cannot afford on a 2-core machine); none ever publishes. A member "hears" a participant once it
 * has received 10 RTP packets of their audio. Same shape as test/harness/node-crowd.ts's startCrowd
 * for what the stage-scale test uses. The process ends with this one (its stdin closes).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { TokenResponse } from '../../packages/server/src/index.js';
import { buildGoCrowd } from '../../scripts/lib/go-crowd.mjs';

export interface GoJoinOptions {
  /** One attempt's limit, here (the Go side gives up on a join after 20 s itself). */
  timeoutMs?: number;
  /** Attempts in all, with the same token. */
  attempts?: number;
}

export interface GoCrowd {
  /** Joins one listener; resolves to its identity. */
  join(token: TokenResponse, options?: GoJoinOptions): Promise<string>;
  /** Every member now: identity → the identities it has received audio (RTP packets) from. */
  audio(): Promise<Map<string, Set<string>>>;
  /** RTP packets of audio every member has received so far, by identity, then by whom from. */
  packets(): Promise<Map<string, Map<string, number>>>;
  /** Members joined (and not left or disconnected). */
  readonly size: number;
  /** Every member leaves and the process ends (bounded; killed if it does not). */
  leaveAll(): Promise<void>;
  /** The same as leaveAll (for `after` hooks); does nothing once done. */
  close(): Promise<void>;
}

type Line =
  | { joined: string }
  | { failed: string; error: string }
  | { heard: string; from: string }
  | { disconnected: string }
  | { count: Record<string, Record<string, number>> }
  | { left: number }
  | { error: string };

const COUNT_MS = 10_000;
const LEAVE_MS = 15_000;

export function startGoCrowd(): GoCrowd {
  const binary = buildGoCrowd();
  const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const members = new Set<string>();
  const heard = new Map<string, Set<string>>();
  const joins = new Map<string, (error?: Error) => void>();
  const counts: ((count: Record<string, Record<string, number>>) => void)[] = [];
  let gone: Error | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = new Error(`the Go crowd exited (${signal ?? code})`);
      for (const settle of joins.values()) settle(gone);
      joins.clear();
      members.clear();
      resolve();
    }),
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.stdin.on('error', () => {}); // written to after it exited: `gone` says so

  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      console.error(`go-crowd: ${text}`);
      return;
    }
    if ('joined' in line) {
      members.add(line.joined);
      joins.get(line.joined)?.();
    } else if ('failed' in line) {
      joins.get(line.failed)?.(new Error(line.error));
    } else if ('heard' in line) {
      (heard.get(line.heard) ?? heard.set(line.heard, new Set()).get(line.heard))?.add(line.from);
    } else if ('disconnected' in line) {
      members.delete(line.disconnected);
    } else if ('count' in line) {
      counts.shift()?.(line.count);
    } else if ('error' in line) {
      console.error(`go-crowd: ${line.error}`);
    }
  });

  const send = (message: object) => {
    if (gone) throw gone;
    child.stdin.write(`${JSON.stringify(message)}\n`);
  };

  const attempt = (details: TokenResponse, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const id = details.identity;
      const timer = setTimeout(() => settle(new Error(`${id} did not join in ${timeoutMs} ms`)), timeoutMs);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (joins.get(id) === settle) joins.delete(id);
        if (error) reject(error);
        else resolve();
      };
      joins.set(id, settle);
      send({ join: { url: details.server_url, token: details.participant_token, id } });
    });

  let left: Promise<void> | undefined;
  const leaveAll = () =>
    (left ??= (async () => {
      if (!gone) send({ leave: true });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, LEAVE_MS)))]);
      clearTimeout(timer);
      if (!gone) kill();
      await exited;
      process.off('exit', kill);
    })());

  return {
    get size() {
      return members.size;
    },

    async join(details, { timeoutMs = 25_000, attempts = 1 } = {}) {
      for (let i = 1; ; i++) {
        try {
          await attempt(details, timeoutMs);
          return details.identity;
        } catch (error) {
          if (i >= attempts || gone) throw error;
        }
      }
    },

    async audio() {
      return new Map([...members].map((id) => [id, new Set(heard.get(id))]));
    },

    async packets() {
      const count = await new Promise<Record<string, Record<string, number>>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the Go crowd did not count in ${COUNT_MS} ms`)), COUNT_MS);
        counts.push((c) => (clearTimeout(timer), resolve(c)));
        send({ count: true });
      });
      return new Map(Object.entries(count).map(([id, from]) => [id, new Map(Object.entries(from))]));
    },

    leaveAll,
    close: leaveAll,
  };
}
