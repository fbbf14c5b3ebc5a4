import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import type { DirectoryRoom } from '@convene/server/contract';
import type { ConveneRoom } from '@convene/elements';
import { FixtureDoors, type FixtureDoorsOptions } from '../packages/elements/src/components/room/fixture-doors.js';
import { fixture, people, type FixtureScript } from '../packages/elements/src/testing/fixture-session.js';

/**
 * The room's door in `<convene-room>`, without a server: the door's requests (knocking, the
 * knock queue, the lock, invites, the kept-out list) are answered by `FixtureDoors`
 * (`packages/elements/src/components/room/fixture-doors.ts`) through the element's `doorsApi`,
 * and the room by a scripted session, so what renders is the door's own code. Each play does
 * what a person would (asks to come in, opens the invite dialog) and answers as the hosts would.
 */
interface DoorArgs {
  name: string;
  lang: '' | 'en' | 'es';
  /** How many people are in the room besides the visitor. */
  others: number;
  /** Whether the server made the visitor a moderator (the door's controls in the toolbar). */
  moderator: boolean;
  /** Straight into the room (a moderator), or pre-join (a visitor at the door). */
  noPrejoin: boolean;
  /** What the door's fixture answers: the room as the directory lists it, the hosts, knocks, … */
  doors: FixtureDoorsOptions;
  script: FixtureScript;
}

type Story = StoryObj<DoorArgs>;

/** The Lobby as the directory lists it. */
const lobby = (patch: Partial<DirectoryRoom> = {}): DirectoryRoom => ({
  slug: 'lobby',
  name: 'Lobby',
  access: 'public',
  count: 3,
  furniture: [],
  ...patch,
});

const HOSTS = ['Grace Hopper', 'Tomás Ortega'];
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const meta: Meta<DoorArgs> = {
  title: 'Elements/convene-room doors',
  component: 'convene-room',
  args: {
    name: 'Sam Rivera',
    lang: '',
    others: 2,
    moderator: false,
    noPrejoin: false,
    doors: {},
    script: {},
  },
  argTypes: {
    lang: { control: 'inline-radio', options: ['', 'en', 'es'] },
    others: { control: { type: 'range', min: 0, max: 12 } },
    doors: { control: false },
    script: { control: false },
  },
  render: (args) => {
    const script: FixtureScript = { people: people(args.others), ...args.script, moderator: args.moderator };
    // New fixtures are a new visit: a new element, with a door of its own.
    return html`${keyed(
      JSON.stringify([script, args.doors, args.name, args.lang, args.noPrejoin]),
      html`<convene-room
        server="https://convene.example"
        space="river-coop"
        room="lobby"
        name=${args.name}
        ?no-prejoin=${args.noPrejoin}
        lang=${ifDefined(args.lang || undefined)}
        .doorsApi=${new FixtureDoors(args.doors)}
        .sessionFactory=${fixture(script)}
      ></convene-room>`,
    )}`;
  },
};
export default meta;

const roomIn = (canvas: HTMLElement) => canvas.querySelector('convene-room') as ConveneRoom;
const doorsOf = (room: ConveneRoom) => room.doorsApi as FixtureDoors;
const $ = <T extends Element = HTMLElement>(room: ConveneRoom, selector: string) =>
  room.shadowRoot?.querySelector<T>(selector) ?? undefined;
const texts = (room: ConveneRoom, selector: string) =>
  [...(room.shadowRoot?.querySelectorAll(selector) ?? [])].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
const knockStatus = (room: ConveneRoom) => $(room, '.knock [role="status"]')?.textContent?.trim() ?? '';
const until = <T>(find: () => T) => waitFor(() => expect(find()).toBeTruthy(), { timeout: 5000 });

/** Pre-join, then "Ask to come in" as the visitor would press it: the door is waiting for the hosts. */
async function knocked(room: ConveneRoom) {
  await until(() => $(room, '[data-action="knock"]'));
  $<HTMLButtonElement>(room, '[data-action="knock"]')!.click();
  await until(() => doorsOf(room).knocking);
}

/** A moderator in the room, the door's controls in the toolbar. */
async function moderating(room: ConveneRoom) {
  await waitFor(() => expect(room.session?.state.value.phase).toBe('connected'), { timeout: 5000 });
  await until(() => $(room, '[data-control="door"]'));
}

// At the door

/** A room a moderator locked: pre-join offers "Ask to come in" beside the access code. */
export const KnockOffered: Story = {
  args: { doors: { info: lobby({ access: 'locked', knock: true, locked_by_moderator: true }), hosts: HOSTS } },
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await until(() => $(room, '[data-action="knock"]'));
    expect($(room, '[data-action="knock"]')?.textContent?.trim()).toBe('Ask to come in');
    expect($(room, 'input[name="access-code"]')).toBeTruthy();
  },
};

