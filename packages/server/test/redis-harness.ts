/**
 * A real redis-server for the store's tests: on a free port of 127.0.0.1, in a temporary folder,
 * saving nothing. It can be stopped and started again on the same port (Redis going away and
 * coming back), and is stopped and its folder removed when the test file ends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { freeTcpPort } from '../../../scripts/lib/livekit.mjs';

export interface RunningRedis {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty; resolves once it accepts connections. */
  start(): Promise<void>;
}

/** The Debian package's `redis-server` (or `REDIS_SERVER`). */
const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

export async function startRedis(): Promise<RunningRedis> {
  const redis = await launchRedis();
  after(() => redis.close());
  return redis;
}

/**
 * The same outside node's test runner (a bench): `close()` stops it and removes its folder. With
 * `persist`, it keeps its data on disk as a production Redis does (`appendonly yes`): a restart
 * loses nothing.
 */
export async function launchRedis({ persist = false } = {}): Promise<RunningRedis & { close(): Promise<void> }> {
  const port = await freeTcpPort();
  const dir = mkdtempSync(join(tmpdir(), 'convene-redis-'));
  let child: ChildProcess | null = null;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const redis: RunningRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child) return;
      const output: string[] = [];
      const started = spawn(
        BINARY,
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir],
          ...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = started;
      started.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      started.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      const exited = once(started, 'exit').then(() => {
        if (child === started) child = null;
      });
      const failed = once(started, 'error').then(([error]) => {
        throw new Error(`could not start ${BINARY}: ${(error as Error).message}`);
      });
      await Promise.race([
        accepting(port, 10_000),
        failed,
        exited.then(() => {
          throw new Error(`redis-server exited at start-up:\n${output.join('')}`);
        }),
      ]);
    },
    async stop() {
      const running = child;
      if (!running) return;
      const exited = once(running, 'exit');
      running.kill('SIGTERM');
      const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      child = null;
    },
  };
  await redis.start();
  return {
    ...redis,
    async close() {
      await redis.stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once something accepts TCP connections on `port`. */
async function accepting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
