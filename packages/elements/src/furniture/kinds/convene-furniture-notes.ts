import { ConveneFurnitureNotes } from './notes.component.js';

export { ConveneFurnitureNotes };

/** The tag the panel creates for a `notes` piece. */
export const tag = 'convene-furniture-notes';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag)) customElements.define('convene-furniture-notes', ConveneFurnitureNotes);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-notes': ConveneFurnitureNotes;
  }
}
