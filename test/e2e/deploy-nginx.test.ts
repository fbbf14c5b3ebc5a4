/**
 * docs/DEPLOYING.md, run as printed: Debian's nginx with the guide's site (TLS, a self-signed
 * certificate made now) in front of the Convene server and of a livekit-server started with the
 * guide's livekit.yaml. Only ports, addresses, the key pair and certificate paths are swapped for
 * this machine's. Two Chromium pages open https://127.0.0.1:<port>/, the directory updates live
 * through nginx, both join LiveKit over wss through nginx and each decodes the other's camera, and
 * the browsers are told of no STUN or TURN server but LiveKit's own. Traffic to 127.0.0.1 only.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import puppeteer, { type Page } from 'puppeteer-core';
import { createApp, parseConfig } from '../../packages/server/src/index.js';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium.mjs';
import { findLivekitServer, freeTcpPort, freeUdpPort } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { testConfig } from '../harness/config.js';
import { builtEmbed } from '../harness/embed.js';
import { fencedBlock, selfSignedCertificate, startNginx, swap } from '../harness/nginx.js';
import { enterRoom, namesWithVideo, until, visibleText } from '../harness/pages.js';

const guide = readFileSync(join(root, 'docs', 'DEPLOYING.md'), 'utf8');
const LIVEKIT_HOST = 'livekit.coop.example';

/** The demo-like page a co-op serves: one script tag and the space's directory. */
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>River Co-op: rooms</title>
    <link rel="icon" href="data:," />
    <script type="module" src="/convene.js"></script>
  </head>
  <body>
    <convene-space server="/" space="river-coop"></convene-space>
  </body>
</html>
`;

/** livekit-server with the guide's config file and the key pair in LIVEKIT_KEYS, as its unit runs it. */
async function startGuideLivekit(config: string, keys: string, port: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'convene-livekit-'));
  const configFile = join(dir, 'livekit.yaml');
  const logFile = join(dir, 'livekit.log');
  writeFileSync(configFile, config);
  const log = openSync(logFile, 'a');
  const child = spawn(findLivekitServer(), ['--config', configFile], {
    env: { PATH: process.env.PATH, LIVEKIT_KEYS: keys },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const readLog = () => readFileSync(logFile, 'utf8');
  after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) assert.fail(`livekit-server exited with the guide's config:\n${readLog()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) assert.fail(`livekit-server did not answer:\n${readLog()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return readLog();
}

/** An HTTPS GET through nginx, trusting only the test's certificate; the status and headers. */
function httpsHead(url: string, ca: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'HEAD', ca }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.once('error', reject);
    req.end();
  });
}

/** Records, before any script of the page runs, every ICE server URL the page gives a peer connection. */
const RECORD_ICE_SERVERS = `(() => {
  const seen = (window.__iceServers = []);
  const record = (config) => {
    for (const server of (config && config.iceServers) || []) seen.push(...[].concat(server.urls));
  };
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(config, ...rest) {
      record(config);
      super(config, ...rest);
    }
    setConfiguration(config) {
      record(config);
      return super.setConfiguration(config);
    }
  };
})();`;

const iceServersOn = (page: Page) =>
  page.evaluate(() => (window as unknown as { __iceServers: string[] }).__iceServers);

