/**
 * The furniture registry: which custom element shows each kind, and the schema its settings are
 * checked with. Small on purpose (it ships in convene.js); kinds' code loads only when a room
 * has them.
 */

/** The outcome of `safeParse`, as zod 4 (and anything shaped like it) returns it. */
export type SafeParseResult<S> = { success: true; data: S } | { success: false; error: unknown };

/** A settings schema: anything with zod's `safeParse`, so the server's zod schema can be passed as is. */
export interface SettingsSchema<S = Record<string, unknown>> {
  safeParse(input: unknown): SafeParseResult<S>;
}

/** What the panel hands every furniture element. */
export interface FurnitureElement<S = Record<string, unknown>> extends HTMLElement {
  /** The room's livekit-client `Room`, once joined. */
  room?: unknown;
  /** The piece's settings, already checked against its kind's schema. */
  settings?: S;
  /** Whether the piece is the tab on show (unread counts reset when it is). */
  active?: boolean;
  /** Hosts the space lets `embed` show. */
  embedHosts?: readonly string[];
}

/** A custom element class, its tag name, or a function that loads either (for a separate chunk). */
export type FurnitureElementSource =
  string | CustomElementConstructor | (() => Promise<string | CustomElementConstructor>);

export interface FurnitureDefinition<S = Record<string, unknown>> {
  /** The element that shows the kind (see `FurnitureElementSource`). */
  element: FurnitureElementSource;
  /** Checks settings from the config or the page; the server can use the same schema. */
  settings?: SettingsSchema<S>;
  /** The tab's label when the config or the page gives none; a function gets the page's language. */
  label?: string | ((lang: string) => string);
}

export const FURNITURE_KIND = /^[a-z][a-z0-9-]{0,39}$/;

const registry = new Map<string, FurnitureDefinition<never>>();
const tags = new Map<string, Promise<string>>();
let anonymous = 0;

/**
 * Registers a furniture kind. Defining a kind again replaces it (an embed loaded twice does no
 * harm). A co-op's own kind:
 *
 * ```js
 * defineFurniture('tea-rota', { element: TeaRota, settings: teaRotaSchema, label: 'Tea rota' });
 * ```
 */
export function defineFurniture<S extends Record<string, unknown>>(
  kind: string,
  definition: FurnitureDefinition<S>,
): void {
  if (!FURNITURE_KIND.test(kind)) {
    throw new Error(`"${kind}" is not a furniture kind: use lowercase letters, digits and dashes`);
  }
  registry.set(kind, definition as unknown as FurnitureDefinition<never>);
  tags.delete(kind);
}

/** The definition of a kind, if one is registered. */
export function furnitureDefinition(kind: string): FurnitureDefinition | undefined {
  return registry.get(kind) as FurnitureDefinition | undefined;
}

/** Every registered kind, sorted. */
export function furnitureKindNames(): string[] {
  return [...registry.keys()].sort();
}

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
  let tag = tags.get(kind);
  if (!tag) {
    const definition = furnitureDefinition(kind);
    if (!definition) return Promise.reject(new Error(`unknown furniture kind "${kind}"`));
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
      customElements.define(name, klass);
      return name;
    })();
    tag.catch(() => tags.delete(kind));
    tags.set(kind, tag);
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
