import { ConveneFurnitureEmbed } from './embed.component.js';

export { ConveneFurnitureEmbed };

/** The tag the panel creates for a `embed` piece. */
export const tag = 'convene-furniture-embed';

// An embed may be loaded twice on one page: define once.
if (!customElements.get(tag)) customElements.define(tag, ConveneFurnitureEmbed);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-embed': ConveneFurnitureEmbed;
  }
}
