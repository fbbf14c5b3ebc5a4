import { ConveneFurniture } from './furniture.component.js';

export { ConveneFurniture };
export { defineFurniture, type FurnitureDefinition, type FurnitureElement, type SettingsSchema } from './registry.js';

// An embed may be loaded twice on one page: define once.
if (!customElements.get('convene-furniture')) customElements.define('convene-furniture', ConveneFurniture);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture': ConveneFurniture;
  }
}
