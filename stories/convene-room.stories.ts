import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import type { ConveneRoom, ErrorKey, LeftReason, SessionState } from '@convene/elements';
import { fixture, people, type FixtureScript } from '../packages/elements/src/testing/fixture-session.js';

/**
 * `<convene-room>` in every state a visitor can meet, without a server: each story gives the
 * element a scripted session (`packages/elements/src/testing/fixture-session.ts`) through its `sessionFactory` property,
 * the same `ConveneSession` interface the real `RoomSession` implements, so what renders is the
 * element's own code. Stories past pre-join join at once (`no-prejoin` and `name`). The
 * `Live/convene-room` stories talk to the `npm start` demo instead.
 */
interface RoomArgs {
  name: string;
  noPrejoin: boolean;
  loginUrl: string;
  lang: '' | 'en' | 'es';
  theme: 'auto' | 'light' | 'dark';
  /** How many people are in the room besides the visitor. */
  others: number;
  /** Whether the server made the visitor a moderator (mute and remove buttons on others' tiles). */
  moderator: boolean;
  /** The rest of the scripted session: where joining ends, who shares a screen, … */
  script: FixtureScript;
}

type Story = StoryObj<RoomArgs>;

const meta: Meta<RoomArgs> = {
  title: 'Elements/convene-room',
  component: 'convene-room',
  args: {
    name: 'Sam Rivera',
    noPrejoin: true,
    loginUrl: '',
    lang: '',
    theme: 'auto',
    others: 2,
    moderator: false,
    script: {},
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'inline-radio', options: ['', 'en', 'es'] },
    others: { control: { type: 'range', min: 0, max: 29 } },
    script: { control: false },
  },
  render: (args) => {
    const script: FixtureScript = { ...args.script, people: people(args.others), moderator: args.moderator };
    // A new script is a new visit: a new element, which joins afresh.
    return html`${keyed(
      JSON.stringify(script),
      html`<convene-room
        server="https://convene.example"
        space="river-coop"
        room="lobby"
        name=${args.name}
        ?no-prejoin=${args.noPrejoin}
        login-url=${args.loginUrl}
        lang=${ifDefined(args.lang || undefined)}
        theme=${ifDefined(args.theme === 'auto' ? undefined : args.theme)}
        .sessionFactory=${fixture(script)}
      ></convene-room>`,
    )}`;
  },
};
export default meta;

const roomIn = (canvas: HTMLElement) => canvas.querySelector('convene-room') as ConveneRoom;
const all = (room: ConveneRoom, selector: string) => [...(room.shadowRoot?.querySelectorAll(selector) ?? [])];

/** What a story claims to show, checked in its play. */
type Check = (room: ConveneRoom) => unknown;

/**
 * The story's play: waits for the scripted session to reach `phase` and the element to render
 * it, then checks what the story claims to show (so a broken fixture fails the Storybook test).
 */
function settles(phase: SessionState['phase'], check?: Check): Story['play'] {
  return async ({ canvasElement }) => {
    const room = roomIn(canvasElement);
    await waitFor(() => expect(room.session?.state.value.phase ?? 'idle').toBe(phase), { timeout: 5000 });
    await room.updateComplete;
    await check?.(room);
  };
}

const tiles = (count: number) => (room: ConveneRoom) => expect(all(room, '[part~="tile"]')).toHaveLength(count);

/** In the room with `others` people besides the visitor. */
function inRoom(others: number, args: Partial<RoomArgs> = {}, check: Check = tiles(others + 1)): Story {
  return { args: { others, ...args }, play: settles('connected', check) };
}

/** Joining ends in `reason`. */
function left(reason: LeftReason): Story {
  return {
    args: { script: { outcome: { phase: 'left', reason } } },
    play: settles('left', (room) => expect(all(room, '[data-action="rejoin"]')).toHaveLength(1)),
  };
}

