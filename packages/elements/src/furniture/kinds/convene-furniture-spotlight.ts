import { ConveneFurnitureSpotlight } from './spotlight.component.js';

export { ConveneFurnitureSpotlight };

/** The tag the panel creates for a `spotlight` piece. */
export const tag = 'convene-furniture-spotlight';

// An embed may be loaded twice on one page: define once.
// eslint-disable-next-line no-restricted-syntax -- this is the registration file (eslint's exemption names src/components/* only)
if (!customElements.get(tag)) customElements.define(tag, ConveneFurnitureSpotlight);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-spotlight': ConveneFurnitureSpotlight;
  }
}
