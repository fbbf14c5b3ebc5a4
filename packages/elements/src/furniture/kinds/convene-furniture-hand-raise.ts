import { ConveneFurnitureHandRaise } from './hand-raise.component.js';

export { ConveneFurnitureHandRaise };

/** The tag the panel creates for a `hand-raise` piece. */
export const tag = 'convene-furniture-hand-raise';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-hand-raise', ConveneFurnitureHandRaise);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-hand-raise': ConveneFurnitureHandRaise;
  }
}
