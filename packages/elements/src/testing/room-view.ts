/**
 * View tests of `<convene-room>` from fixtures: the element with a `FixtureSession` (no server,
 * no LiveKit), and the few queries the tests share.
 */
import { fixture, html } from '@open-wc/testing';
import type { ConveneRoom } from '../components/room/room.component.js';
import '../components/room/convene-room.js';
import { FixtureSession, type FixtureScript } from './fixture-session.js';
import { until } from './stack.js';

export const SERVER = 'https://convene.example';

/** A `<convene-room>` (in a box `width` px wide) whose session plays `script`; without `prejoin`, joined at once (resolves on the stage). */
export async function fixtureRoom(
  script: FixtureScript = {},
  options: { name?: string; prejoin?: boolean; width?: number; lang?: string } = {},
): Promise<{ el: ConveneRoom; session: () => FixtureSession }> {
  const { name = 'Sam Rivera', prejoin = false, width = 960, lang = 'en' } = options;
  const wrapper = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px" lang=${lang}>
      <convene-room
        server=${SERVER}
        space="river-coop"
        room="lobby"
        name=${name}
        ?no-prejoin=${!prejoin}
        .sessionFactory=${(options: ConstructorParameters<typeof FixtureSession>[0]) =>
          new FixtureSession(options, { delay: 0, ...script })}
      ></convene-room>
    </div>`,
  );
  const el = wrapper.querySelector('convene-room')!;
  // The first render waits for its language (a shipped one other than English loads on first use).
  await el.updateComplete;
  if (!prejoin) await until('the stage', () => $(el, '[part~="stage"]'));
  return { el, session: () => el.session as FixtureSession };
}

export const $ = <T extends Element = HTMLElement>(el: Element, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
export const tiles = (el: ConveneRoom) => $$(el, '[part~="tile"]');
/** The names on the tiles, as a person reads them. */
export const names = (el: ConveneRoom) => tiles(el).map((t) => t.querySelector('[part~="tile-name"]')?.textContent);
export const tileOf = (el: ConveneRoom, name: string) =>
  tiles(el).find((t) => t.querySelector('[part~="tile-name"]')?.textContent === name);
/** What the element last announced to screen readers. */
export const announced = (el: ConveneRoom) => $(el, '[aria-live="polite"]')?.textContent?.trim() ?? '';
