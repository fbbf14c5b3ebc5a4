import { expect } from '@open-wc/testing';
import { EventStreamParser } from './event-stream.js';
import { PASS_REFRESH_MS, PassSource, passExpiry } from './pass.js';
import type { ConveneApiError } from './api.js';

/** An unsigned JWT with these claims: the browser reads `exp` without verifying, so a signature is not needed here. */
function jwt(claims: object): string {
  const part = (value: object) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  return `${part({ alg: 'EdDSA', kid: 'k', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

async function refusal(promise: Promise<unknown>): Promise<ConveneApiError> {
  try {
    await promise;
  } catch (error) {
    return error as ConveneApiError;
  }
  throw new Error('expected a refusal');
}

describe('member passes (core/pass.ts)', () => {
  it('reads exp from a pass without verifying it, names and all', () => {
    expect(passExpiry(jwt({ exp: 1_900_000_000, name: 'Zoë Ñúñez' }))).to.equal(1_900_000_000_000);
    expect(passExpiry(jwt({ name: 'no exp' }))).to.equal(undefined);
    expect(passExpiry('not-a-jwt')).to.equal(undefined);
    expect(passExpiry('a.%%%.c')).to.equal(undefined);
  });

  it('gives nothing without settings, and the page’s own pass as given', async () => {
    const source = new PassSource();
    expect(source.active).to.equal(false);
    expect(await source.current()).to.equal(null);
    source.configure({ pass: 'the-page-pass' });
    expect(source.active).to.equal(true);
    expect(await source.current()).to.equal('the-page-pass');
  });

  it('asks the provider once for requests made together, keeps the pass until a minute before it expires', async () => {
    let now = 1_000_000_000_000;
    const source = new PassSource(() => now);
    let calls = 0;
    const exp = now / 1000 + 300;
    source.configure({
      passProvider: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 10));
        return jwt({ exp, n: calls });
      },
    });
    const [a, b] = await Promise.all([source.current(), source.current()]);
    expect(calls, 'one call for two requests').to.equal(1);
    expect(a).to.equal(b);
    now = exp * 1000 - PASS_REFRESH_MS - 1;
    expect(await source.current()).to.equal(a);
    expect(calls).to.equal(1);
    now = exp * 1000 - PASS_REFRESH_MS + 1;
    const fresh = await source.current();
    expect(calls, 'asked again in the last minute').to.equal(2);
    expect(fresh).not.to.equal(a);
    source.refused();
    await source.current();
    expect(calls, 'asked again after a refusal').to.equal(3);
  });

  it('never holds a pass that is about to expire, or has expired', async () => {
    let calls = 0;
    const source = new PassSource();
    source.configure({ passProvider: async () => (calls++, jwt({ exp: Math.floor(Date.now() / 1000) - 120 })) });
    await source.current();
    await source.current();
    expect(calls).to.equal(2);
  });

  it('a provider that fails, or gives something else than a pass, is pass_unavailable', async () => {
    const source = new PassSource();
    source.configure({ passProvider: () => Promise.reject(new Error('down')) });
    expect((await refusal(source.current())).code).to.equal('pass_unavailable');
    source.configure({ passProvider: async () => 42 as unknown as string });
    expect((await refusal(source.current())).code).to.equal('pass_unavailable');
    source.configure({ passProvider: async () => null });
    expect(await source.current()).to.equal(null);
  });

  it('takes a pass from pass-url; signed out is a guest; a broken or missing endpoint is pass_unavailable', async () => {
    const source = new PassSource();
    source.configure({ passUrl: '/__convene/pass?sub=url-test' });
    const pass = await source.current();
    expect(pass).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(passExpiry(pass!)).to.be.greaterThan(Date.now());

    source.configure({ passUrl: '/__convene/pass?as=guest' });
    expect(await source.current()).to.equal(null);

    source.configure({ passUrl: '/__convene/pass?broken' });
    const broken = await refusal(source.current());
    expect(broken.code).to.equal('pass_unavailable');
    expect(broken.message).to.contain('Could not check your sign-in with the website');

    source.configure({ passUrl: '/__convene/no-such-endpoint' });
    expect((await refusal(source.current())).code).to.equal('pass_unavailable');

    source.configure({ passUrl: 'http://127.0.0.1:9/pass' });
    expect((await refusal(source.current())).code).to.equal('pass_unavailable');
  });
});

describe('event-stream parsing (core/event-stream.ts)', () => {
  it('reads events split anywhere across chunks, skipping comments and retry lines', () => {
    const parser = new EventStreamParser();
    const text =
      'retry: 3000\n\n: heartbeat\n\nevent: presence\ndata: {"a":1}\n\nevent: presence\r\ndata: line one\r\ndata:line two\r\n\r\ndata: plain\n\n';
    const events = [];
    for (let i = 0; i < text.length; i += 3) events.push(...parser.push(text.slice(i, i + 3)));
    expect(events).to.deep.equal([
      { type: 'presence', data: '{"a":1}' },
      { type: 'presence', data: 'line one\nline two' },
      { type: 'message', data: 'plain' },
    ]);
  });

  it('dispatches nothing for an event without data, nor for one not yet ended', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: presence\n\nevent: presence\ndata: x\n')).to.deep.equal([]);
    expect(parser.push('\n')).to.deep.equal([{ type: 'presence', data: 'x' }]);
  });
});
