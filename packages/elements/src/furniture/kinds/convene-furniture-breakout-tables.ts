import { ConveneFurnitureBreakoutTables } from './breakout-tables.component.js';

export { ConveneFurnitureBreakoutTables };

/** The tag the panel creates for a `breakout-tables` piece. */
export const tag = 'convene-furniture-breakout-tables';

// An embed may be loaded twice on one page: define once (the tag written out for custom-elements.json).
if (!customElements.get(tag))
  customElements.define('convene-furniture-breakout-tables', ConveneFurnitureBreakoutTables);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture-breakout-tables': ConveneFurnitureBreakoutTables;
  }
}
