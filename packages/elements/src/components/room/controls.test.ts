import { expect } from '@open-wc/testing';
import { people } from '../../testing/fixture-session.js';
import { $, fixtureRoom, tileOf, tiles } from '../../testing/room-view.js';
import { until } from '../../testing/stack.js';
import type { ConveneLeftEvent } from './room.events.js';

/** Fake devices, as `enumerateDevices()` lists them. */
const device = (kind: MediaDeviceKind, deviceId: string, label: string) =>
  ({ kind, deviceId, label, groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo;
const devices = {
  videoinput: [device('videoinput', 'cam-1', 'Front camera'), device('videoinput', 'cam-2', 'Desk camera')],
  audioinput: [device('audioinput', 'mic-1', 'Headset microphone')],
};

/** The room's controls from fixtures (no server, no LiveKit). */
describe('<convene-room> controls (fixtures)', () => {
  it('shows the microphone and camera as pressed while on, and the visitor’s tile follows', async () => {
    const { el } = await fixtureRoom({ people: people(1) });
    const control = (name: string) => $<HTMLButtonElement>(el, `[part~="control"][data-control="${name}"]`)!;
    expect($(el, '[part~="controls"]')!.getAttribute('aria-label')).to.equal('Room controls');
    expect(control('microphone').getAttribute('aria-pressed')).to.equal('true');
    expect(control('camera').getAttribute('aria-pressed')).to.equal('true');
    control('microphone').click();
    await until('the microphone off', () => control('microphone').getAttribute('aria-pressed') === 'false');
    expect(tileOf(el, 'Sam Rivera (you)')!.querySelector('[part~="muted"]')).to.not.equal(null);
    control('camera').click();
    await until('the camera off', () => control('camera').getAttribute('aria-pressed') === 'false');
    expect(tileOf(el, 'Sam Rivera (you)')!.querySelector('video')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('opens the device chooser with the devices there are; a choice switches the device; Escape closes it', async () => {
    const { el, session } = await fixtureRoom({ people: people(1), devices });
    const toggle = $<HTMLButtonElement>(el, '[data-control="devices"]')!;
    const panel = $(el, '[part~="devices"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(panel.hidden).to.equal(true);
    toggle.click();
    await until('the chooser open', () => !panel.hidden);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const camera = panel.querySelector<HTMLSelectElement>('select[name="videoinput"]')!;
    expect([...camera.options].map((o) => o.textContent?.trim())).to.deep.equal(['Front camera', 'Desk camera']);
    expect(panel.querySelector('select[name="audioinput"]')!.closest('label')!.textContent).to.contain('Microphone');
    await expect(el).to.be.accessible();
    camera.value = 'cam-2';
    camera.dispatchEvent(new Event('change'));
    await until('the desk camera in use', () => session().media.value.active.videoinput === 'cam-2');
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until('the chooser closed', () => panel.hidden);
    await until('focus back on Devices', () => el.shadowRoot!.activeElement === toggle);
  });

  it('gives a moderator mute and remove on others’ tiles; remove asks for a second press', async () => {
    const { el } = await fixtureRoom({ people: people(2), moderator: true });
    const grace = tileOf(el, 'Grace Hopper')!;
    expect(tileOf(el, 'Sam Rivera (you)')!.querySelector('[part~="moderation"]'), 'none on the own tile').to.equal(
      null,
    );
    // The buttons come with the door's chunk, which a moderator's room loads on joining.
    const remove = await until('the moderator’s buttons', () =>
      grace.querySelector<HTMLButtonElement>('[data-action="remove-participant"]'),
    );
    expect(remove.getAttribute('aria-label')).to.equal('Remove Grace Hopper from the room');
    // Their look comes with that chunk too: over the tile's corner, not in the flow of the tile.
    const buttons = grace.querySelector<HTMLElement>('[part~="moderation"]')!;
    expect(getComputedStyle(buttons).position).to.equal('absolute');
    const [tile, box] = [grace.getBoundingClientRect(), buttons.getBoundingClientRect()];
    expect(box.top - tile.top, 'at the top of the tile').to.be.lessThan(16);
    grace.querySelector<HTMLButtonElement>('[data-action="mute-participant"]')!.click();
    await until('Grace muted', () => tileOf(el, 'Grace Hopper')?.querySelector('[part~="muted"]'));
    remove.click();
    await until(
      'the confirmation',
      () => remove.getAttribute('aria-label') === 'Remove Grace Hopper? Press again to confirm',
    );
    expect(tiles(el).length).to.equal(3);
    remove.click();
    await until('Grace gone', () => !tileOf(el, 'Grace Hopper'));
    await expect(el).to.be.accessible();
  });

  it('Leave ends in the left state with Join again, and fires convene-left', async () => {
    const { el } = await fixtureRoom({ people: people(1) });
    const left: ConveneLeftEvent[] = [];
    el.addEventListener('convene-left', (e) => left.push(e));
    $<HTMLButtonElement>(el, '[data-control="leave"]')!.click();
    const rejoin = await until('Join again', () => $(el, '[data-action="rejoin"]'));
    expect(left.map((e) => [e.room, e.reason])).to.deep.equal([['lobby', 'left']]);
    expect($(el, '[part~="message"]')!.textContent).to.contain('You left the room');
    await until('focus on Join again', () => el.shadowRoot!.activeElement === rejoin);
  });
});
