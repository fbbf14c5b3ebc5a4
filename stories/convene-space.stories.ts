import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { ConveneApiError, FixedDirectory, type ConveneSpace, type DirectoryState } from '@convene/elements';
import { FixtureDoors } from '../packages/elements/src/components/room/fixture-doors.js';
import { riverCoop } from './fixtures.js';

interface SpaceArgs {
  theme: '' | 'light' | 'dark';
  lang: string;
  navigation: 'hash' | 'none';
}

/** A story of the directory in one state, through the same `source` interface the server's directory uses. */
function story(state: DirectoryState, args: Partial<SpaceArgs> = {}): StoryObj<SpaceArgs> {
  return {
    args,
    render: ({ theme, lang, navigation }) =>
      html`<div lang=${lang}>
        <convene-space
          space="river-coop"
          theme=${theme}
          navigation=${navigation}
          .source=${new FixedDirectory(state)}
        ></convene-space>
      </div>`,
  };
}

const meta: Meta<SpaceArgs> = {
  title: 'Elements/convene-space',
  component: 'convene-space',
  args: { theme: '', lang: 'en', navigation: 'none' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
    lang: { control: 'inline-radio', options: ['en', 'es'] },
    navigation: { control: 'inline-radio', options: ['hash', 'none'] },
  },
};
export default meta;

/** The directory: entrance first, names in public rooms, counts in the others, capacity when near. */
export const Directory = story({ status: 'ready', directory: riverCoop, stale: false });

/** The presence stream dropped: figures shown as possibly out of date while it reconnects. */
export const Reconnecting = story({ status: 'ready', directory: riverCoop, stale: true });

/** The server could not ask LiveKit who is where. */
export const PresenceUnavailable = story({
  status: 'ready',
  directory: {
    ...riverCoop,
    presence: 'unavailable',
    rooms: riverCoop.rooms.map((r) => ({ ...r, count: 0, people: [] })),
  },
  stale: false,
});

export const Loading = story({ status: 'loading' });

/** A space with no room this visitor may enter (its rooms are for members, say). */
export const Empty = story({ status: 'ready', directory: { ...riverCoop, rooms: [] }, stale: false });

export const SpaceNotFound = story({
  status: 'error',
  error: new ConveneApiError('space_not_found', 'There is no space "river-cop" on this server.', 404),
});

export const ServerUnreachable = story({
  status: 'error',
  error: new ConveneApiError('network', 'Could not reach the Convene server.'),
});

export const Spanish = story({ status: 'ready', directory: riverCoop, stale: false }, { lang: 'es' });

/**
 * A Spanish space on an English page, with the Lobby open: the room it opens speaks Spanish too
 * (its language is found across the space's shadow root).
 */
export const SpanishSpaceOpensSpanishRoom: StoryObj<SpaceArgs> = {
  render: ({ theme }) =>
    html`<div lang="en">
      <convene-space
        lang="es"
        space="river-coop"
        room="lobby"
        navigation="none"
        theme=${theme}
        .source=${new FixedDirectory({ status: 'ready', directory: riverCoop, stale: false })}
      ></convene-space>
    </div>`,
  play: async ({ canvasElement }) => {
    const space = canvasElement.querySelector('convene-space') as ConveneSpace;
    await waitFor(() => {
      const join = space.shadowRoot?.querySelector('convene-room')?.shadowRoot?.querySelector('button[type="submit"]');
      return expect(join?.textContent?.trim()).toBe('Entrar');
    });
    expect(space.shadowRoot?.querySelector('[part="back"]')?.textContent).toContain('Volver a las salas');
  },
};

export const Dark = story({ status: 'ready', directory: riverCoop, stale: false }, { theme: 'dark' });

/** River Co-op with its Workshop locked by a moderator for the rest of the meeting (knocking at its door). */
const lockedWorkshop = {
  ...riverCoop,
  rooms: riverCoop.rooms.map((r) => (r.slug === 'workshop' ? { ...r, knock: true, locked_by_moderator: true } : r)),
};
const cardOf = (space: ConveneSpace, room: string) =>
  space.shadowRoot?.querySelector(`[part="room-card"][data-room="${room}"]`) ?? undefined;

/** A moderator locked the Workshop for the rest of the meeting: its card says so, in text with an icon. */
export const LockedByModerator: StoryObj<SpaceArgs> = {
  ...story({ status: 'ready', directory: lockedWorkshop, stale: false }),
  play: async ({ canvasElement }) => {
    const space = canvasElement.querySelector('convene-space') as ConveneSpace;
    await waitFor(() =>
      expect(cardOf(space, 'workshop')?.querySelector('[data-locked-by-moderator]')?.textContent?.trim()).toBe(
        'Locked by a moderator',
      ),
    );
    expect(cardOf(space, 'lobby')?.querySelector('[data-locked-by-moderator]')).toBeNull();
  },
};

/**
 * The directory as a moderator sees it (door requests from `FixtureDoors`): two people asking to
 * come in to the locked Workshop, with Admit and Deny on its card.
 */
export const KnocksForModerator: StoryObj<SpaceArgs> = {
  render: ({ theme, lang }) => {
    const doors = new FixtureDoors({
      knocks: [
        { id: 'k-ada', name: 'Ada Lovelace', since: new Date(Date.now() - 120_000).toISOString() },
        { id: 'k-ben', name: 'Ben Okri', since: new Date(Date.now() - 60_000).toISOString() },
      ],
    });
    // The space's knock stream names the room each queue is for.
    void doors.roomInfo({ server: '', space: 'river-coop', room: 'workshop' });
    return html`<div lang=${lang}>
      <convene-space
        space="river-coop"
        theme=${theme}
        navigation="none"
        .doorsApi=${doors}
        .source=${new FixedDirectory({ status: 'ready', directory: lockedWorkshop, stale: false })}
      ></convene-space>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const space = canvasElement.querySelector('convene-space') as ConveneSpace;
    await waitFor(() => expect(cardOf(space, 'workshop')?.querySelectorAll('.knocks li')).toHaveLength(2));
    const names = [...cardOf(space, 'workshop')!.querySelectorAll('.knocks li span')].map((e) => e.textContent?.trim());
    expect(names).toEqual(['Ada Lovelace is asking to come in', 'Ben Okri is asking to come in']);
    expect(cardOf(space, 'workshop')?.querySelectorAll('.knocks button')).toHaveLength(4);
  },
};

// Live: the demo space of `npm start` is in live-space.stories.ts (`Live/convene-space`).
