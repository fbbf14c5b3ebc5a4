import { expect, fixture, html } from '@open-wc/testing';
import type { Room } from 'livekit-client';
import { fetchToken } from '../../core/api.js';
import { PassSource } from '../../core/pass.js';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneSpace } from './space.component.js';
import './convene-space.js';

/** Every pass the test site signs starts with this header (its kid), whoever it is for. */
const PASS_PREFIX = btoa(JSON.stringify({ alg: 'EdDSA', kid: 'convene-test-site', typ: 'JWT' })).replace(/=+$/, '');

const SPACE = 'pass-coop';

const cards = (el: ConveneSpace) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="room-card"]')].map((c) => c.dataset.room);
const presenceText = (el: ConveneSpace, room: string) =>
  el.shadowRoot!.querySelector(`[data-room="${room}"] .presence`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const alert = (el: ConveneSpace) => until('the error message', () => el.shadowRoot!.querySelector('[role="alert"]'));

async function directoryOf(el: ConveneSpace) {
  return until('the directory', () => (cards(el).length ? cards(el) : null));
}

/** A pass from the test site's endpoint, as a single-page app would get one. */
async function passFor(query = ''): Promise<string> {
  const body = (await (await fetch(`/__convene/pass?${query}`)).json()) as { pass: string };
  return body.pass;
}

/** A second member walks into a room, with their own pass: a plain livekit-client participant. */
async function memberJoins(server: string, room: string, sub: string, name: string): Promise<Room> {
  const passes = new PassSource();
  passes.configure({ passUrl: `/__convene/pass?sub=${sub}&name=${encodeURIComponent(name)}` });
  const token = await fetchToken({ server, space: SPACE, room, name: 'ignored', passes });
  const { Room } = await import('livekit-client');
  const participant = new Room();
  await participant.connect(token.server_url, token.participant_token);
  return participant;
}

/** The pass never leaves memory: in no URL the page requested, nor in the page's storage. */
function expectNoPassLeaked() {
  const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
  expect(urls.filter((url) => url.includes(`/api/spaces/${SPACE}`)).length, 'requests were made').to.be.greaterThan(0);
  expect(urls.filter((url) => url.includes(PASS_PREFIX))).to.deep.equal([]);
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      expect(`${key}=${storage.getItem(key)}`).not.to.contain(PASS_PREFIX);
    }
  }
}

