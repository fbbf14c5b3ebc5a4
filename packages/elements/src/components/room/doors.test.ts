import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DirectoryRoom } from '@convene/server/contract';
import { GUEST_KEY } from '../../core/doors.js';
import { FixtureSession, type FixtureScript } from '../../testing/fixture-session.js';
import { $, $$, SERVER, tileOf } from '../../testing/room-view.js';
import { until } from '../../testing/stack.js';
import { FixtureDoors } from './fixture-doors.js';
import type { ConveneRoom } from './room.component.js';
import type { JoinOptions, SessionOptions } from './session.js';
import './convene-room.js';

const room = (patch: Partial<DirectoryRoom> = {}): DirectoryRoom => ({
  slug: 'lobby',
  name: 'Lobby',
  access: 'public',
  count: 1,
  furniture: [],
  ...patch,
});

/** A guest's session: the server's token answer carries a signed guest id. */
class GuestSession extends FixtureSession {
  override get token() {
    const token = super.token;
    return token && { ...token, guest_id: 'gid-signed' };
  }
}

/** A `<convene-room>` whose door plays `doors` and whose session plays `script`; `joins` records every join's options. */
async function doorRoom(
  doors: FixtureDoors,
  script: FixtureScript = {},
  options: { prejoin?: boolean; guest?: boolean; invite?: string; name?: string; lang?: string } = {},
) {
  const { prejoin = true, guest = true, invite = '', name = 'Ada Lovelace', lang = 'en' } = options;
  const joins: JoinOptions[] = [];
  const sessions: FixtureSession[] = [];
  const factory = (o: SessionOptions) => {
    const session = new (guest ? GuestSession : FixtureSession)(o, { delay: 0, ...script });
    const join = session.join.bind(session);
    session.join = (j: JoinOptions) => {
      joins.push(j);
      return join(j);
    };
    sessions.push(session);
    return session;
  };
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: 960px" lang=${lang}>
      <convene-room
        server=${SERVER}
        space="river-coop"
        room="lobby"
        name=${name}
        invite=${invite}
        ?no-prejoin=${!prejoin}
        .doorsApi=${doors}
        .sessionFactory=${factory}
      ></convene-room>
    </div>`,
  );
  const el = wrapper.querySelector('convene-room')!;
  await el.updateComplete;
  return { el, joins, sessions };
}

const click = (el: ConveneRoom, selector: string) => $<HTMLButtonElement>(el, selector)!.click();
const statusText = (el: ConveneRoom) => $(el, '.knock [role="status"]')?.textContent?.trim() ?? '';
const doorLive = (el: ConveneRoom) =>
  $$(el, '[role="status"][aria-live="polite"]')
    .map((e) => e.textContent?.trim())
    .join(' | ');

/** The element with keyboard focus, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<convene-room> door: knocking (fixtures)', () => {
  afterEach(() => localStorage.removeItem(GUEST_KEY));

  it('shows the access code from the start in a room the directory calls locked, without requiring it', async () => {
    const doors = new FixtureDoors({ info: room({ access: 'locked' }) });
    const { el } = await doorRoom(doors);
    const code = await until('the code field', () => $<HTMLInputElement>(el, 'input[name="access-code"]'));
    expect(code.required).to.equal(false);
    expect($(el, '.hint')!.textContent).to.equal('This room is locked. Enter the access code you were given.');
    expect($(el, '[data-action="knock"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('knocks with the typed name and waits for the hosts by name; cancels; nothing of the room before an answer', async () => {
    const doors = new FixtureDoors({ info: room({ access: 'locked', knock: true }), hosts: ['Ada', 'Ben'] });
    const { el, joins } = await doorRoom(doors, {}, { name: 'Grace Hopper' });
    const ask = await until('Ask to come in', () => $<HTMLButtonElement>(el, '[data-action="knock"]'));
    expect(ask.textContent?.trim()).to.equal('Ask to come in');
    expect($(el, '.or .hint')!.textContent).to.equal('No code? Ask to come in, and a host inside can let you in.');
    expect($(el, 'input[name="access-code"]'), 'the code field beside it').to.not.equal(null);
    ask.click();
    await until('waiting', () => statusText(el) === 'Waiting for Ada or Ben to let you in.');
    expect(doors.calls).to.deep.equal(['knock Grace Hopper']);
    expect($(el, '.knock [role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    expect($<HTMLFormElement>(el, 'form')!.hidden, 'the form gives way').to.equal(true);
    expect(el.session, 'no session, no LiveKit, before admission').to.equal(undefined);
    expect(joins).to.have.length(0);
    await until('focus on Cancel', () => deepActive()?.getAttribute('data-action') === 'knock-cancel');
    await expect(el).to.be.accessible();
    click(el, '[data-action="knock-cancel"]');
    await until('back to the form', () => !$<HTMLFormElement>(el, 'form')!.hidden);
    expect(doors.calls).to.deep.equal(['knock Grace Hopper', 'cancel']);
    expect(doors.knocking).to.equal(false);
  });

  it('with no host in yet, says so, and joins at once with the knock when admitted', async () => {
    const doors = new FixtureDoors({ info: room({ knock: true }) });
    const { el, joins } = await doorRoom(doors);
    (await until('Ask', () => $<HTMLButtonElement>(el, '[data-action="knock"]'))).click();
    await until('no host', () => statusText(el).startsWith('No host is in the room yet.'));
    await expect(el).to.be.accessible();
    doors.answerKnocker('waiting', ['Mo']);
    await until('Mo named', () => statusText(el) === 'Waiting for Mo to let you in.');
    doors.answerKnocker('admitted', ['Mo']);
    await until('in the room', () => tileOf(el, 'Ada Lovelace (you)'));
    expect(joins).to.have.length(1);
    expect(joins[0]!.knock).to.deep.equal({ id: 'mine', secret: 'secret' });
    expect(localStorage.getItem(GUEST_KEY), 'the guest id kept').to.equal(JSON.stringify({ [SERVER]: 'gid-signed' }));
  });

  it('tells a denied visitor politely, and passes axe', async () => {
    const doors = new FixtureDoors({ info: room({ knock: true }), hosts: ['Mo'] });
    const { el, joins } = await doorRoom(doors);
    (await until('Ask', () => $<HTMLButtonElement>(el, '[data-action="knock"]'))).click();
    await until('waiting', () => doors.knocking);
    doors.answerKnocker('denied');
    await until('denied', () => statusText(el) === 'The hosts didn’t let you in this time.');
    expect(joins).to.have.length(0);
    await until('focus on Back', () => deepActive()?.getAttribute('data-action') === 'knock-back');
    await expect(el).to.be.accessible();
    click(el, '[data-action="knock-back"]');
    await until('the form again', () => $(el, '[data-action="knock"]') && !$<HTMLFormElement>(el, 'form')!.hidden);
  });

  it('says nobody answered, and Try again knocks again', async () => {
    const doors = new FixtureDoors({ info: room({ knock: true }), hosts: ['Mo'] });
    const { el } = await doorRoom(doors);
    (await until('Ask', () => $<HTMLButtonElement>(el, '[data-action="knock"]'))).click();
    await until('waiting', () => doors.knocking);
    doors.answerKnocker('unanswered');
    await until('unanswered', () => statusText(el).startsWith('Nobody answered.'));
    await expect(el).to.be.accessible();
    click(el, '[data-action="knock-again"]');
    await until('waiting again', () => statusText(el) === 'Waiting for Mo to let you in.');
    expect(doors.calls).to.deep.equal(['knock Ada Lovelace', 'knock Ada Lovelace']);
  });

  it('offers to knock after a knock_required refusal, and stops knocking when the element leaves the page', async () => {
    const doors = new FixtureDoors();
    const { el } = await doorRoom(doors, { outcome: { phase: 'error', code: 'knock_required' } });
    await until('the door loaded', () => $(el, 'button[type="submit"]'));
    click(el, 'button[type="submit"]');
    await until(
      'why',
      () =>
        $(el, '.or [role="alert"]')?.textContent ===
        'A moderator has locked this room. Ask to come in, and someone inside will let you in.',
    );
    await until('focus on Ask', () => deepActive()?.getAttribute('data-action') === 'knock');
    await expect(el).to.be.accessible();
    click(el, '[data-action="knock"]');
    await until('knocking', () => doors.knocking);
    el.remove();
    await until('the stream stopped', () => !doors.knocking);
  });

  it('reads a kept_out refusal plainly', async () => {
    const { el } = await doorRoom(new FixtureDoors(), { outcome: { phase: 'error', code: 'kept_out' } });
    await until('the door loaded', () => $(el, 'button[type="submit"]'));
    click(el, 'button[type="submit"]');
    await until('the message', () =>
      $(el, '[part~="message"]')?.textContent?.includes('A moderator removed you from this room.'),
    );
    await expect(el).to.be.accessible();
  });

  it('sends the invite (attribute) and the kept guest id with the token request', async () => {
    localStorage.setItem(GUEST_KEY, JSON.stringify({ [SERVER]: 'gid-before', 'https://other.example': 'x' }));
    const { el, joins } = await doorRoom(new FixtureDoors(), {}, { invite: 'inv-secret' });
    await until('the door loaded', () => $(el, 'button[type="submit"]'));
    click(el, 'button[type="submit"]');
    await until('in the room', () => $(el, '[part~="stage"]'));
    expect(joins[0]!.invite).to.equal('inv-secret');
    expect(joins[0]!.guestId).to.equal('gid-before');
    expect(JSON.parse(localStorage.getItem(GUEST_KEY)!)).to.deep.equal({
      [SERVER]: 'gid-signed',
      'https://other.example': 'x',
    });
  });

  it('speaks Spanish while knocking', async () => {
    const doors = new FixtureDoors({ info: room({ knock: true }), hosts: ['Ada', 'Ben'] });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="es">
        <convene-room
          server=${SERVER}
          space="river-coop"
          room="lobby"
          name="Ana"
          .doorsApi=${doors}
          .sessionFactory=${(o: SessionOptions) => new FixtureSession(o, { delay: 0 })}
        ></convene-room>
      </div>`,
    );
    const el = wrapper.querySelector('convene-room')!;
    (await until('Pedir entrar', () => $<HTMLButtonElement>(el, '[data-action="knock"]'))).click();
    expect($(el, '[data-action="knock"]')!.textContent?.trim()).to.equal('Pedir entrar');
    await until('esperando', () => statusText(el) === 'Esperando a que Ada o Ben te deje pasar.');
  });
});

