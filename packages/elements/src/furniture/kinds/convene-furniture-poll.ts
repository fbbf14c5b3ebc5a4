import { ConveneFurniturePoll } from './poll.component.js';

export { ConveneFurniturePoll };

/** The tag the panel creates for a `poll` piece. */
export const tag = 'convene-furniture-poll';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-poll', ConveneFurniturePoll);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-poll': ConveneFurniturePoll;
  }
}
