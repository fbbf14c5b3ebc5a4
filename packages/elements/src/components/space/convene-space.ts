import { ConveneSpace } from './space.component.js';
// A space opens rooms in place: defining <convene-space> defines <convene-room> too.
import '../room/convene-room.js';

export { ConveneSpace };

// An embed may be loaded twice on one page: define once.
if (!customElements.get('convene-space')) customElements.define('convene-space', ConveneSpace);

declare global {
  interface HTMLElementTagNameMap {
    'convene-space': ConveneSpace;
  }
}