describe('<convene-space> with member passes', () => {
  it('pass-url: a member sees the members’ room, and its presence live through the stream', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space=${SPACE} pass-url="/__convene/pass?sub=site-ada"></convene-space>`,
    );
    expect(await directoryOf(el)).to.deep.equal(['lobby', 'members']);
    expect(el.shadowRoot!.querySelector('[data-room="members"] .access')!.textContent).to.contain('Members only');
    await expect(el).to.be.accessible();

    // Only a stream that carries the pass names the members' room: without it, the count would stay.
    const grace = await memberJoins(server, 'members', 'site-grace', 'Grace Member');
    await until('Grace counted in the members’ room', () => presenceText(el, 'members') === '1 person inside', 5000);
    const lobby = await memberJoins(server, 'lobby', 'site-lin', 'Lin Member');
    await until('Lin named in the lobby', () => presenceText(el, 'lobby') === '1 person inside: Lin Member', 5000);
    await Promise.all([grace.disconnect(), lobby.disconnect()]);
    await until('the members’ room empty again', () => presenceText(el, 'members') === 'Nobody here yet', 5000);
    expectNoPassLeaked();
  });

  it('pass property and passProvider: a member either way', async () => {
    const { server } = await testStack();
    const pass = await passFor('sub=site-prop');
    const byProperty = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space=${SPACE} .pass=${pass}></convene-space>`,
    );
    expect(await directoryOf(byProperty)).to.deep.equal(['lobby', 'members']);

    let asked = 0;
    const byProvider = await fixture<ConveneSpace>(
      html`<convene-space
        server=${server}
        space=${SPACE}
        .passProvider=${() => (asked++, passFor('sub=site-provider'))}
      ></convene-space>`,
    );
    expect(await directoryOf(byProvider)).to.deep.equal(['lobby', 'members']);
    expect(asked, 'one pass for the directory and the stream').to.equal(1);
    expectNoPassLeaked();
  });

  it('signed out ({"pass": null}): a guest, without the members’ room and without an error', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space=${SPACE} pass-url="/__convene/pass?as=guest"></convene-space>`,
    );
    expect(await directoryOf(el)).to.deep.equal(['lobby']);
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('a page that signs in later (a new provider): the members’ room appears', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space=${SPACE} .passProvider=${async () => null}></convene-space>`,
    );
    expect(await directoryOf(el)).to.deep.equal(['lobby']);
    el.passProvider = () => passFor('sub=site-later');
    await until('the members’ room listed', () => cards(el).includes('members'));
  });

  it('an expired pass: says so, with the sign-in link and Try again, which takes a fresh pass', async () => {
    const { server } = await testStack();
    const passes = [passFor('ttl=-120'), passFor('sub=site-renewed')];
    const el = await fixture<ConveneSpace>(
      html`<convene-space
        server=${server}
        space=${SPACE}
        login-url="/sign-in?next=rooms"
        .passProvider=${() => passes.shift()!}
      ></convene-space>`,
    );
    const message = await alert(el);
    expect(message.textContent).to.contain('Your sign-in has expired.');
    expect(message.querySelector<HTMLAnchorElement>('a[part="sign-in"]')?.href).to.equal(
      new URL('/sign-in?next=rooms', location.href).href,
    );
    await expect(el).to.be.accessible();
    message.querySelector<HTMLButtonElement>('button')!.click();
    await until('the members’ room with the fresh pass', () => cards(el).includes('members'));
  });

  it('a pass endpoint that fails is its own error (not a silent guest), in English and Spanish', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space=${SPACE} pass-url="/__convene/pass?broken"></convene-space>`,
    );
    expect((await alert(el)).textContent).to.contain('Could not check your sign-in with the website.');
    expect(cards(el)).to.deep.equal([]);
    const wrapper = await fixture<HTMLElement>(
      html`<div lang="es">
        <convene-space server=${server} space=${SPACE} pass-url="/__convene/pass?broken"></convene-space>
      </div>`,
    );
    const es = wrapper.querySelector('convene-space')!;
    expect((await alert(es)).textContent).to.contain('No se pudo comprobar tu inicio de sesión con el sitio web.');
  });

  it('a pass for another space is refused with its message; a space without passes says so too', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneSpace>(
      html`<convene-space
        server=${server}
        space=${SPACE}
        login-url="/sign-in"
        pass-url="/__convene/pass?aud=lake-coop"
      ></convene-space>`,
    );
    const message = await alert(el);
    expect(message.textContent).to.contain('Your sign-in is for another space.');
    expect(message.querySelector('a[part="sign-in"]')).to.exist;
    const other = await fixture<ConveneSpace>(
      html`<convene-space server=${server} space="river-coop" pass-url="/__convene/pass"></convene-space>`,
    );
    const refused = await alert(other);
    expect(refused.textContent).to.contain('This space does not take sign-ins from other websites.');
    expect(refused.querySelector('a[part="sign-in"]'), 'signing in again cannot help').to.equal(null);
  });

  it('the stream with a pass: marked out of date while the server is away, then current, with a pass each time', async () => {
    const { server } = await testStack();
    let asked = 0;
    // A pass that lives 30 s is never held (it is within a minute of its expiry): each request asks again.
    const el = await fixture<ConveneSpace>(
      html`<convene-space
        server=${server}
        space=${SPACE}
        .passProvider=${() => (asked++, passFor('sub=site-stale&ttl=30'))}
      ></convene-space>`,
    );
    await directoryOf(el);
    await until('the stream open', () => asked >= 2);
    await fetch('/__convene/server/stop');
    try {
      await until('the stale mark', () => el.shadowRoot!.querySelector('.banner.stale'), 10_000);
      expect(el.shadowRoot!.querySelector('[part="directory"]')!.getAttribute('aria-busy')).to.equal('true');
    } finally {
      await fetch('/__convene/server/start');
    }
    const before = asked;
    const grace = await memberJoins(server, 'members', 'site-grace-2', 'Grace Member');
    await until('the stale mark to go', () => !el.shadowRoot!.querySelector('.banner.stale'), 15_000);
    await until('Grace counted after recovery', () => presenceText(el, 'members') === '1 person inside', 5000);
    expect(asked, 'a pass asked for again on reconnecting').to.be.greaterThan(before);
    await grace.disconnect();
    expectNoPassLeaked();
  });
});
