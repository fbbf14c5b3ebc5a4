/** What the panel does with the registry: check settings, name tabs, load kinds' elements. */
import { furnitureDefinition, type SafeParseResult } from './registry.js';

/** Loaded tag names, per definition (a kind defined again loads its new element). */
const tags = new WeakMap<object, Promise<string>>();
let anonymous = 0;

/** Checks settings with the kind's schema; a kind without one takes any plain object. */
export function checkSettings(kind: string, settings: unknown): SafeParseResult<Record<string, unknown>> {
  const definition = furnitureDefinition(kind);
  if (!definition) return { success: false, error: new Error(`unknown furniture kind "${kind}"`) };
  if (definition.settings) return definition.settings.safeParse(settings ?? {});
  const ok = typeof settings === 'object' && settings !== null && !Array.isArray(settings);
  return ok || settings === undefined
    ? { success: true, data: (settings ?? {}) as Record<string, unknown> }
    : { success: false, error: new Error('settings must be an object') };
}

/** The label of a kind in a language, or the kind's name. */
export function furnitureLabel(kind: string, lang: string): string {
  const label = furnitureDefinition(kind)?.label;
  return (typeof label === 'function' ? label(lang) : label) || kind;
}

/** Loads a kind's element (once) and returns its tag name. */
export function furnitureTag(kind: string): Promise<string> {
  const definition = furnitureDefinition(kind);
  if (!definition) return Promise.reject(new Error(`unknown furniture kind "${kind}"`));
  let tag = tags.get(definition);
  if (!tag) {
    tag = (async () => {
      let source = definition.element;
      if (typeof source === 'function' && !isElementClass(source)) {
        source = await (source as () => Promise<string | CustomElementConstructor>)();
      }
      if (typeof source === 'string') return source;
      const klass = source as CustomElementConstructor;
      const known = customElementTagFor(klass);
      if (known) return known;
      const name = `convene-furniture-${kind}-${++anonymous}`;
      // A page's kind given as a bare class: defined here, under a name of its own.
      // eslint-disable-next-line no-restricted-syntax -- see above
      customElements.define(name, klass);
      return name;
    })();
    tag.catch(() => tags.delete(definition));
    tags.set(definition, tag);
  }
  return tag;
}

function isElementClass(source: unknown): source is CustomElementConstructor {
  return typeof source === 'function' && (source as { prototype?: unknown }).prototype instanceof HTMLElement;
}

function customElementTagFor(klass: CustomElementConstructor): string | undefined {
  return (
    (customElements as CustomElementRegistry & { getName?(c: CustomElementConstructor): string | null }).getName?.(
      klass,
    ) ?? undefined
  );
}
