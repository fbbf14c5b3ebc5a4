import { ConveneFurnitureEmbed } from './embed.component.js';

export { ConveneFurnitureEmbed };

/** The tag the panel creates for a `embed` piece. */
export const tag = 'convene-furniture-embed';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-embed', ConveneFurnitureEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-embed': ConveneFurnitureEmbed;
  }
}
