import { ConveneRoom } from './room.component.js';

export { ConveneRoom };

// An embed may be loaded twice on one page: define once.
if (!customElements.get('convene-room')) customElements.define('convene-room', ConveneRoom);

declare global {
  interface HTMLElementTagNameMap {
    'convene-room': ConveneRoom;
  }
}
