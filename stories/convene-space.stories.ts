import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

interface SpaceArgs {
  server: string;
  space: string;
}

const meta: Meta<SpaceArgs> = {
  title: 'Elements/convene-space',
  component: 'convene-space',
  args: { server: 'http://localhost:8080', space: 'river-coop' },
  render: (args) => html`<convene-space server=${args.server} space=${args.space}></convene-space>`,
};
export default meta;

/** The directory of the demo space (live when `npm start` runs; otherwise it says the server is unreachable). */
export const Directory: StoryObj<SpaceArgs> = {};
