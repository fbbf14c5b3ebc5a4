#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { RoomServiceClient } from 'livekit-server-sdk';
import { createApp, type ConveneApp } from './app.js';
import { hashCode } from './codes.js';
import { ConfigError, loadConfigFile } from './config.js';
import { livekitFromEnv, livekitHttpUrl, type LivekitSettings } from './livekit.js';
import { createStore } from './store/index.js';

const USAGE = `Usage:
  convene-server --config convene.yaml [--port 8080] [--host 127.0.0.1] [--redis-url redis://host:6379]
                 [--trust-proxy loopback] [--hosts convene.coop.example,...]
  convene-server hash-code [<code>]   print the hash of an access or moderator code for the config
                                      (without <code>, reads it from stdin, keeping it out of shell history)

Environment: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET (required), CONVENE_CONFIG, PORT, HOST,
REDIS_URL, TRUST_PROXY, CONVENE_HOSTS, and the HS256 member-pass secrets the config's memberPasses.hmac names by secretEnv.

--trust-proxy  which proxies' X-Forwarded-For to believe: "loopback" behind an nginx on this machine,
               addresses or subnets (comma-separated), or a hop count. Default: none (the peer's address).
--hosts        host names (as in the Host header, name[:port]) this server's own pages are served from,
               for same-host POSTs; IP addresses and localhost need none.
Rate limits: the config file's \`rateLimits\` section (see the README).

One copy keeps rate limits and door control in memory. Several copies behind a load balancer
share them through one Redis: give each the same REDIS_URL (or --redis-url).`;

function fail(message: string): never {
  console.error(`convene-server: ${message}`);
  process.exit(1);
}

async function main(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'redis-url': { type: 'string' },
        'trust-proxy': { type: 'string' },
        hosts: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals[0] === 'hash-code') {
    const code = positionals[1] ?? (await readLine(process.stdin.isTTY ? 'Code to hash: ' : ''));
    if (!code) fail(`hash-code needs the code to hash.\n\n${USAGE}`);
    try {
      console.log(await hashCode(code));
    } catch (error) {
      fail((error as Error).message);
    }
    return;
  }
  if (positionals.length > 0) fail(`unknown command "${positionals[0]}".\n\n${USAGE}`);

  const configFile = values.config ?? process.env.CONVENE_CONFIG;
  if (!configFile) fail(`no config file: pass --config <file> or set CONVENE_CONFIG.\n\n${USAGE}`);
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got "${values.port}".`);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';

  let livekit;
  try {
    livekit = livekitFromEnv();
  } catch (error) {
    fail((error as Error).message);
  }
  let config;
  try {
    config = await loadConfigFile(configFile);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  // Rate limits and door control: in memory, or in the Redis every copy shares. A malformed URL
  // stops start-up; a Redis that does not answer yet is reported and reconnected to.
  let store;
  try {
    store = createStore({ redisUrl: values['redis-url'] ?? process.env.REDIS_URL, log: storeLog });
  } catch (error) {
    fail(`REDIS_URL / --redis-url: ${(error as Error).message}`);
  }

  let app: ConveneApp;
  try {
    // Member passes: HS256 secrets are read from the environment and public keys imported now,
    // so a missing secret or a bad key stops start-up with its path, not the first visitor.
    app = createApp({
      config,
      livekit,
      configSource: configFile,
      store,
      ...trustProxy(values['trust-proxy'] ?? process.env.TRUST_PROXY),
      ...hostList(values.hosts ?? process.env.CONVENE_HOSTS),
    });
    await app.ready();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const server = app.listen(port, host, () => {
    console.log(
      `Convene server listening on http://${host}:${port} (${config.spaces.length} space(s), ` +
        `${store.kind === 'redis' ? 'state in Redis' : 'state in memory'})`,
    );
  });
  server.on('error', (error) => fail(`could not listen on ${host}:${port}: ${error.message}`));
  void checkLivekit(livekit);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Convene server stopping (${signal})`);
    // Stop accepting, end the presence streams (browsers reconnect to another copy), let
    // requests in flight finish, close the store, then exit; a stuck connection gets 5 seconds.
    const exit = () => void store.close().finally(() => process.exit(0));
    server.close(exit);
    app.shutdown();
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      exit();
    }, 5000).unref();
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** Redis going away and coming back, said once each, in a line (the client's error is a connection error). */
function storeLog(message: string, error?: unknown) {
  if (error === undefined) console.log(`convene-server: ${message}`);
  const why = (error as Error | null)?.message || (error as { code?: string } | null)?.code || String(error);
  console.warn(`convene-server: warning: ${message} (${why})`);
}

/** `--trust-proxy`: a hop count, `true`/`false`, or Express's names and addresses (comma-separated). */
function trustProxy(value: string | undefined): { trustProxy?: boolean | number | string[] } {
  if (value === undefined || value === '') return {};
  if (value === 'true' || value === 'false') return { trustProxy: value === 'true' };
  if (/^\d+$/.test(value)) return { trustProxy: Number(value) };
  const entries = value.split(',').map((entry) => entry.trim());
  const named = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;
  const bad = entries.find((entry) => !named.test(entry));
  if (bad !== undefined) {
    fail(`--trust-proxy: "${bad}" is not loopback, linklocal, uniquelocal, an address or a subnet (e.g. 10.0.0.0/8).`);
  }
  return { trustProxy: entries };
}

/** `--hosts`: comma-separated `name[:port]`. */
function hostList(value: string | undefined): { hosts?: string[] } {
  if (!value) return {};
  const hosts = value.split(',').map((host) => host.trim().toLowerCase());
  const bad = hosts.find((host) => !/^[a-z0-9.-]+(:\d{1,5})?$/.test(host));
  if (bad !== undefined)
    fail(`--hosts: "${bad}" is not a host name with an optional port (e.g. convene.coop.example).`);
  return { hosts };
}

async function readLine(prompt: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: prompt ? process.stderr : undefined });
  if (prompt) process.stderr.write(prompt);
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** Says at start-up, without stopping, when LiveKit does not answer or refuses the key pair. */
async function checkLivekit(livekit: LivekitSettings) {
  const rooms = new RoomServiceClient(livekitHttpUrl(livekit.url), livekit.apiKey, livekit.apiSecret, {
    requestTimeout: 5,
  });
  try {
    await rooms.listRooms(['convene-start-up-check']);
  } catch (error) {
    const status = (error as { status?: number }).status;
    const why =
      status === 401 || status === 403
        ? 'it refused LIVEKIT_API_KEY / LIVEKIT_API_SECRET'
        : `it did not answer (${(error as Error).message})`;
    console.warn(
      `convene-server: warning: LiveKit at ${livekit.url}: ${why}. Presence shows as unavailable and ` +
        'rooms with a capacity refuse tokens until it does; /healthz reports the same.',
    );
  }
}

await main(process.argv.slice(2));
