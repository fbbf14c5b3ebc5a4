import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { needsDemoServer } from '../.storybook/live.js';

/**
 * `<convene-space>` against a real Convene server, with live presence. **Run `npm start`
 * first**: it serves the demo space `river-coop` on http://localhost:8080; open the lobby in
 * another tab and watch the directory follow. Without it, the "server unreachable" state.
 */
interface SpaceArgs {
  theme: '' | 'light' | 'dark';
  lang: string;
}

const meta: Meta<SpaceArgs> = {
  title: 'Live/convene-space',
  decorators: [needsDemoServer],
  component: 'convene-space',
  args: { theme: '', lang: 'en' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
    lang: { control: 'inline-radio', options: ['en', 'es'] },
  },
};
export default meta;

/** The demo space of `npm start` (run it first; http://localhost:8080). Without it, the unreachable state. */
export const Live: StoryObj<SpaceArgs> = {
  render: ({ theme, lang }) =>
    html`<div lang=${lang}>
      <convene-space server="http://localhost:8080" space="river-coop" theme=${theme} navigation="none"></convene-space>
    </div>`,
};
