import { expect, fixture, html } from '@open-wc/testing';
import type { ConveneErrorEvent } from '../../core/error-event.js';
import { testStack, until } from '../../testing/stack.js';
import type { ConveneSpace } from '../space/space.component.js';
import type { ConveneRoom } from './room.component.js';
import '../space/convene-space.js';
import './convene-room.js';

/** Every pass the test site signs starts with this header (its kid), whoever it is for. */
const PASS_PREFIX = btoa(JSON.stringify({ alg: 'EdDSA', kid: 'convene-test-site', typ: 'JWT' })).replace(/=+$/, '');
const SPACE = 'pass-coop';

const text = (el: Element) => el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';
const tileNames = (el: ConveneRoom) =>
  [...el.shadowRoot!.querySelectorAll('[part~="tile"] .name')].map((name) => name.textContent?.trim() ?? '');

async function passFor(query = ''): Promise<string> {
  return ((await (await fetch(`/__convene/pass?${query}`)).json()) as { pass: string }).pass;
}

function expectNoPassLeaked() {
  const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
  expect(
    urls.some((url) => url.includes(`/api/spaces/${SPACE}/token`)),
    'a token was asked for',
  ).to.equal(true);
  expect(urls.filter((url) => url.includes(PASS_PREFIX))).to.deep.equal([]);
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i)!;
      expect(`${key}=${storage.getItem(key)}`).not.to.contain(PASS_PREFIX);
    }
  }
}

describe('<convene-room> with member passes', () => {
  it('pass-url: a member enters the members’ room from the directory and meets a second member', async () => {
    const { server } = await testStack();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <convene-space
          server=${server}
          space=${SPACE}
          name="Typed name"
          pass-url=${'/__convene/pass?sub=site-ada&name=Ada%20Member'}
        ></convene-space>
        <convene-room
          server=${server}
          space=${SPACE}
          room="members"
          name="Grace"
          no-prejoin
          pass-url=${'/__convene/pass?sub=site-grace&name=Grace%20Member'}
        ></convene-room>
      </div>`,
    );
    const space = wrapper.querySelector<ConveneSpace>('convene-space')!;
    const grace = wrapper.querySelector<ConveneRoom>(':scope > convene-room')!;
    const enter = await until('the members’ room in the directory', () =>
      space.shadowRoot!.querySelector<HTMLButtonElement>('[data-room="members"] [part="enter"]'),
    );
    enter.click();
    await space.updateComplete;
    const ada = space.shadowRoot!.querySelector<ConveneRoom>('convene-room')!;
    await until('pre-join', () => ada.shadowRoot!.querySelector('input[name="name"]'));
    await ada.join();
    // The site names its members: the pass's name, not the one typed.
    await until('Ada to see Grace', () => tileNames(ada).includes('Grace Member'));
    await until('Grace to see Ada', () => tileNames(grace).includes('Ada Member'));
    expect(tileNames(ada)).to.have.length(2);
    await expect(ada).to.be.accessible();
    expectNoPassLeaked();
    await Promise.all([ada.leave(), grace.leave()]);
  });

  it('pass property and passProvider: a member either way', async () => {
    const { server } = await testStack();
    const pass = await passFor('sub=site-prop&name=Prop%20Member');
    let asked = 0;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div>
        <convene-room server=${server} space=${SPACE} room="members" name="x" .pass=${pass}></convene-room>
        <convene-room
          server=${server}
          space=${SPACE}
          room="members"
          name="x"
          .passProvider=${() => (asked++, passFor('sub=site-prov&name=Provided%20Member'))}
        ></convene-room>
      </div>`,
    );
    const [byProperty, byProvider] = [...wrapper.querySelectorAll('convene-room')] as [ConveneRoom, ConveneRoom];
    await byProperty.join();
    await byProvider.join();
    await until('each to see the other', () => tileNames(byProperty).includes('Provided Member'));
    await until('each to see the other', () => tileNames(byProvider).includes('Prop Member'));
    expect(asked).to.equal(1);
    expectNoPassLeaked();
    await Promise.all([byProperty.leave(), byProvider.leave()]);
  });

  it('signed out ({"pass": null}): a guest, refused the members’ room with the sign-in link', async () => {
    const { server } = await testStack();
    const el = await fixture<ConveneRoom>(
      html`<convene-room
        server=${server}
        space=${SPACE}
        room="members"
        name="Ada"
        login-url="/sign-in"
        pass-url="/__convene/pass?as=guest"
      ></convene-room>`,
    );
    await el.join().catch(() => {});
    await until('the members-only message', () => text(el).includes('This room is for members only.'));
    expect(el.shadowRoot!.querySelector('a[part~="sign-in"]')).to.exist;
  });

  it('an expired pass from the provider: says so with the sign-in link; Try again takes a fresh pass and enters', async () => {
    const { server } = await testStack();
    const passes = [passFor('ttl=-120'), passFor('sub=site-renewed&name=Renewed%20Member')];
    const el = await fixture<ConveneRoom>(
      html`<convene-room
        server=${server}
        space=${SPACE}
        room="members"
        name="Ada"
        login-url="/sign-in?next=members"
        .passProvider=${() => passes.shift()!}
      ></convene-room>`,
    );
    const errors: ConveneErrorEvent[] = [];
    el.addEventListener('convene-error', (e) => errors.push(e));
    await el.join().catch(() => {});
    await until('the expired message', () => text(el).includes('Your sign-in has expired.'));
    expect(errors.map((e) => e.code)).to.deep.equal(['pass_expired']);
    expect(el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part~="sign-in"]')?.href).to.equal(
      new URL('/sign-in?next=members', location.href).href,
    );
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="retry"]')!.click();
    await until('in the room with the fresh pass', () => tileNames(el).some((name) => name.includes('Renewed Member')));
    await el.leave();
  });

  it('a pass endpoint that fails: its own message, in Spanish too', async () => {
    const { server } = await testStack();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es">
        <convene-room server=${server} space=${SPACE} room="lobby" name="Ada" pass-url="/__convene/pass?broken">
        </convene-room>
      </div>`,
    );
    const el = wrapper.querySelector('convene-room')!;
    await el.join().catch(() => {});
    await until('the message', () => text(el).includes('No se pudo comprobar tu inicio de sesión con el sitio web.'));
    expect(el.shadowRoot!.querySelector('[data-action="retry"]')?.textContent?.trim()).to.equal('Reintentar');
  });
});
