/**
 * examples/wordpress on a real WordPress (Debian's packages, see test/harness/wordpress.ts): the
 * shortcode puts the Convene element on a page with the right attributes, and the plugin's pass
 * endpoint gives a signed-in person a member pass that the public key on Settings → Convene
 * verifies, with the claims their WordPress role maps to; a signed-out visitor gets no pass, no
 * other site's page can read one, and no cache keeps one. The member journey through a Convene
 * server that checks passes is added once the server's side lands.
 */
import assert from 'node:assert/strict';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { launchChromium } from '../harness/index.js';
import { signIn, startWordPress, type RunningWordPress, type WordPressUser } from '../harness/wordpress.js';

const SPACE = 'river-coop';
const SERVER = 'http://127.0.0.1:9/convene';

interface PassAnswer {
  status: number;
  cacheControl: string | null;
  body: { pass: string | null; expires_at?: string; error?: { code: string } };
}

/** A page in a browser context of its own (its own cookies), signed in as `user` or not at all. */
async function visitor(browser: Browser, wordpress: RunningWordPress, user?: WordPressUser): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  if (user) await signIn(page, wordpress, user);
  await page.goto(wordpress.pages.space);
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

// One WordPress and one Chromium for the file (started at the top level, so they stop when the file ends).
const wordpress = await startWordPress({ server: SERVER, space: SPACE, room: 'lobby' });
console.log(`WordPress came up in ${(wordpress.startupMs / 1000).toFixed(1)} s`);
const browser = await launchChromium();
const admin = await visitor(browser, wordpress, wordpress.users.admin);

describe('examples/wordpress', () => {
  it('puts the space and the room on pages with the shortcode, and the sign-in link comes back to the page', async () => {
    const page = await visitor(browser, wordpress);
    const attributes = (selector: string) =>
      page.$eval(selector, (element) => Object.fromEntries([...element.attributes].map((a) => [a.name, a.value])));
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
      room: 'lobby',
      'pass-url': wordpress.passUrl,
      'login-url': `${wordpress.url}/wp-login.php?redirect_to=${encodeURIComponent(wordpress.pages.room)}`,
    });

    // The element sends a guest to login-url; signing in there brings them back to the room's page.
    await page.goto(await page.$eval('convene-room', (e) => e.getAttribute('login-url')!));
    await page.locator('#user_login').fill(wordpress.users.member.login);
    await page.locator('#user_pass').fill(wordpress.users.member.password);
    await Promise.all([page.waitForNavigation(), page.locator('#wp-submit').click()]);
    assert.equal(page.url(), wordpress.pages.room);
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
