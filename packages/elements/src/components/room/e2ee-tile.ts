/**
 * On the tile of someone whose media this browser cannot decrypt, in an encrypted room (issue 15):
 * "can't decrypt (different key?)", where their picture would be. Drawn with the tile's status
 * line (./tile-status.ts); the text comes with the e2ee chunk's strings, loaded by then.
 */
import { html, nothing, svg } from 'lit';
import type { ConveneStrings } from '../../i18n/strings.js';
import type { E2eeStrings } from '../../i18n/e2ee-strings.js';
import type { ParticipantView } from './session.js';

/** A padlock, inline like the room's other icons (./icons.ts), hidden from assistive technology. */
export const lockIcon = svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/></svg>`;

export function renderUndecryptable(t: ConveneStrings, p: ParticipantView) {
  if (!p.undecryptable) return nothing;
  const text = t as ConveneStrings & Partial<E2eeStrings>;
  return html`<p part="tile-status undecryptable" class="tile-status" data-e2ee="undecryptable">
    <span class="visually-hidden">${text.e2eeCantDecryptName?.(p.name) ?? ''}</span
    ><span aria-hidden="true">${text.e2eeCantDecrypt ?? ''}</span>
  </p>`;
}
