/**
 * examples/wordpress on a real WordPress (Debian's packages, see test/harness/wordpress.ts): the
 * shortcode puts the Convene element on a page with the right attributes, and the plugin's pass
 * endpoint gives a signed-in person a member pass that the public key on Settings → Convene
 * verifies, with the claims their WordPress role maps to; a signed-out visitor gets no pass, no
 * other site's page can read one, and no cache keeps one.
 *
 * Then the journey, through a real Convene server and livekit-server whose config has the lines
 * the settings screen shows pasted under the space, as a co-op's volunteer would: WordPress's
 * pages load `convene.js` from the Convene server (the built embed, `npm run build`), two signed-in
 * members meet in the members' room, the administrator moderates them, a signed-out visitor is
 * kept out, and a tampered or expired pass is refused with its message on the page.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { parse as parseYaml } from 'yaml';
import type { ConveneConfigInput } from '../../packages/server/src/index.js';
import { freeTcpPort } from '../../scripts/lib/livekit.mjs';
import { builtEmbed } from '../harness/embed.js';
import { launchChromium, startStack } from '../harness/index.js';
import { enterRoom, joinRoom, listedRooms, namesWithVideo, until, visibleText } from '../harness/pages.js';
import {
  signIn,
  startWordPress,
  submitLogin,
  type RunningWordPress,
  type WordPressUser,
} from '../harness/wordpress.js';

const SPACE = 'river-coop';
/** The room the room pages' shortcode names: the members' room. */
const ROOM = 'members';
const CONVENE_PORT = await freeTcpPort();
const SERVER = `http://127.0.0.1:${CONVENE_PORT}`;
/** The room inside the space's directory, and the page's own room (the room pages). */
const IN_SPACE = 'convene-space >>> convene-room';
const ON_PAGE = 'convene-room';

interface PassAnswer {
  status: number;
  cacheControl: string | null;
  body: { pass: string | null; expires_at?: string; error?: { code: string } };
}

/** A page in a browser context of its own (its own cookies), signed in as `user` or not at all, at `url`. */
async function visitor(
  browser: Browser,
  wordpress: RunningWordPress,
  user?: WordPressUser,
  url = wordpress.pages.space,
): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  if (user) await signIn(page, wordpress, user);
  await page.goto(url);
  return page;
}

/** What the element's `pass-url` answers this page, fetched the way the element fetches it: with the page's cookies. */
function fetchPass(page: Page, url?: string): Promise<PassAnswer> {
  return page.evaluate(async (url) => {
    const passUrl = url ?? document.querySelector('convene-space')!.getAttribute('pass-url')!;
    const response = await fetch(passUrl, { credentials: 'include' });
    return {
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      body: await response.json(),
    };
  }, url);
}

/** The JWT's parts, decoded; its signature checked with `key`. */
function openPass(jwt: string, key: KeyObject) {
  const [header, claims, signature] = jwt.split('.');
  assert.ok(header && claims && signature, `a JWT has three parts: ${jwt.slice(0, 20)}…`);
  const valid = verify(null, Buffer.from(`${header}.${claims}`), key, Buffer.from(signature, 'base64url'));
  return {
    valid,
    header: JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as Record<string, unknown>,
  };
}

/** The signing key as Settings → Convene shows it to the administrator: kid, PEM and JWK. */
async function shownKeys(page: Page, wordpress: RunningWordPress) {
  await page.goto(wordpress.settingsUrl);
  return page.$$eval('.convene-key', (sections) =>
    sections.map((section) => ({
      current: section.getAttribute('data-current') === 'true',
      heading: section.querySelector('h3')!.textContent!.trim(),
      kid: section.querySelector('.convene-kid')!.textContent!.trim(),
      pem: (section.querySelector('.convene-pem') as HTMLTextAreaElement).value,
      jwk: JSON.parse((section.querySelector('.convene-jwk') as HTMLTextAreaElement).value) as Record<string, string>,
      config: (section.querySelector('.convene-config') as HTMLTextAreaElement).value,
    })),
  );
}

/**
 * The Convene config a co-op's volunteer writes: the space and its rooms, with the origin and the
 * lines Settings → Convene shows pasted under the space, read off the screen as they would copy them.
 */
