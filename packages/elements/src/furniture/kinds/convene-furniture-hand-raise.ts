import { ConveneFurnitureHandRaise } from './hand-raise.component.js';

export { ConveneFurnitureHandRaise };

/** The tag the panel creates for a `hand-raise` piece. */
export const tag = 'convene-furniture-hand-raise';

// An embed may be loaded twice on one page: define once.
// eslint-disable-next-line no-restricted-syntax -- this is the registration file (eslint's exemption names src/components/* only)
if (!customElements.get(tag)) customElements.define(tag, ConveneFurnitureHandRaise);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-hand-raise': ConveneFurnitureHandRaise;
  }
}