/** The server (or LiveKit) refuses or cannot be reached with `code`. */
function refused(code: ErrorKey, args: Partial<RoomArgs> = {}, retryAfterSeconds?: number): Story {
  return {
    args: {
      script: { outcome: { phase: 'error', code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } },
      ...args,
    },
    play: settles('error', (room) => expect(all(room, '[part~="message"]')).toHaveLength(1)),
  };
}

// Before the room

/** Pre-join: name, camera preview (the browser's camera), microphone level, devices, Join; Join enters a room of three. */
export const Prejoin: Story = {
  args: { name: '', noPrejoin: false },
  play: settles('idle', (room) => expect(all(room, '[part~="prejoin"]')).toHaveLength(1)),
};

/** Pre-join with the name already known (from the host page). */
export const PrejoinWithName: Story = { ...Prejoin, args: { noPrejoin: false } };

/** Joining: the token and the connection are on their way. */
export const Connecting: Story = {
  args: { script: { outcome: { phase: 'connecting' } } },
  play: settles('connecting', (room) => expect(all(room, '[part~="banner"][role="status"]')).toHaveLength(1)),
};

// In the room

/** Alone in the room. */
export const Alone = inRoom(0);

/** Two people: the visitor and one other. */
export const TwoPeople = inRoom(1);

/** Six people: cameras on and off, someone speaking, a muted microphone, a poor connection. */
export const SixPeople = inRoom(5);

/** Thirty people: more than a page of tiles, so the stage pages (and whoever speaks comes onto the first page). */
export const ThirtyPeople = inRoom(29, {}, (room) => {
  expect(all(room, '[part~="pager"]')).toHaveLength(1);
  expect(all(room, '[part~="tile"]').length).toBeLessThan(30);
});

/** Someone shares their screen: it takes the focus, the tiles line up beside it. */
export const ScreenShare = inRoom(5, { script: { presenter: 2 } }, (room) =>
  expect(all(room, '[part~="screen-share"] video')).toHaveLength(1),
);

/** The visitor shares their own screen. */
export const SharingMyScreen = inRoom(2, { script: { sharing: true } }, (room) =>
  expect(all(room, '[data-control="screen-share"][aria-pressed="true"]')).toHaveLength(1),
);

/** A moderator: mute and remove buttons on everyone else's tile (remove asks again before it acts). */
export const Moderator = inRoom(5, { moderator: true }, (room) =>
  // The buttons come with the door's chunk, which a moderator's room loads on joining.
  waitFor(() => expect(all(room, '[part~="moderation"]')).toHaveLength(5), { timeout: 5000 }),
);

/** The room's spotlight (`session.spotlight`) pins someone to everyone's stage, with a badge. */
export const Spotlight = inRoom(5, { script: { spotlight: 1 } }, (room) =>
  expect(all(room, '[part~="tile"][part~="pinned"] [part~="spotlight"]')).toHaveLength(1),
);

/** Reactions (`session.reactions`, sent with the room's hand-raise furniture) float over the sender's tile for a few seconds. */
export const Reactions: Story = {
  args: { others: 3, script: { furniture: [{ kind: 'hand-raise', label: 'Hands', settings: {} }] } },
  play: settles('connected', async (room) => {
    const [, grace, tomas] = room.session?.participants.value ?? [];
    for (const [who, emoji] of [
      [grace, '👏'],
      [tomas, '🎉'],
      [grace, '❤️'],
    ] as const) {
      if (who) room.session?.showReaction({ identity: who.identity, emoji });
    }
    await waitFor(() => expect(all(room, '[part~="reactions"] span')).toHaveLength(3));
  }),
};

/** The connection dropped and is coming back: the room stays, dimmed, with a banner. */
export const Reconnecting: Story = {
  args: { others: 3, script: { outcome: { phase: 'reconnecting' } } },
  play: settles('reconnecting', tiles(4)),
};

/** The browser blocked sound until the visitor clicks. */
export const AudioBlocked = inRoom(2, { script: { audioBlocked: true } }, (room) =>
  expect(all(room, '[data-action="start-audio"]')).toHaveLength(1),
);

