import { ConveneFurniture } from './furniture.component.js';

export { ConveneFurniture };
export { defineFurniture, type FurnitureDefinition, type FurnitureElement, type SettingsSchema } from './registry.js';

// An embed may be loaded twice on one page: define once.
// eslint-disable-next-line no-restricted-syntax -- this is the registration file (eslint's exemption names src/components/* only)
if (!customElements.get('convene-furniture')) customElements.define('convene-furniture', ConveneFurniture);

declare global {
  interface HTMLElementTagNameMap {
    'convene-furniture': ConveneFurniture;
  }
}
