/**
 * On the tile of someone whose media this browser cannot decrypt, in an encrypted room (issue 15):
 * "can't decrypt (different key?)", where their picture would be. Drawn with the tile's status
 * line (./tile-status.ts), from the e2ee chunk (`RoomE2ee.renderTile`, which the stage reaches
 * through its view's `undecryptable`): only an encrypted room loads it, with the strings it shows.
 */
import { html, nothing } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import type { E2eeStrings } from '../../i18n/e2ee-strings.js';
import type { ParticipantView } from './session.js';

export function renderUndecryptable(t: ConveneStrings, p: ParticipantView) {
  if (!p.undecryptable) return nothing;
  const text = t as ConveneStrings & Partial<E2eeStrings>;
  return html`<p part="tile-status undecryptable" class="tile-status" data-e2ee="undecryptable">
    <span class="visually-hidden">${text.e2eeCantDecryptName?.(p.name) ?? ''}</span
    ><span aria-hidden="true">${text.e2eeCantDecrypt ?? ''}</span>
  </p>`;
}
