/**
 * The stack the tests run against: a real livekit-server (`--dev`, 127.0.0.1, free ports) and the
 * Convene token server from source. Used by the Node tests (through ./index.ts, which stops it
 * when a test file ends) and by the browser tests (web-test-runner.config.mjs).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
// From source: under tsx the package name resolves to its (possibly stale) dist build.
import {
  createApp,
  parseConfig,
  type ConveneAppOptions,
  type ConveneConfigInput,
} from '../../packages/server/src/index.js';
import { freeTcpPort, startLivekit, type RunningLivekit } from '../../scripts/lib/livekit.mjs';
import { testConfig } from './config.js';

export { testConfig, TEST_CODES } from './config.js';

export interface Stack {
  livekit: RunningLivekit;
  /** Base URL of the token server, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  server: Server;
  /** Stops the token server's HTTP listener (dropping every connection); livekit-server keeps running. */
  stopServer(): Promise<void>;
  /** Starts the token server's HTTP listener again, on the same port. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions extends Partial<Omit<ConveneAppOptions, 'config' | 'livekit'>> {
  config?: ConveneConfigInput;
  /** Port for the token server; a free one by default. */
  port?: number;
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Test pages, served at `/test-pages/`; livekit-client's ESM build at `/vendor/livekit-client.mjs`. */
export const TEST_PAGES_DIR = join(repoRoot, 'test', 'pages');
const livekitClientFile = fileURLToPath(import.meta.resolve('livekit-client'));

/**
 * Starts livekit-server and the token server (with LiveKit's webhooks pointed at it). Stopped
 * by `stop()`, and in any case when the test file ends, passes or fails.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const port = options.port ?? (await freeTcpPort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const livekit = await startLivekit({ webhookUrls: [`${baseUrl}/api/livekit/webhook`] });
  const { config = await testConfig(), port: _port, ...rest } = options;
  const app = express();
  app.use('/test-pages', express.static(TEST_PAGES_DIR));
  app.get('/vendor/livekit-client.mjs', (_req, res) => res.sendFile(livekitClientFile));
  const convene = createApp({
    elementsDir: null,
    log: () => {},
    // Every test shares one client address: token requests get room for a whole suite. The
    // server's own tests of the limits pass their own.
    rateLimits: {
      tokens: { limit: 2000, windowSeconds: 60 },
      tableTokens: { limit: 2000, windowSeconds: 60 },
      moderation: { limit: 2000, windowSeconds: 60 },
      health: { limit: 2000, windowSeconds: 60 },
    },
    ...rest,
    config: parseConfig(config, 'test config'),
    livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
  });
  app.use(convene);
  const listen = () =>
    new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  let stopped: Promise<void> | undefined;
  let listening: Server | null = await listen();
  const stack: Stack = {
    livekit,
    baseUrl,
    get server() {
      if (!listening) throw new Error('the token server is stopped');
      return listening;
    },
    async stopServer() {
      if (listening) await close(listening);
      listening = null;
    },
    async startServer() {
      listening ??= await listen();
    },
    stop() {
      stopped ??= (async () => {
        await stack.stopServer();
        await livekit.stop();
      })();
      return stopped;
    },
  };
  return stack;
}

export function serverPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
