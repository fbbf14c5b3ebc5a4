/**
 * What `<convene-room>` needs to host furniture, kept tiny (it ships in convene.js): the watch on
 * the page's `<convene-furniture>` children (page.ts) and the loader of the panel's chunk. The
 * panel never imports this module, so loading it makes no import circle.
 */
export { FurnitureWatch } from './page.js';

/** Loads and defines `<convene-furniture-panel>` (its own chunk; kinds load apart, as needed). */
export function loadFurniturePanel(): Promise<unknown> {
  return import('./convene-furniture-panel.js');
}
