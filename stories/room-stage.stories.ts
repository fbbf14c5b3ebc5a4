import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { expect, waitFor } from 'storybook/test';
import type { ConveneRoom } from '@convene/elements';
import { fixture, people, type FixtureScript } from '../packages/elements/src/testing/fixture-session.js';

/**
 * Stage rooms (issue 17) in `<convene-room>`, without a server: three speakers on the stage and
 * 239 watching, played by the fixture session. The audience sees the speakers and the count, and
 * may ask to speak; a moderator sees the queue in order and brings someone up. `Live/...` stories
 * have real rooms.
 */
interface StageArgs {
  lang: '' | 'en' | 'es';
  script: FixtureScript;
}

type Story = StoryObj<StageArgs>;

const ASSEMBLY: FixtureScript = { people: people(5), stage: { speakers: [0, 1, 2], watching: 236 } };

const meta: Meta<StageArgs> = {
  title: 'Elements/convene-room stage',
  component: 'convene-room',
  args: { lang: '', script: ASSEMBLY },
  argTypes: { lang: { control: 'inline-radio', options: ['', 'en', 'es'] }, script: { control: false } },
  render: (args) =>
    html`${keyed(
      JSON.stringify(args),
      html`<convene-room
        server="https://convene.example"
        space="river-coop"
        room="hall"
        name="Sam Rivera"
        lang=${args.lang || 'en'}
        no-prejoin
        .sessionFactory=${fixture(args.script)}
      ></convene-room>`,
    )}`,
};
export default meta;

const inRoom = async (canvasElement: HTMLElement) => {
  const room = canvasElement.querySelector<ConveneRoom>('convene-room')!;
  await waitFor(() => expect(room.shadowRoot!.querySelector('[part="watching"]')).toBeTruthy());
  return room.shadowRoot!;
};

/** The audience: the speakers large, how many watch, Ask to speak; no camera or microphone. */
export const Audience: Story = {
  play: async ({ canvasElement }) => {
    const root = await inRoom(canvasElement);
    await expect(root.querySelector('[part="watching"]')!.textContent).toBe('239 watching');
    await expect(root.querySelector('[data-control="microphone"]')).toBeNull();
  },
};

/** A moderator in the audience: the queue to speak, longest waiting first, each with Bring up. */
export const ModeratorQueue: Story = {
  args: { script: { ...ASSEMBLY, moderator: true, hands: [4, 3], stage: { ...ASSEMBLY.stage, me: 'audience' } } },
  play: async ({ canvasElement }) => {
    const root = await inRoom(canvasElement);
    await expect(root.querySelectorAll('[part="speak-queue"] [data-action="bring-up"]')).toHaveLength(2);
  },
};

/** A moderator on the stage: the device check before going on, and Send back on each speaker. */
export const ModeratorOnStage: Story = {
  args: { script: { ...ASSEMBLY, moderator: true } },
  play: async ({ canvasElement }) => {
    const root = await inRoom(canvasElement);
    await waitFor(() => expect(root.querySelector('[part="device-check"]')).toBeTruthy());
  },
};

/** A speaker shares a screen: it takes the stage, as in ordinary rooms. */
export const SpeakerSharing: Story = { args: { script: { ...ASSEMBLY, presenter: 1 } } };

/** The audience, in Spanish. */
export const AudienceSpanish: Story = { args: { lang: 'es' } };