async function configFromSettings(page: Page, wordpress: RunningWordPress): Promise<ConveneConfigInput> {
  await page.goto(wordpress.settingsUrl);
  const lines = await page.$eval(
    '.convene-key[data-current="true"] .convene-config',
    (t) => (t as HTMLTextAreaElement).value,
  );
  const text = await page.$eval('.wrap', (wrap) => wrap.textContent ?? '');
  const origin = /allowedOrigins must include (\S+)\.(?:\s|$)/.exec(text)?.[1];
  assert.equal(origin, wordpress.url, 'the settings screen names the site’s origin for allowedOrigins');
  const yaml = [
    'spaces:',
    `  - slug: ${SPACE}`,
    '    name: River Co-op',
    '    entrance: lobby',
    `    allowedOrigins: ['${origin}']`,
    '    rooms:',
    '      - { slug: lobby, name: Lobby, access: public }',
    '      - { slug: garden, name: Garden, access: public }',
    `      - { slug: ${ROOM}, name: Members, access: members }`,
    ...lines
      .trimEnd()
      .split('\n')
      .map((line) => `    ${line}`),
  ].join('\n');
  return parseYaml(yaml) as ConveneConfigInput;
}

/** The button a person finds by its accessible name (what a screen reader says, the tooltip shows). */
const button = (page: Page, name: string) => page.locator(`::-p-aria([name="${name}"][role="button"])`);

/** Joins the page's own room and waits for it to say `message`, or (when the page asks nothing first) just waits. */
async function refusedWith(page: Page, message: string | RegExp): Promise<string> {
  await joinRoom(page, 'ignored: the site names its people');
  return until(`the page to say ${message}`, async () => {
    const shown = await visibleText(page, `${ON_PAGE} >>> [part="message"]`);
    return (typeof message === 'string' ? shown.includes(message) : message.test(shown)) ? shown : null;
  });
}

/** What the Convene server answers a token request for `room` made from `page`, with `pass` if given. */
function tokenFrom(page: Page, room: string, pass?: string) {
  return page.evaluate(
    async (url, room, pass) => {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', ...(pass ? { 'convene-pass': pass } : {}) },
        body: JSON.stringify({ room_name: room, participant_name: 'Someone' }),
      });
      const body = (await response.json()) as { error?: { code: string }; participant_token?: string };
      return { status: response.status, code: body.error?.code ?? null, token: Boolean(body.participant_token) };
    },
    `${SERVER}/api/spaces/${SPACE}/token`,
    room,
    pass,
  );
}

// One WordPress, one Convene stack and one Chromium for the file (started at the top level, so they
// stop when the file ends). WordPress is told the Convene server's address before it runs.
const started = Date.now();
const wordpress = await startWordPress({ server: SERVER, space: SPACE, room: ROOM });
console.log(`WordPress came up in ${(wordpress.startupMs / 1000).toFixed(1)} s`);
const browser = await launchChromium();
const admin = await visitor(browser, wordpress, wordpress.users.admin, wordpress.settingsUrl);
// The volunteer's steps: copy the lines from Settings → Convene into the config, start the server.
await startStack({
  port: CONVENE_PORT,
  elementsDir: builtEmbed(),
  config: await configFromSettings(admin, wordpress),
});
console.log(`WordPress, Chromium and Convene came up in ${((Date.now() - started) / 1000).toFixed(1)} s`);

