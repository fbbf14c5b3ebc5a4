import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DirectoryRoom } from '@convene/server/contract';
import { FixedDirectory } from '../space/directory.js';
import type { ConveneSpace } from '../space/space.component.js';
import '../space/convene-space.js';
import { FixtureSession, people } from '../../testing/fixture-session.js';
import { $, $$, SERVER, fixtureRoom, names, tileOf, tiles } from '../../testing/room-view.js';
import { until } from '../../testing/stack.js';
import { FixtureDoors } from './fixture-doors.js';
import './convene-room.js';

/** What the room last announced to screen readers (its own live region, not a tile's). */
const announced = (el: Element) =>
  el.shadowRoot!.querySelector('div.visually-hidden[aria-live="polite"]')?.textContent?.trim() ?? '';

const HALL: DirectoryRoom = {
  slug: 'lobby',
  name: 'Hall',
  access: 'public',
  count: 243,
  speaking: 3,
  stage: true,
  furniture: [],
};

/** The element with keyboard focus, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until `selector` has focus, as a person tabbing through the page. */
async function tabTo(selector: string) {
  for (let i = 0; i < 40; i++) {
    if (deepActive()?.matches(selector)) return deepActive() as HTMLElement;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${deepActive()?.outerHTML.slice(0, 80)}`);
}

/** A stage of three speakers, 239 more watching besides the visitor. */
const ASSEMBLY = { people: people(5), stage: { speakers: [0, 1, 2], watching: 236 } };

describe('<convene-room> stage rooms (fixtures)', () => {
  it('the audience’s pre-join asks only for a name: no preview, no camera or microphone asked for; passes axe', async () => {
    const asked: MediaStreamConstraints[] = [];
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      asked.push(constraints ?? {});
      return getUserMedia(constraints);
    };
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="width: 960px">
          <convene-room
            server=${SERVER}
            space="river-coop"
            room="lobby"
            name="Sam Rivera"
            .doorsApi=${new FixtureDoors({ info: HALL })}
            .sessionFactory=${(o: ConstructorParameters<typeof FixtureSession>[0]) =>
              new FixtureSession(o, { delay: 0, ...ASSEMBLY })}
          ></convene-room>
        </div>`,
      );
      const el = wrapper.querySelector('convene-room')!;
      await until('the stage hint', () => $(el, '[data-stage="watch"]'));
      expect($(el, '[data-stage="watch"]')!.textContent).to.contain('no camera or microphone needed');
      expect($<HTMLInputElement>(el, 'input[name="name"]')!.value).to.equal('Sam Rivera');
      expect($(el, '.preview-column')!.hidden, 'no preview, no toggles, no devices').to.equal(true);
      expect($(el, '[part="preview"] video')).to.equal(null);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await until('in the audience', () => $(el, '[part="watching"]'));
      expect(asked, 'getUserMedia calls').to.deep.equal([]);
    } finally {
      navigator.mediaDevices.getUserMedia = getUserMedia;
    }
  });

  it('the audience sees the speakers large, how many watch, no audience tiles, and no media controls; passes axe', async () => {
    const { el } = await fixtureRoom(ASSEMBLY);
    await until('the count watching', () => $(el, '[part="watching"]'));
    expect(names(el)).to.deep.equal(['Grace Hopper', 'Tomás Ortega', 'Amara Okafor']);
    expect($(el, '[part="watching"]')!.textContent).to.equal('239 watching');
    expect($(el, '[part~="stage"]')!.getAttribute('aria-label')).to.equal('On the stage: 3 people');
    for (const control of ['microphone', 'camera', 'screen-share', 'devices']) {
      expect($(el, `[part~="control"][data-control="${control}"]`), control).to.equal(null);
    }
    expect($(el, '[data-action="ask-to-speak"]')!.textContent).to.contain('Ask to speak');
    expect($(el, '[part="speak-queue"]'), 'the queue is the moderators’').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks to speak from the keyboard, and says so', async () => {
    const { el, session } = await fixtureRoom(ASSEMBLY);
    const ask = await until('Ask to speak', () => $<HTMLButtonElement>(el, '[data-action="ask-to-speak"]'));
    expect(ask.getAttribute('aria-pressed')).to.equal('false');
    (await tabTo('[data-action="ask-to-speak"]')).focus();
    await sendKeys({ press: 'Enter' });
    await until('the hand up', () => ask.getAttribute('aria-pressed') === 'true');
    expect(session().participants.value.find((p) => p.isLocal)?.handRaisedAt).to.be.a('number');
    await until('the announcement', () => announced(el) === 'You asked to speak. A moderator can bring you up.');
    await sendKeys({ press: 'Enter' });
    await until('the hand down', () => ask.getAttribute('aria-pressed') === 'false');
  });

  it('a moderator sees the queue in order, with since when, and brings someone up from the keyboard; passes axe', async () => {
    const { el, session } = await fixtureRoom({
      ...ASSEMBLY,
      moderator: true,
      stage: { ...ASSEMBLY.stage, me: 'audience' },
      hands: [4, 3],
    });
    const queue = await until('the queue', () => $(el, '[part="speak-queue"]'));
    const items = [...queue.querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.who')?.textContent)).to.deep.equal(['Priya Natarajan', 'Li Wei']);
    expect(items[0]!.querySelector('time')!.textContent).to.match(/^since \d{1,2}:\d{2}/);
    expect(queue.querySelector('h2')!.textContent).to.contain('Asking to speak');
    await expect(el).to.be.accessible();

    session().raiseHand('Olga Ivanova 2'); // someone watching asks
    await until('the newcomer announced', () => announced(el) === 'Olga Ivanova 2 asks to speak');
    expect([...$(el, '[part="speak-queue"]')!.querySelectorAll('.who')].map((w) => w.textContent)).to.deep.equal([
      'Priya Natarajan',
      'Li Wei',
      'Olga Ivanova 2',
    ]);

    const bring = await tabTo('[data-action="bring-up"]');
    expect(bring.textContent?.trim()).to.equal('Bring Priya Natarajan up');
    await sendKeys({ press: 'Enter' });
    await until('Priya on the stage', () => tileOf(el, 'Priya Natarajan'));
    await until('the announcement', () => announced(el) === 'Priya Natarajan is on the stage');
    expect([...$(el, '[part="speak-queue"]')!.querySelectorAll('.who')].map((w) => w.textContent)).to.deep.equal([
      'Li Wei',
      'Olga Ivanova 2',
    ]);
    expect($(el, '[part="watching"]')!.textContent).to.equal('238 watching');
  });

  it('a moderator sends a speaker back to the audience from their tile', async () => {
    const { el } = await fixtureRoom({ ...ASSEMBLY, moderator: true });
    const send = await until('Send back on Tomás’s tile', () =>
      tileOf(el, 'Tomás Ortega')?.querySelector<HTMLButtonElement>('[data-action="send-back"]'),
    );
    expect(send.getAttribute('aria-label')).to.equal('Send Tomás Ortega back to the audience');
    send.click();
    await until('Tomás off the stage', () => !tileOf(el, 'Tomás Ortega'));
    await until('the announcement', () => announced(el) === 'Tomás Ortega is back in the audience');
  });

  it('brought up: the device check (preview, toggles, devices), then on the stage publishing; steps down; passes axe', async () => {
    const { el, session } = await fixtureRoom(ASSEMBLY);
    await until('in the audience', () => $(el, '[data-action="ask-to-speak"]'));
    expect(tileOf(el, 'Sam Rivera (you)')).to.equal(undefined);
    session().setStage('speaker');
    const check = await until('the device check', () => $(el, '[part="device-check"]'));
    await until('focus on Go on stage', () => deepActive()?.getAttribute('data-action') === 'go-on-stage');
    expect(announced(el)).to.equal(
      'A moderator brought you onto the stage. Check your camera and microphone, then go on stage.',
    );
    await until(
      'the preview',
      () => (check.querySelector<HTMLVideoElement>('[part="preview"] video')?.videoWidth ?? 0) > 0,
    );
    await until('the camera choice', () => check.querySelectorAll('select[name="videoinput"] option').length > 0);
    expect(check.querySelector('[data-check="microphone"]')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    const me = await until('my tile on the stage', () => tileOf(el, 'Sam Rivera (you)'));
    await until('my camera on it', () => me.querySelector('video'));
    expect($(el, '[part="device-check"]')).to.equal(null);
    expect($(el, '[part~="control"][data-control="microphone"]')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();

    $<HTMLButtonElement>(el, '[data-action="step-down"]')!.click();
    await until('back in the audience', () => !tileOf(el, 'Sam Rivera (you)'));
    await until('said', () => announced(el) === 'You are back in the audience.');
    expect($(el, '[part~="control"][data-control="microphone"]')).to.equal(null);
    await until('focus on Ask to speak', () => deepActive()?.getAttribute('data-action') === 'ask-to-speak');
  });

  it('a moderator starts on the stage with the device check, steps down, and goes back up', async () => {
    const { el } = await fixtureRoom({ ...ASSEMBLY, moderator: true });
    await until('the device check', () => $(el, '[part="device-check"]'));
    expect(tileOf(el, 'Sam Rivera (you)'), 'on the stage').to.exist;
    $<HTMLButtonElement>(el, '[data-action="decline-stage"]')!.click();
    const up = await until('Go on stage', () => $<HTMLButtonElement>(el, '[data-action="step-up"]'));
    expect(tileOf(el, 'Sam Rivera (you)')).to.equal(undefined);
    await until('focus on Go on stage', () => deepActive() === up);
    up.click();
    await until('the device check again', () => $(el, '[part="device-check"]'));
  });

  it('a speaker’s screen share takes the stage, as in ordinary rooms', async () => {
    const { el } = await fixtureRoom({ ...ASSEMBLY, presenter: 1 });
    const share = await until('the screen share', () => $(el, '[part="screen-share"]'));
    expect(share.textContent).to.contain('Tomás Ortega is sharing their screen');
    expect(tiles(el).length).to.equal(3);
  });

  it('speaks Spanish', async () => {
    const { el } = await fixtureRoom(ASSEMBLY, { lang: 'es' });
    await until('the count watching', () => $(el, '[part="watching"]')?.textContent === '239 mirando');
    expect($(el, '[data-action="ask-to-speak"]')!.textContent).to.contain('Pedir la palabra');
  });
});

describe('<convene-space> stage rooms (fixtures)', () => {
  it('shows “3 speaking · 240 watching”, not everyone’s names; passes axe', async () => {
    const directory = {
      slug: 'river-coop',
      name: 'River Co-op',
      entrance: 'lobby',
      presence: 'live' as const,
      rooms: [
        { ...HALL, people: ['Ada', 'Bo', 'Cy'].map((name, i) => ({ identity: `p${i}`, name })) },
        { slug: 'side', name: 'Side', access: 'public' as const, count: 2, furniture: [] },
      ],
    };
    const el = await fixture<ConveneSpace>(
      html`<convene-space
        .source=${new FixedDirectory({ status: 'ready', directory, stale: false } as never)}
      ></convene-space>`,
    );
    await el.updateComplete;
    const presence = $$(el, '.presence').map((p) => p.textContent?.replace(/\s+/g, ' ').trim());
    expect(presence).to.deep.equal(['3 speaking · 240 watching', '2 people inside']);
    await expect(el).to.be.accessible();
  });
});
