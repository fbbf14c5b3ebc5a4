import { ConveneFurnitureMarkdown } from './markdown.component.js';

export { ConveneFurnitureMarkdown };

/** The tag the panel creates for a `markdown` piece. */
export const tag = 'convene-furniture-markdown';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-markdown', ConveneFurnitureMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-markdown': ConveneFurnitureMarkdown;
  }
}