describe('examples/wordpress', () => {
  it('puts the space and the room on pages with the shortcode, and the sign-in link comes back to the page', async () => {
    const page = await visitor(browser, wordpress);
    // As WordPress printed them: the running element reflects more (its defaults) once convene.js loads.
    const attributes = (selector: string) =>
      page.evaluate(async (selector) => {
        const html = await (await fetch(location.href, { credentials: 'include' })).text();
        const element = new DOMParser().parseFromString(html, 'text/html').querySelector(selector)!;
        return Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
      }, selector);
    assert.deepEqual(await attributes('convene-space'), {
      server: SERVER,
      space: SPACE,
      'pass-url': wordpress.passUrl,
      'login-url': `${wordpress.url}/wp-login.php?redirect_to=${encodeURIComponent(wordpress.pages.space)}`,
    });
    assert.equal(
      await page.$eval('script#convene-js', (s) => `${s.getAttribute('type')} ${s.getAttribute('src')}`),
      `module ${SERVER}/convene.js`,
    );

    await page.goto(wordpress.pages.room);
    assert.deepEqual(await attributes('convene-room'), {
      server: SERVER,
      space: SPACE,
      room: ROOM,
      'pass-url': wordpress.passUrl,
      'login-url': `${wordpress.url}/wp-login.php?redirect_to=${encodeURIComponent(wordpress.pages.room)}`,
    });

    // The element sends a guest to login-url; signing in there brings them back to the room's page.
    await page.goto(await page.$eval('convene-room', (e) => e.getAttribute('login-url')!));
    await submitLogin(page, wordpress.users.member);
    // Still on wp-login.php: what WordPress said, for the next reader.
    const said = page.url().includes('wp-login.php')
      ? await page.evaluate(
          () => document.querySelector('#login_error, .message, #login')?.textContent?.trim() ?? '(nothing)',
        )
      : '';
    assert.equal(page.url(), wordpress.pages.room, `WordPress kept the login page: ${said}`);
  });

  it('gives a signed-in member a pass the public key on the settings screen verifies, with the member’s claims', async () => {
    const [key] = await shownKeys(admin, wordpress);
    assert.ok(key?.current, 'Settings → Convene shows the key in use');
    assert.match(key.pem, /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    assert.deepEqual(
      { kty: key.jwk.kty, crv: key.jwk.crv, kid: key.jwk.kid },
      { kty: 'OKP', crv: 'Ed25519', kid: key.kid },
    );
    assert.ok(key.config.includes(`kid: ${key.kid}`), 'the config lines name the kid');
    const publicKey = createPublicKey(key.pem);
    const fromJwk = createPublicKey({ key: key.jwk, format: 'jwk' });
    assert.ok(publicKey.equals(fromJwk), 'the PEM and the JWK are the same key');

    const { member, secondMember } = wordpress.users;
    const page = await visitor(browser, wordpress, member);
    const before = Math.floor(Date.now() / 1000);
    const answer = await fetchPass(page);
    assert.equal(answer.status, 200);
    assert.match(answer.cacheControl ?? '', /\bno-store\b/);
    const pass = openPass(answer.body.pass!, publicKey);
    assert.ok(pass.valid, 'the signature verifies with the shown public key');
    assert.ok(openPass(answer.body.pass!, fromJwk).valid, 'and with the JWK');
    assert.deepEqual(pass.header, { alg: 'EdDSA', typ: 'JWT', kid: key.kid });
    const { iat, exp, jti, ...claims } = pass.claims as { iat: number; exp: number; jti: string };
    assert.deepEqual(claims, {
      sub: `wp-127.0.0.1-${member.id}`,
      name: 'Mia Member',
      member: true,
      moderator: false,
      aud: SPACE,
      iss: wordpress.url,
    });
    assert.ok(Math.abs(iat - before) <= 5, `issued now (iat ${iat}, now ${before})`);
    assert.ok(exp - iat > 0 && exp - iat <= 600, `lives at most ten minutes (${exp - iat} s)`);
    assert.equal(answer.body.expires_at, new Date(exp * 1000).toISOString().replace('.000Z', 'Z'));
    assert.match(jti, /^[A-Za-z0-9_-]{16,}$/);

    // A tampered pass does not verify: the test's check can fail.
    const [h, c, s] = answer.body.pass!.split('.');
    const promoted = Buffer.from(JSON.stringify({ ...pass.claims, moderator: true })).toString('base64url');
    assert.equal(openPass(`${h}.${promoted}.${s}`, publicKey).valid, false);
    assert.ok(c);

    // A second member: another identity, another pass id.
    const second = openPass((await fetchPass(await visitor(browser, wordpress, secondMember))).body.pass!, publicKey);
    assert.ok(second.valid);
    assert.equal(second.claims.sub, `wp-127.0.0.1-${secondMember.id}`);
    assert.equal(second.claims.name, 'Sam Second');
    assert.notEqual(second.claims.jti, jti);
  });

  it('makes the administrator a moderator (and a member)', async () => {
    const [key] = await shownKeys(admin, wordpress);
    await admin.goto(wordpress.pages.space);
    const pass = openPass((await fetchPass(admin)).body.pass!, createPublicKey(key!.pem));
    assert.ok(pass.valid);
    assert.deepEqual(
      { sub: pass.claims.sub, name: pass.claims.name, member: pass.claims.member, moderator: pass.claims.moderator },
      { sub: `wp-127.0.0.1-${wordpress.users.admin.id}`, name: 'Ada Admin', member: true, moderator: true },
    );
  });

  it('gives a signed-out visitor no pass, and nothing a cache may keep', async () => {
    const answer = await fetchPass(await visitor(browser, wordpress));
    assert.deepEqual(answer.body, { pass: null });
    assert.equal(answer.status, 200);
    assert.match(answer.cacheControl ?? '', /\bno-store\b/);
  });

  describe('through a Convene server with the site’s public key', () => {
    /** Mia, a member, in the members' room from the space's directory: made once, shared by the tests that need her there. */
    let miaInRoom: Promise<Page> | undefined;
    const mia = () =>
      (miaInRoom ??= (async () => {
        const page = await visitor(browser, wordpress, wordpress.users.member);
        assert.deepEqual(
          await until('Mia’s directory', async () => ((await listedRooms(page)).length ? listedRooms(page) : null)),
          ['lobby', 'garden', ROOM],
          'a signed-in member sees the members’ room',
        );
        await enterRoom(page, ROOM, 'ignored: the site names her');
        return page;
      })());

    it('lets a signed-in member see the members’ room, enter it and meet a second member', async () => {
      const sam = await visitor(browser, wordpress, wordpress.users.secondMember);
      const first = await mia();
      await enterRoom(sam, ROOM, 'ignored: the site names him');
      await until('Sam to see Mia’s video', async () => (await namesWithVideo(sam)).includes('Mia Member'));
      await first.bringToFront();
      await until('Mia to see Sam’s video', async () => (await namesWithVideo(first)).includes('Sam Second'));
      // Sam leaves, as a person closing the tab would; Mia stays for the moderator.
      await sam.browserContext().close();
    });

    it('lets the administrator, a moderator by the role mapping, mute and remove a member', async () => {
      const member = await mia();
      await admin.goto(wordpress.pages.space);
      await enterRoom(admin, ROOM, 'ignored: the site names her');
      await until('Ada to see Mia’s video', async () => (await namesWithVideo(admin)).includes('Mia Member'));
      assert.equal(await member.$(`${IN_SPACE} >>> [part="moderation"]`), null, 'a member has no moderation buttons');

      const microphone = `${IN_SPACE} >>> [part~="controls"] [data-control="microphone"]`;
      await until('Mia’s microphone to be on', () =>
        member.$eval(microphone, (b) => b.getAttribute('aria-pressed') === 'true'),
      );
      await button(admin, 'Mute Mia Member').click();
      await member.bringToFront();
      await until('Mia’s page to show her microphone off', () =>
        member.$eval(microphone, (b) => b.getAttribute('aria-pressed') === 'false'),
      );

      await admin.bringToFront();
      await button(admin, 'Remove Mia Member from the room').click();
      await button(admin, 'Remove Mia Member? Press again to confirm').click();
      await member.bringToFront();
      await until('Mia to read that she was removed', async () =>
        (await visibleText(member, `${IN_SPACE} >>> [part="message"]`)).includes(
          'A moderator removed you from the room.',
        ),
      );
      await admin.goto('about:blank');
    });

    it('shows a signed-out visitor only the public rooms, and gives them no token for the members’ room', async () => {
      const guest = await visitor(browser, wordpress);
      assert.deepEqual(
        await until('the visitor’s directory', async () =>
          (await listedRooms(guest)).length ? listedRooms(guest) : null,
        ),
        ['lobby', 'garden'],
      );
      assert.deepEqual(await tokenFrom(guest, ROOM), { status: 404, code: 'members_only', token: false });
      assert.deepEqual(await tokenFrom(guest, 'lobby'), { status: 201, code: null, token: true }, 'the lobby is open');

      await guest.goto(wordpress.pages.room);
      await refusedWith(guest, 'This room is for members only.');
      assert.equal(
        await guest.$eval(`${ON_PAGE} >>> [part~="sign-in"]`, (a) => (a as HTMLAnchorElement).href),
        `${wordpress.url}/wp-login.php?redirect_to=${encodeURIComponent(wordpress.pages.room)}`,
        'the message offers the site’s sign-in, which comes back to the room',
      );
      await guest.browserContext().close();
    });

    it('refuses a tampered pass and an expired one, saying so on the page', async () => {
      const page = await visitor(browser, wordpress, wordpress.users.member, wordpress.pages.tamperedPass);
      for (const [url, code, message] of [
        [wordpress.pages.tamperedPass, 'pass_invalid', 'Your sign-in could not be checked.'],
        [wordpress.pages.expiredPass, 'pass_expired', 'Your sign-in has expired.'],
      ] as const) {
        await page.goto(url);
        // What the page's pass-url gives: a pass, which the Convene server refuses with its own code.
        const given = await fetchPass(page, await page.$eval(ON_PAGE, (e) => e.getAttribute('pass-url')!));
        assert.ok(given.body.pass, `the page at ${url} is given a pass`);
        assert.deepEqual(await tokenFrom(page, ROOM, given.body.pass), { status: 401, code, token: false });
        await refusedWith(page, message);
        assert.equal(
          await page.$eval(`${ON_PAGE} >>> [part~="sign-in"]`, (a) => (a as HTMLAnchorElement).href),
          `${wordpress.url}/wp-login.php?redirect_to=${encodeURIComponent(url)}`,
          'the message offers to sign in again on the site',
        );
      }
      await page.browserContext().close();
    });
  });

  describe('another site’s page', () => {
    let other: Server;
    let otherPort: number;
    before(async () => {
      other = createServer((_req, res) => res.end('<!doctype html><title>Another site</title>'));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      otherPort = (other.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => other.close(() => resolve())));

    it('cannot read a signed-in member’s pass, from the same host or another', async () => {
      const page = await visitor(browser, wordpress, wordpress.users.member);
      assert.ok((await fetchPass(page)).body.pass, 'on the WordPress page the member gets a pass');
      for (const origin of [`http://127.0.0.1:${otherPort}`, `http://localhost:${otherPort}`]) {
        await page.goto(`${origin}/`);
        const read = await page.evaluate(async (url) => {
          try {
            const response = await fetch(url, { credentials: 'include' });
            return `read: ${await response.text()}`;
          } catch (error) {
            return `refused: ${(error as Error).name}`;
          }
        }, wordpress.passUrl);
        assert.equal(read, 'refused: TypeError', `a page at ${origin} cannot read the answer`);
      }

      // What the browser was told: no CORS header for another origin, even with the member's cookies.
      const cookie = (await page.browserContext().cookies())
        .filter((c) => c.domain === '127.0.0.1')
        .map((c) => `${c.name}=${c.value}`)
        .join('; ');
      const sameSite = await fetch(wordpress.passUrl, { headers: { cookie, origin: `http://127.0.0.1:${otherPort}` } });
      assert.equal(sameSite.headers.get('access-control-allow-origin'), null);
      assert.ok(((await sameSite.json()) as PassAnswer['body']).pass, 'the cookies were good');
      const crossSite = await fetch(wordpress.passUrl, {
        headers: { cookie, origin: 'https://elsewhere.example', 'sec-fetch-site': 'cross-site' },
      });
      assert.equal(crossSite.headers.get('access-control-allow-origin'), null);
      assert.equal(crossSite.status, 403);
      assert.deepEqual(((await crossSite.json()) as PassAnswer['body']).pass, null);
    });
  });

  it('rotates the key: the new one signs, the old one stays listed until removed', async () => {
    const [old] = await shownKeys(admin, wordpress);
    await Promise.all([admin.waitForNavigation(), admin.locator('::-p-text(Make a new key (rotate))').click()]);
    assert.match(await admin.$eval('.notice[role="status"]', (n) => n.textContent!), /A new signing key was made/);
    const keys = await shownKeys(admin, wordpress);
    assert.deepEqual(
      keys.map((k) => [k.kid === old!.kid ? 'old' : 'new', k.current]),
      [
        ['new', true],
        ['old', false],
      ],
    );
    const page = await visitor(browser, wordpress, wordpress.users.member);
    const pass = await fetchPass(page);
    const opened = openPass(pass.body.pass!, createPublicKey(keys[0]!.pem));
    assert.ok(opened.valid, 'the new key verifies a new pass');
    assert.equal(opened.header.kid, keys[0]!.kid);
    assert.equal(openPass(pass.body.pass!, createPublicKey(old!.pem)).valid, false, 'the old key does not');

    await Promise.all([
      admin.waitForNavigation(),
      admin.locator(`::-p-aria([name="Remove the previous key ${old!.kid}"][role="button"])`).click(),
    ]);
    assert.deepEqual(
      (await shownKeys(admin, wordpress)).map((k) => k.kid),
      [keys[0]!.kid],
    );
  });

  it('keeps the settings screen to administrators and refuses a setting the Convene server would not take', async () => {
    const member = await visitor(browser, wordpress, wordpress.users.member);
    await member.goto(wordpress.settingsUrl);
    assert.match(await member.$eval('body', (b) => b.innerText), /not allowed to access this page/);

    await admin.goto(wordpress.settingsUrl);
    await admin.locator('#convene-space').fill('River Co-op!');
    // The browser's own check (the field's pattern) would stop a person; the server must stop a crafted post too.
    await admin.$eval('#convene-space', (input) => input.removeAttribute('pattern'));
    await Promise.all([admin.waitForNavigation(), admin.locator('#submit').click()]);
    assert.match(await admin.$eval('.wrap', (w) => w.textContent!), /The space must be its slug/);
    assert.equal(await admin.$eval('#convene-space', (input) => (input as HTMLInputElement).value), SPACE);
  });
});
