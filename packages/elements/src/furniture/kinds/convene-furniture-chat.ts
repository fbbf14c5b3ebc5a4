import { ConveneFurnitureChat } from './chat.component.js';

export { ConveneFurnitureChat };

/** The tag the panel creates for a `chat` piece. */
export const tag = 'convene-furniture-chat';

// An embed may be loaded twice on one page: define once.
if (!customElements.get(tag)) customElements.define(tag, ConveneFurnitureChat);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-chat': ConveneFurnitureChat;
  }
}
