import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { FurnitureEntry } from '@convene/server/contract';
import '../packages/elements/src/furniture/convene-furniture.js';
import '../packages/elements/src/furniture/convene-furniture-panel.js';

/**
 * `<convene-furniture-panel>`: a room's furniture around its stage (here a placeholder stage).
 * Kinds that share state (chat, hand-raise, spotlight) need a joined room: see them in
 * `<convene-room>` against `npm start`; these stories show the layout and the kinds that need none.
 */
interface PanelArgs {
  furniture: FurnitureEntry[];
  embedHosts: string[];
  lang: '' | 'en' | 'es';
}

const stage = html`<div
  style="aspect-ratio: 16 / 9; display: grid; place-items: center; background: #222; color: #fff; border-radius: 0.5rem"
>
  Stage (the video bridge)
</div>`;

const meta: Meta<PanelArgs> = {
  title: 'Elements/convene-furniture',
  component: 'convene-furniture-panel',
  args: { furniture: [], embedHosts: [], lang: '' },
  argTypes: { lang: { control: 'inline-radio', options: ['', 'en', 'es'] } },
  render: (args) =>
    html`<convene-furniture-panel lang=${args.lang || 'en'} .furniture=${args.furniture} .embedHosts=${args.embedHosts}
      >${stage}</convene-furniture-panel
    >`,
};
export default meta;

type Story = StoryObj<PanelArgs>;

/** No furniture list: the video bridge alone. */
export const VideoBridgeAlone: Story = {};

/** Notes from the config: headings, lists and links that open in a new tab. */
export const Markdown: Story = {
  args: {
    furniture: [
      { kind: 'video-bridge', settings: {} },
      {
        kind: 'markdown',
        label: 'Agenda',
        settings: {
          text: '# Agenda\n\n1. Welcome\n2. **Budget**\n3. Any other business\n\nMinutes: [last month](https://example.org/minutes)',
        },
      },
    ],
  },
};

/** An embed from a host the space allows, and one it does not. */
export const Embed: Story = {
  args: {
    embedHosts: ['forms.example.org'],
    furniture: [
      { kind: 'embed', label: 'Sign-up', settings: { url: 'https://forms.example.org/f/1', title: 'Sign-up form' } },
      { kind: 'embed', label: 'Elsewhere', settings: { url: 'https://elsewhere.example/board' } },
    ],
  },
};

/** A kind this page does not know: a placeholder (and a `convene-error`), never a blank. */
export const UnknownKind: Story = {
  args: { furniture: [{ kind: 'jukebox', settings: {} }] },
};

/** Spanish. */
export const Spanish: Story = {
  args: {
    ...Markdown.args,
    lang: 'es',
    furniture: [...(Markdown.args?.furniture ?? []), { kind: 'jukebox', settings: {} }],
  },
};
