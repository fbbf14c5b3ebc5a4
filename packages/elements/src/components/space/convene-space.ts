import { ConveneSpace } from './space.component.js';
// A space opens rooms in place: it loads <convene-room>'s registration itself (a chunk of its own in
// the embed) before it shows one, so a page that only lists rooms never loads the room.

export { ConveneSpace };

// An embed may be loaded twice on one page: define once.
if (!customElements.get('convene-space')) customElements.define('convene-space', ConveneSpace);

declare global {
  interface HTMLElementTagNameMap {
    'convene-space': ConveneSpace;
  }
}