/** The camera is blocked for this site: in the room without it, and told how to allow it. */
export const CameraDenied = inRoom(2, { script: { cameraProblem: 'denied' } }, (room) =>
  expect(all(room, '[part~="banner"][role="alert"]')).toHaveLength(1),
);

/** A room with furniture from the config: the stage with a side panel. */
export const Furnished = inRoom(3, {
  script: {
    furniture: [
      {
        kind: 'markdown',
        label: 'Agenda',
        settings: { text: '# Agenda\n\n1. Welcome\n2. **Budget**\n3. Any other business' },
      },
    ],
  },
});

// After the room

/** The visitor pressed Leave. */
export const Left = left('left');

/** A moderator removed the visitor. */
export const Removed = left('removed');

/** The room was closed. */
export const RoomClosed = left('room-closed');

/** The connection was lost and did not come back. */
export const ConnectionLost = left('connection-lost');

/** The visitor joined the same room from another tab or device. */
export const Duplicate = left('duplicate');

// Refusals and failures

/** A locked room: Join asks for the access code (here `123456`). */
export const AccessCodeRequired: Story = {
  args: { script: { accessCode: '123456' } },
  play: settles('error', (room) => expect(all(room, 'input[name="access-code"]')).toHaveLength(1)),
};

/** A wrong access code: said next to the field, which keeps focus. */
export const AccessCodeWrong: Story = {
  args: { script: { outcome: { phase: 'error', code: 'access_code_invalid' } } },
  play: settles('error', (room) => expect(all(room, 'input[name="access-code"][aria-invalid="true"]')).toHaveLength(1)),
};

/** A members-only room for a guest: the message and the host page's sign-in link. */
export const MembersOnly = refused('members_only', { loginUrl: '/sign-in' });

/** The room is at its capacity. */
export const RoomFull = refused('room_full');

/** Too many attempts: how long to wait. */
export const RateLimited = refused('rate_limited', {}, 30);

/** The Convene server cannot be reached. */
export const ServerUnreachable = refused('network');

/** The server answered, but the video service (LiveKit) cannot be reached from the browser. */
export const VideoServiceUnreachable = refused('livekit_unreachable');

/** The server cannot reach the video service. */
export const VideoServiceUnavailable = refused('livekit_unavailable');

/** The page links to a room that does not exist (any more). */
export const RoomNotFound = refused('room_not_found');

/** The page links to a space that does not exist. */
export const SpaceNotFound = refused('space_not_found');

/** The page's website is not among the space's allowed origins. */
export const OriginNotAllowed = refused('origin_not_allowed');

/** The server failed. */
export const ServerError = refused('internal_error');

// Look and language

/** Forced dark, whatever the visitor's system prefers. */
export const Dark = inRoom(5, { theme: 'dark' });

/** Forced dark, in pre-join. */
export const DarkPrejoin: Story = { ...Prejoin, args: { ...Prejoin.args, theme: 'dark' } };

/** In Spanish, whatever the page's language. */
export const Spanish = inRoom(5, { lang: 'es' });

/** Spanish, refused: the message and buttons are translated too. */
export const SpanishRoomFull = refused('room_full', { lang: 'es' });

/** On a phone-wide page: one column, four tiles a page, icon-only controls. */
export const Narrow: Story = {
  ...inRoom(5, {}, (room) => {
    expect(all(room, '[part~="tile"]')).toHaveLength(4);
    expect(all(room, '[part~="pager"]')).toHaveLength(1);
  }),
  decorators: [(story) => html`<div style="max-width: 360px">${story()}</div>`],
};

/** Restyled by the page through custom properties and parts. */
export const Themed: Story = {
  ...inRoom(5),
  decorators: [
    (story) =>
      html`<style>
          .themed convene-room {
            --convene-color-accent: #0a6b44;
            --convene-radius: 4px;
            --convene-font: 500 15px/1.4 Georgia, serif;
            --convene-tile-aspect: 4 / 3;
          }
          .themed convene-room::part(control) {
            border-radius: 999px;
          }
        </style>
        <div class="themed">${story()}</div>`,
  ],
};
