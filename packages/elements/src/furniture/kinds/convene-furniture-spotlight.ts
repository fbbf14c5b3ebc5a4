import { ConveneFurnitureSpotlight } from './spotlight.component.js';

export { ConveneFurnitureSpotlight };

/** The tag the panel creates for a `spotlight` piece. */
export const tag = 'convene-furniture-spotlight';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-spotlight', ConveneFurnitureSpotlight);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-spotlight': ConveneFurnitureSpotlight;
  }
}
