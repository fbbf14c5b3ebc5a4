import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/**
 * `<convene-room>` in each state a visitor can meet. The stories talk to a real Convene server:
 * run `npm start` (it serves the demo space `river-coop` on http://localhost:8080) and they
 * work as a visitor would see them.
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
  title: 'Elements/convene-room',
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

/** Pre-join: name, camera preview, microphone level, camera and microphone, devices, Join. */
export const Prejoin: Story = {};

/** Pre-join with the name already known (from the host page). */
export const PrejoinWithName: Story = { args: { name: 'Ada' } };

/** Straight into the room with the host page's name. */
export const NoPrejoin: Story = { args: { name: 'Ada', noPrejoin: true } };

/** A locked room: Join asks for the access code (the demo's is printed by `npm start`). */
export const LockedRoom: Story = { args: { room: 'workshop', name: 'Ada' } };

/** A members-only room for a guest: the message and the host page's sign-in link. */
export const MembersOnly: Story = {
  args: { room: 'members', name: 'Ada', noPrejoin: true, loginUrl: '/sign-in' },
};

/** The server cannot be reached: the message and Try again. */
export const ServerUnreachable: Story = {
  args: { server: 'http://127.0.0.1:9', name: 'Ada', noPrejoin: true },
};

/** In Spanish, whatever the page's language. */
export const Spanish: Story = { args: { lang: 'es', name: 'Ada' } };

/** Forced dark, whatever the visitor's system prefers. */
export const Dark: Story = { args: { theme: 'dark', name: 'Ada' } };

/** Restyled by the page through custom properties and parts. */
export const Themed: Story = {
  args: { name: 'Ada' },
  render: (args) =>
    html`<style>
        .themed {
          --convene-color-accent: #0a7d4f;
          --convene-radius: 4px;
          --convene-font: 500 15px/1.4 Georgia, serif;
          --convene-tile-aspect: 4 / 3;
        }
        .themed::part(control) {
          border-radius: 999px;
        }
      </style>
      <convene-room
        class="themed"
        server=${args.server}
        space=${args.space}
        room=${args.room}
        name=${args.name}
      ></convene-room>`,
};
