import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { needsDemoServer } from '../.storybook/live.js';
import '../packages/elements/src/furniture/convene-furniture.js';

/**
 * Furniture that shares state between people (chat, hand-raise, spotlight) in a real room.
 * **Run `npm start` first** (the demo on http://localhost:8080), join, and open the same story in
 * a second tab to talk to yourself. The furniture is placed by the page, as `<convene-furniture>`
 * children of the room. Without the server, Join shows the "server unreachable" state.
 */
interface FurnitureArgs {
  name: string;
  lang: '' | 'en' | 'es';
}

const meta: Meta<FurnitureArgs> = {
  title: 'Live/convene-furniture',
  decorators: [needsDemoServer],
  component: 'convene-furniture',
  args: { name: '', lang: '' },
  argTypes: { lang: { control: 'inline-radio', options: ['', 'en', 'es'] } },
};
export default meta;

const AGENDA = '# Agenda\n\n1. Welcome\n2. **Budget**\n3. Any other business';

/** The demo lobby furnished by the page (run `npm start` first): chat, hand-raise, spotlight and an agenda. */
export const FurnishedLobby: StoryObj<FurnitureArgs> = {
  render: ({ name, lang }) =>
    html`<convene-room server="http://localhost:8080" space="river-coop" room="lobby" name=${name} lang=${lang || 'en'}>
      <convene-furniture kind="chat"></convene-furniture>
      <convene-furniture kind="hand-raise"></convene-furniture>
      <convene-furniture kind="spotlight" settings='{"anyone": true}'></convene-furniture>
      <convene-furniture kind="markdown" label="Agenda">${AGENDA}</convene-furniture>
    </convene-room>`,
};
