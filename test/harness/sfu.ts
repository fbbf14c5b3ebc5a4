/**
 * A livekit-server a fault test can kill, pause and start again on the same ports, as an operator's
 * restart does (test/e2e/faults.test.ts, bench/reconnect.bench.ts). It takes the place of the stack's
 * own livekit-server on that one's port, so the token server's URL and webhooks stay right.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLivekitServer, freeTcpPort, freeUdpPort, livekitConfig } from '../../scripts/lib/livekit.mjs';
import type { Stack } from './stack.js';

export interface RestartableSfu {
  /** Kills it outright (SIGKILL): every connection drops at once. */
  kill(): Promise<void>;
  /** Starts it again on the same ports; resolves with when (Date.now()) its port answered. */
  start(): Promise<number>;
  /** Stops it in its tracks (SIGSTOP): connections stay open and nothing answers. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Stops `stack`'s livekit-server and starts one of these on its port (and its own fixed RTC ports). */
export async function restartableSfu(stack: Stack, webhookUrls: string[]): Promise<RestartableSfu> {
  const { port } = stack.livekit;
  await stack.livekit.stop();
  let config = '';
  const configure = async () => {
    const [tcpPort, udpPort] = await Promise.all([freeTcpPort(), freeUdpPort()]);
    config = livekitConfig({ port, tcpPort, udpPort, webhookUrls }).join('\n');
  };
  const bin = findLivekitServer();
  const logFile = join(mkdtempSync(join(tmpdir(), 'convene-sfu-')), 'livekit.log');
  let child: ChildProcess | undefined;
  const signal = (name: NodeJS.Signals) => {
    try {
      if (child?.pid) process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => signal('SIGKILL');
  process.once('exit', killOnExit);

  const start = async () => {
    const fd = openSync(logFile, 'a');
    child = spawn(bin, ['--dev', '--bind', '127.0.0.1', '--node-ip', '127.0.0.1', '--config-body', config], {
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    closeSync(fd);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`livekit-server exited at start (${child.exitCode}); see ${logFile}`);
      const ok = await fetch(`http://127.0.0.1:${port}`, { signal: AbortSignal.timeout(500) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return Date.now();
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`livekit-server did not answer on port ${port} within 20 s; see ${logFile}`);
  };
  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    signal('SIGCONT');
    signal('SIGKILL');
    await exited;
  };
  // Its RTC ports are free on 127.0.0.1 when chosen, but it binds them on every interface, where
  // another process may hold one: the first start tries fresh ports (restarts keep the ones that worked).
  for (let attempt = 1; ; attempt++) {
    await configure();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt === 3 || child?.exitCode === null) throw error;
    }
  }
  return {
    kill,
    start,
    pause: () => signal('SIGSTOP'),
    resume: () => signal('SIGCONT'),
    stop: async () => {
      await kill();
      process.off('exit', killOnExit);
    },
  };
}
