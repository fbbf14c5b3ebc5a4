import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

interface RoomArgs {
  server: string;
  space: string;
  room: string;
  name: string;
  theme: 'auto' | 'light' | 'dark';
}

const meta: Meta<RoomArgs> = {
  title: 'Elements/convene-room',
  component: 'convene-room',
  args: { server: 'http://localhost:8080', space: 'river-coop', room: 'lobby', name: '', theme: 'auto' },
  argTypes: { theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] } },
  render: (args) =>
    html`<convene-room
      server=${args.server}
      space=${args.space}
      room=${args.room}
      name=${args.name}
      theme=${args.theme === 'auto' ? '' : args.theme}
    ></convene-room>`,
};
export default meta;

/** Pre-join: what a visitor meets first. With `npm start` running, Join enters the demo's lobby. */
export const Prejoin: StoryObj<RoomArgs> = {};

/** Pre-join with the name already known. */
export const PrejoinWithName: StoryObj<RoomArgs> = { args: { name: 'Ada' } };