describe('<convene-room> door: moderators (fixtures)', () => {
  const moderatorRoom = (doors: FixtureDoors, script: FixtureScript = {}, lang = 'en') =>
    doorRoom(doors, { moderator: true, ...script }, { prejoin: false, guest: false, name: 'Sam Rivera', lang }).then(
      async (r) => {
        await until('the stage', () => $(r.el, '[part~="stage"]'));
        await until('the door', () => $(r.el, '[data-control="door"]'));
        return r;
      },
    );

  it('queues knocks in order, announces each, counts them on the door button; passes axe', async () => {
    const doors = new FixtureDoors({ info: room() });
    const { el } = await moderatorRoom(doors);
    const door = $<HTMLButtonElement>(el, '[data-control="door"]')!;
    expect(door.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Door');
    expect($(el, '.door-panel'), 'no panel while nobody knocks').to.equal(null);
    const focused = deepActive();
    doors.addKnock('Ada');
    await until('announced', () => doorLive(el).includes('Ada is asking to come in.'));
    doors.addKnock('Ben');
    await until('two', () => $$(el, '.door-panel li').length === 2);
    expect($$(el, '.door-panel li span').map((s) => s.textContent?.trim())).to.deep.equal([
      'Ada is asking to come in',
      'Ben is asking to come in',
    ]);
    expect(door.textContent?.replace(/\s+/g, ' ').trim(), 'its name').to.equal('Door 2 people asking to come in');
    expect($(el, '[data-control="door"] .count')!.textContent, 'the badge').to.match(/^2 /);
    expect(door.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive(), 'focus stays where it was').to.equal(focused);
    await expect(el).to.be.accessible();
  });

  it('admits and denies from the keyboard, the focus moving on to the next knock, then back to the door', async () => {
    const doors = new FixtureDoors({ info: room() });
    const { el } = await moderatorRoom(doors);
    doors.addKnock('Ada');
    doors.addKnock('Ben');
    await until('two', () => $$(el, '.door-panel li').length === 2);
    // Closed with Escape, opened again from the toolbar with the keyboard.
    $<HTMLButtonElement>(el, '.door-panel [data-action="admit"]')!.focus();
    await sendKeys({ press: 'Escape' });
    await until(
      'closed, focus on the door',
      () => !$(el, '.door-panel') && deepActive()?.getAttribute('data-control') === 'door',
    );
    await sendKeys({ press: 'Enter' });
    await until('focus on Admit Ada', () => deepActive()?.getAttribute('aria-label') === 'Admit Ada');
    await sendKeys({ press: 'Enter' });
    await until('focus on Admit Ben', () => deepActive()?.getAttribute('aria-label') === 'Admit Ben');
    expect(doors.calls).to.deep.equal(['answer k1 admit']);
    await until('said', () => doorLive(el).includes('Ada was let in.'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.getAttribute('aria-label')).to.equal('Deny Ben');
    await sendKeys({ press: 'Enter' });
    await until('focus back on the door', () => deepActive()?.getAttribute('data-control') === 'door');
    expect(doors.calls).to.deep.equal(['answer k1 admit', 'answer k2 deny']);
    expect(doorLive(el)).to.include('Ben was not let in.');
  });

  it('locks and unlocks the room, the state in text and icon; passes axe locked', async () => {
    const doors = new FixtureDoors({ info: room() });
    const { el } = await moderatorRoom(doors);
    const lock = $<HTMLButtonElement>(el, '[data-control="lock"]')!;
    expect(lock.textContent?.trim()).to.equal('Lock room');
    expect(lock.getAttribute('aria-pressed')).to.equal('false');
    lock.click();
    await until('locked', () => lock.getAttribute('aria-pressed') === 'true');
    expect($(el, '[data-door="locked"]')!.textContent?.trim()).to.equal(
      'This room is locked for the rest of the meeting: newcomers ask to come in.',
    );
    expect(doorLive(el)).to.include('The room is locked. Newcomers ask to come in.');
    await expect(el).to.be.accessible();
    lock.click();
    await until('open', () => lock.getAttribute('aria-pressed') === 'false' && !$(el, '[data-door="locked"]'));
    expect(doors.calls).to.deep.equal(['lock true', 'lock false']);
  });

  it('shows a lock another moderator set or lifted at once, and says so', async () => {
    const doors = new FixtureDoors({ info: room() });
    const { el } = await moderatorRoom(doors);
    const lock = $<HTMLButtonElement>(el, '[data-control="lock"]')!;
    expect(lock.getAttribute('aria-pressed')).to.equal('false');
    doors.lockElsewhere(true);
    await until('locked', () => lock.getAttribute('aria-pressed') === 'true' && $(el, '[data-door="locked"]'));
    expect(doorLive(el)).to.include('The room is locked. Newcomers ask to come in.');
    doors.lockElsewhere(false);
    await until('open', () => lock.getAttribute('aria-pressed') === 'false' && !$(el, '[data-door="locked"]'));
    expect(doorLive(el)).to.include('The room is open again.');
    expect(doors.calls, 'nothing asked from this room').to.deep.equal([]);
  });

  it('writes an invite’s date in the element’s language, not the page’s', async () => {
    const doors = new FixtureDoors({ info: room() });
    const { el } = await moderatorRoom(doors, {}, 'de');
    click(el, '[data-control="invite"]');
    click(el, '[data-action="create-invite"]');
    await until('listed', () => $$(el, '[data-door="invites"] li').length === 1);
    const german = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' });
    const date = german.format(new Date(Date.UTC(2030, 0, 1, 12)));
    expect($(el, '[data-door="invites"] li span')!.textContent).to.include(date);
  });

  it('makes an invite link (how long, single use), copies it, lists and withdraws it; passes axe', async () => {
    const doors = new FixtureDoors({ info: room() });
    const { el } = await moderatorRoom(doors);
    click(el, '[data-control="invite"]');
    const dialog = await until('the dialog', () => {
      const d = $<HTMLDialogElement>(el, 'dialog.invite');
      return d?.open ? d : undefined;
    });
    await until('no links yet', () => dialog.textContent?.includes('No links yet.'));
    await expect(el).to.be.accessible();
    $<HTMLSelectElement>(el, 'select[name="invite-expiry"]')!.value = 'week';
    $<HTMLInputElement>(el, 'input[name="invite-uses"][value="single"]')!.click();
    click(el, '[data-action="create-invite"]');
    const link = await until('the link', () => $<HTMLInputElement>(el, 'input[name="invite-link"]'));
    expect(doors.calls).to.deep.equal(['invite 604800 single']);
    const url = new URL(link.value);
    expect(url.searchParams.get('convene_invite')).to.match(/^secret-/);
    expect(url.origin + url.pathname).to.equal(location.origin + location.pathname);
    await until('listed', () => $$(el, '[data-door="invites"] li').length === 1);
    expect($(el, '[data-door="invites"] li span')!.textContent).to.match(
      /^Single use, made by Sam Rivera, valid until /,
    );
    click(el, '[data-action="copy-invite"]');
    await until('copy answered', () => /Link copied\.|copy it yourself/.test(dialog.textContent ?? ''));
    await expect(el).to.be.accessible();
    click(el, '[data-action="revoke-invite"]');
    await until('withdrawn', () => dialog.textContent?.includes('Link withdrawn: it no longer lets anyone in.'));
    expect(doors.calls).to.include('revoke i1');
    expect($$(el, '[data-door="invites"] li')).to.have.length(0);
    click(el, '[data-action="close-invite"]');
    await until('closed', () => !dialog.open);
  });

  it('removes and keeps someone out (a second press confirms), lists them and lets them back in; passes axe', async () => {
    const doors = new FixtureDoors({
      info: room(),
      keptOut: [{ key: 'gid-x', name: 'Grace', since: new Date().toISOString() }],
    });
    const { el } = await moderatorRoom(doors, { people: [{ name: 'Ben' }] });
    const ben = await until('Ben', () => tileOf(el, 'Ben'));
    const keep = ben.querySelector<HTMLButtonElement>('[data-action="keep-out"]')!;
    expect(keep.getAttribute('aria-label')).to.equal('Remove Ben and keep them out');
    keep.click();
    await until(
      'confirm',
      () => keep.getAttribute('aria-label') === 'Remove Ben and keep them out? Press again to confirm',
    );
    expect(doors.calls).to.deep.equal([]);
    keep.click();
    await until('kept out', () => doors.calls.length === 1);
    expect(doors.calls[0]).to.match(/^keep-out guest-0-ben/);
    click(el, '[data-control="door"]');
    await until('the kept-out list', () => $$(el, '[data-door="kept-out"] li').length === 2);
    expect($(el, '[data-door="kept-out"] li span')!.textContent?.trim()).to.equal('Grace');
    await expect(el).to.be.accessible();
    click(el, '[data-door="kept-out"] [data-action="let-back-in"]');
    await until('let back in', () => doorLive(el).includes('Grace may come back in.'));
    expect(doors.calls).to.include('let-back-in gid-x');
    expect($$(el, '[data-door="kept-out"] li')).to.have.length(1);
  });

  it('shows a guest no door controls', async () => {
    const { el } = await doorRoom(new FixtureDoors({ info: room() }), {}, { prejoin: false, guest: true });
    await until('the stage', () => $(el, '[part~="stage"]'));
    await el.updateComplete;
    expect($(el, '[data-control="door"]')).to.equal(null);
    expect($(el, '[data-control="lock"]')).to.equal(null);
    expect($(el, '[data-control="invite"]')).to.equal(null);
  });
});