describe('the deployment guide: nginx with TLS in front of Convene and LiveKit', () => {
  it('two visitors meet through nginx, the directory updates live, and only LiveKit is their STUN server', async () => {
    const [https, http, convenePort, livekitPort, rtcTcp] = await Promise.all([
      freeTcpPort(),
      freeTcpPort(),
      freeTcpPort(),
      freeTcpPort(),
      freeTcpPort(),
    ]);
    const [rtcUdp, turnUdp] = await Promise.all([freeUdpPort(), freeUdpPort()]);
    const origin = `https://127.0.0.1:${https}`;
    const livekitPublicUrl = `wss://${LIVEKIT_HOST}:${https}`;
    const apiKey = `API${randomBytes(6).toString('hex')}`;
    const apiSecret = randomBytes(32).toString('base64url');

    // LiveKit, with the guide's livekit.yaml.
    const livekitConfig = swap(fencedBlock(guide, '# /etc/livekit/livekit.yaml'), [
      [/^port: 7880$/m, `port: ${livekitPort}`, 1],
      [/^ {2}tcp_port: 7881$/m, `  tcp_port: ${rtcTcp}`, 1],
      [/^ {2}udp_port: 7882$/m, `  udp_port: ${rtcUdp}`, 1],
      ['node_ip: 203.0.113.10', 'node_ip: 127.0.0.1', 1],
      ['- 203.0.113.10:3478', `- 127.0.0.1:${turnUdp}`, 1],
      [/^ {2}udp_port: 3478$/m, `  udp_port: ${turnUdp}`, 1],
      ['api_key: APIa1b2c3d4e5f6', `api_key: ${apiKey}`, 1],
      ['http://127.0.0.1:8080/api/livekit/webhook', `http://127.0.0.1:${convenePort}/api/livekit/webhook`, 1],
      // This machine only: browsers reach LiveKit on loopback, which it leaves out of its ICE
      // candidates unless told; its TURN listens on loopback, not on every interface.
      [/^rtc:$/m, 'rtc:\n  enable_loopback_candidate: true', 1],
      [/^turn:$/m, 'turn:\n  bind_addresses: [127.0.0.1]', 1],
    ]);
    await startGuideLivekit(livekitConfig, `${apiKey}: ${apiSecret}`, livekitPort);

    // The Convene server as the guide's unit runs it: on loopback, trusting the proxy on loopback
    // (`--trust-proxy loopback`, createApp's `trustProxy`), LiveKit's API on loopback and its public
    // wss:// URL for browsers.
    const pageDir = mkdtempSync(join(tmpdir(), 'convene-page-'));
    after(() => rmSync(pageDir, { recursive: true, force: true }));
    writeFileSync(join(pageDir, 'index.html'), PAGE);
    const app = createApp({
      config: parseConfig(await testConfig({ allowedOrigins: [origin] }), 'test config'),
      livekit: { url: `http://127.0.0.1:${livekitPort}`, publicUrl: livekitPublicUrl, apiKey, apiSecret },
      elementsDir: builtEmbed(),
      staticDir: pageDir,
      trustProxy: 'loopback',
      log: () => {},
    });
    await app.ready();
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(convenePort, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    after(
      () =>
        new Promise<void>((resolve) => {
          app.shutdown();
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    // nginx, with the guide's site.
    const nginxDir = mkdtempSync(join(tmpdir(), 'convene-nginx-'));
    const cert = selfSignedCertificate(nginxDir, ['convene.coop.example', LIVEKIT_HOST]);
    const site = swap(fencedBlock(guide, '# /etc/nginx/sites-available/convene'), [
      ['listen 443 ssl http2;', `listen 127.0.0.1:${https} ssl http2;`, 2],
      ['listen [::]:443 ssl http2;', '', 2],
      ['listen 80;', `listen 127.0.0.1:${http};`, 1],
      ['listen [::]:80;', '', 1],
      ['/etc/letsencrypt/live/convene.coop.example/fullchain.pem', cert.certFile, 2],
      ['/etc/letsencrypt/live/convene.coop.example/privkey.pem', cert.keyFile, 2],
      ['server 127.0.0.1:8080;', `server 127.0.0.1:${convenePort};`, 1],
      ['server 127.0.0.1:7880;', `server 127.0.0.1:${livekitPort};`, 1],
      ['/var/log/nginx/livekit-access.log', join(nginxDir, 'livekit-access.log'), 1],
    ]);
    // nginx lets go of an idle connection to the server before the server closes it; else a
    // request nginx sends down one as it closes fails (a POST answers 502): a race no run is sure to meet.
    const idle = /^upstream convene \{[^}]*^ +keepalive_timeout (\d+)s;$/m.exec(site);
    assert.ok(idle && Number(idle[1]) * 1000 < server.keepAliveTimeout, 'nginx drops idle connections first');
    const nginx = await startNginx({ site, port: https, dir: nginxDir });

    // Plain HTTP sends people to HTTPS; through TLS, the server believes nginx's X-Forwarded-Proto.
    const redirect = await fetch(`http://127.0.0.1:${http}/api/spaces/river-coop`, { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), 'https://127.0.0.1/api/spaces/river-coop');
    const ca = readFileSync(cert.certFile, 'utf8');
    const answer = await httpsHead(`${origin}/api/spaces/river-coop`, ca);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers['strict-transport-security'], 'max-age=31536000', 'the server knows it is https');
    const direct = await fetch(`http://127.0.0.1:${convenePort}/api/spaces/river-coop`);
    assert.equal(direct.headers.get('strict-transport-security'), null, 'and plain http, straight to it, is not');

    const browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        // LiveKit's name leads to this machine, and the test's certificate is trusted (no other).
        `--host-resolver-rules=MAP ${LIVEKIT_HOST} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${cert.spki}`,
      ],
      protocolTimeout: 60_000,
    });
    after(() => browser.close());
    const [ada, grace] = [await browser.newPage(), await browser.newPage()];
    const requested: string[] = [];
    const sockets: string[] = [];
    for (const page of [ada, grace]) {
      await page.evaluateOnNewDocument(RECORD_ICE_SERVERS);
      page.on('request', (r) => requested.push(r.url()));
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      cdp.on('Network.webSocketCreated', ({ url }) => sockets.push(url));
    }

    // Grace watches the directory; Ada walks into the lobby; Grace sees her there, no reload.
    await grace.goto(`${origin}/`);
    const lobbyCard = () => visibleText(grace, 'convene-space >>> [data-room="lobby"]');
    await until('the directory through nginx', async () => (await lobbyCard()).includes('Lobby'));
    assert.doesNotMatch(await lobbyCard(), /Ada/);
    await ada.goto(`${origin}/`);
    await enterRoom(ada, 'lobby', 'Ada');
    await until('Ada in the lobby on Grace’s directory, live through nginx', async () =>
      (await lobbyCard()).includes('Ada'),
    );

    // Grace joins too: each decodes the other's camera, over LiveKit reached through nginx.
    await enterRoom(grace, 'lobby', 'Grace');
    await until('Grace to see Ada’s camera', async () => (await namesWithVideo(grace)).includes('Ada'));
    await ada.bringToFront();
    await until('Ada to see Grace’s camera', async () => (await namesWithVideo(ada)).includes('Grace'));
    assert.deepEqual((await namesWithVideo(ada)).sort(), ['Ada (you)', 'Grace']);

    const signalling = sockets.filter((url) => url.includes('/rtc'));
    assert.equal(signalling.length, 2, `one LiveKit WebSocket a page: ${JSON.stringify(sockets)}`);
    for (const url of signalling) assert.ok(url.startsWith(`${livekitPublicUrl}/rtc`), `${url} goes through nginx`);
    for (const page of [ada, grace]) {
      const ice = await iceServersOn(page);
      assert.ok(ice.length > 0, 'LiveKit named its ICE servers');
      for (const url of ice) {
        assert.match(url, new RegExp(`^(stun|turn):127\\.0\\.0\\.1:${turnUdp}(\\?|$)`), `${url} is LiveKit's own`);
      }
    }
    // The site, and LiveKit's public name (pre-join warms the connection to it): both nginx.
    const hosts = new Set(requested.filter((url) => !url.startsWith('data:')).map((url) => new URL(url).host));
    const viaNginx = new Set([`127.0.0.1:${https}`, new URL(livekitPublicUrl).host]);
    assert.ok(hosts.has(`127.0.0.1:${https}`), 'the site through nginx');
    assert.deepEqual(
      [...hosts].filter((host) => !viaNginx.has(host)),
      [],
      `every request went to nginx (${[...hosts].join(', ')})`,
    );
    // While they met, nginx logged no error (its whole log in the message, for CI's output).
    const errors = (log: string) => log.split('\n').filter((line) => /\[(error|crit|alert|emerg)\]/.test(line));
    const printed = (log: string) =>
      `nginx's error log:\n${log.replace(/(access_token|join_request)=[^&\s"]*/g, '$1=…')}`;
    const whileMeeting = nginx.errorLog();
    assert.deepEqual(errors(whileMeeting), [], `nginx logged no error; ${printed(whileMeeting)}`);

    // nginx logs a WebSocket when it closes: the visitors leave.
    await Promise.all([ada.close(), grace.close()]);
    const livekitLog = await until('nginx to log both WebSockets', () => {
      const log = readFileSync(join(nginx.dir, 'livekit-access.log'), 'utf8');
      return (log.match(/"GET \/rtc\/v1" 101 /g) ?? []).length === 2 ? log : '';
    });
    assert.doesNotMatch(livekitLog, /access_token|join_request/, 'and not the tokens in their URLs');
    // Leaving, livekit-client sends LiveKit a leave request and closes the WebSocket; LiveKit may
    // close its end first, with the browser's closing frame still unread, and its system then
    // resets the connection, which nginx logs at error level as any reset by an upstream. The
    // visitor has left by then: that line, once a visitor at most, is the only error allowed.
    const resetOnLeaving =
      /\[error\] \d+#\d+: \*\d+ recv\(\) failed \(104: Connection reset by peer\) while proxying upgraded connection, client: 127\.0\.0\.1, server: livekit\.coop\.example, request: "GET \/rtc\/v1\?/;
    const afterLeaving = nginx.errorLog();
    const resets = errors(afterLeaving).filter((line) => resetOnLeaving.test(line));
    assert.ok(resets.length <= 2, `a reset at most for each visitor's WebSocket; ${printed(afterLeaving)}`);
    assert.deepEqual(
      errors(afterLeaving).filter((line) => !resetOnLeaving.test(line)),
      [],
      `nginx logged no other error as they left; ${printed(afterLeaving)}`,
    );
  });
});
