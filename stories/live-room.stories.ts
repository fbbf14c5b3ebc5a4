import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { needsDemoServer } from '../.storybook/live.js';
import { ifDefined } from 'lit/directives/if-defined.js';

/**
 * `<convene-room>` against a real Convene server and LiveKit. **Run `npm start` first**: it
 * serves the demo space `river-coop` on http://localhost:8080 (`lobby` public, `workshop` locked
 * with the code it prints, `members` for members). Without it, these stories show the
 * "server unreachable" state once they join.
 */
interface RoomArgs {
  server: string;
  space: string;
  room: string;
  name: string;
  noPrejoin: boolean;
  loginUrl: string;
  lang: '' | 'en' | 'es';
  theme: 'auto' | 'light' | 'dark';
}

const meta: Meta<RoomArgs> = {
  title: 'Live/convene-room',
  decorators: [needsDemoServer],
  component: 'convene-room',
  args: {
    server: 'http://localhost:8080',
    space: 'river-coop',
    room: 'lobby',
    name: '',
    noPrejoin: false,
    loginUrl: '',
    lang: '',
    theme: 'auto',
  },
  argTypes: {
    room: { control: 'inline-radio', options: ['lobby', 'workshop', 'members'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    lang: { control: 'inline-radio', options: ['', 'en', 'es'] },
  },
  render: (args) =>
    html`<convene-room
      server=${args.server}
      space=${args.space}
      room=${args.room}
      name=${args.name}
      ?no-prejoin=${args.noPrejoin}
      login-url=${args.loginUrl}
      lang=${ifDefined(args.lang || undefined)}
      theme=${ifDefined(args.theme === 'auto' ? undefined : args.theme)}
    ></convene-room>`,
};
export default meta;

type Story = StoryObj<RoomArgs>;

/** The demo's lobby (run `npm start` first): pre-join, then the room; open it in two tabs to meet yourself. */
export const Lobby: Story = {};

/** Straight into the lobby with the host page's name (run `npm start` first). */
export const NoPrejoin: Story = { args: { name: 'Ada', noPrejoin: true } };

/** The locked workshop (run `npm start` first): Join asks for the access code `npm start` printed. */
export const LockedRoom: Story = { args: { room: 'workshop', name: 'Ada' } };

/**
 * The members' room as a guest (run `npm start` first): the message and the sign-in link, which
 * here is the demo's own sign-in (it makes this browser a member).
 */
export const MembersOnly: Story = {
  args: { room: 'members', name: 'Ada', noPrejoin: true, loginUrl: 'http://localhost:8080/demo/sign-in' },
};

/** A server that is not there (port 9): the real failure path, whether `npm start` runs or not. */
export const ServerUnreachable: Story = {
  args: { server: 'http://127.0.0.1:9', name: 'Ada', noPrejoin: true },
};