/** Asked to come in: waiting for the hosts inside, by name, with Cancel; nothing of the room yet. */
export const KnockWaiting: Story = {
  args: KnockOffered.args,
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await knocked(room);
    await waitFor(() => expect(knockStatus(room)).toBe('Waiting for Grace Hopper or Tomás Ortega to let you in.'));
    expect($(room, '[data-action="knock-cancel"]')).toBeTruthy();
    expect(room.session).toBeUndefined();
  },
};

/** The hosts said no: told politely, with a way back to the form. */
export const KnockDenied: Story = {
  args: KnockOffered.args,
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await knocked(room);
    doorsOf(room).answerKnocker('denied');
    await waitFor(() => expect(knockStatus(room)).toBe('The hosts didn’t let you in this time.'));
    expect($(room, '[data-action="knock-back"]')).toBeTruthy();
  },
};

/** Nobody answered in time: Try again knocks again. */
export const KnockUnanswered: Story = {
  args: KnockOffered.args,
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await knocked(room);
    doorsOf(room).answerKnocker('unanswered');
    await waitFor(() => expect(knockStatus(room)).toMatch(/^Nobody answered\./));
    expect($(room, '[data-action="knock-again"]')).toBeTruthy();
  },
};

/** Waiting at the door, in Spanish. */
export const KnockWaitingSpanish: Story = {
  args: { ...KnockOffered.args, lang: 'es', name: 'Ana Souza' },
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await knocked(room);
    await waitFor(() => expect(knockStatus(room)).toBe('Esperando a que Grace Hopper o Tomás Ortega te deje pasar.'));
  },
};

// Moderators in the room

/** Two people knocking, in the order they knocked, Admit and Deny for each; the count on the door button. */
export const KnockQueue: Story = {
  args: {
    moderator: true,
    noPrejoin: true,
    doors: {
      info: lobby(),
      knocks: [
        { id: 'k-ada', name: 'Ada Lovelace', since: minutesAgo(2) },
        { id: 'k-ben', name: 'Ben Okri', since: minutesAgo(1) },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await moderating(room);
    await waitFor(() =>
      expect(texts(room, '.door-panel li span')).toEqual([
        'Ada Lovelace is asking to come in',
        'Ben Okri is asking to come in',
      ]),
    );
    expect(texts(room, '[data-control="door"]')).toEqual(['Door 2 people asking to come in']);
    expect(room.shadowRoot?.querySelectorAll('.door-panel [data-action="admit"]')).toHaveLength(2);
  },
};

/** A moderator locked the room for the rest of the meeting: newcomers ask to come in. */
export const RoomLocked: Story = {
  args: { moderator: true, noPrejoin: true, doors: { info: lobby({ locked_by_moderator: true, knock: true }) } },
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await moderating(room);
    await waitFor(() => expect($(room, '[data-control="lock"]')?.getAttribute('aria-pressed')).toBe('true'));
    expect($(room, '[data-door="locked"]')?.textContent?.trim()).toBe(
      'This room is locked for the rest of the meeting: newcomers ask to come in.',
    );
  },
};

/** The invite dialog: how long a link lasts and how often it lets someone in; the links made so far. */
export const InviteDialog: Story = {
  args: {
    moderator: true,
    noPrejoin: true,
    doors: {
      info: lobby(),
      invites: [
        {
          id: 'i-1',
          room: 'lobby',
          uses: 'multi',
          expires_at: new Date(Date.UTC(2030, 0, 1, 12)).toISOString(),
          by: 'Grace Hopper',
        },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await moderating(room);
    $<HTMLButtonElement>(room, '[data-control="invite"]')!.click();
    await until(() => $<HTMLDialogElement>(room, 'dialog.invite')?.open);
    await waitFor(() => expect(room.shadowRoot?.querySelectorAll('[data-door="invites"] li')).toHaveLength(1));
    expect(texts(room, '[data-door="invites"] li span')[0]).toMatch(/^Multi use, made by Grace Hopper, valid until /);
    expect($(room, 'select[name="invite-expiry"]')).toBeTruthy();
    expect($(room, '[data-action="create-invite"]')).toBeTruthy();
  },
};

/** The door panel opened from its button: nobody knocking, two people kept out, each with Let back in. */
export const KeptOutList: Story = {
  args: {
    moderator: true,
    noPrejoin: true,
    doors: {
      info: lobby(),
      keptOut: [
        { key: 'gid-1', name: 'Mallory Jones', since: minutesAgo(20) },
        { key: 'gid-2', name: 'Eve Black', since: minutesAgo(5) },
      ],
    },
  },
  play: async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await moderating(room);
    $<HTMLButtonElement>(room, '[data-control="door"]')!.click();
    await waitFor(() => expect(texts(room, '[data-door="kept-out"] li span')).toEqual(['Mallory Jones', 'Eve Black']));
    expect(room.shadowRoot?.querySelectorAll('[data-door="kept-out"] [data-action="let-back-in"]')).toHaveLength(2);
  },
};
