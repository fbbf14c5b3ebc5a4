import { ConveneFurnitureChat } from './chat.component.js';

export { ConveneFurnitureChat };

/** The tag the panel creates for a `chat` piece. */
export const tag = 'convene-furniture-chat';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-chat', ConveneFurnitureChat);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-chat': ConveneFurnitureChat;
  }
}
