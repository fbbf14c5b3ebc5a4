/**
 * The furniture registry: which custom element shows each kind, and the schema its settings are
 * checked with. Small on purpose (it ships in convene.js); kinds' code loads only when a room
 * has them.
 */
import { KIND_PATTERN } from '@convene/server/contract';
import type { FurnitureSession } from './session.js';

/** The outcome of `safeParse`, as zod 4 (and anything shaped like it) returns it. */
export type SafeParseResult<S> = { success: true; data: S } | { success: false; error: unknown };

/** A settings schema: anything with zod's `safeParse`, so the server's zod schema can be passed as is. */
export interface SettingsSchema<S = Record<string, unknown>> {
  safeParse(input: unknown): SafeParseResult<S>;
}

/** What the panel hands every furniture element (properties, set again whenever they change). */
export interface FurnitureElement<S = Record<string, unknown>> extends HTMLElement {
  /** The room's livekit-client `Room`, once joined. */
  room?: unknown;
  /**
   * The room's session when the panel is a `<convene-room>`'s: its `spotlight` and `showReaction`
   * are the stage's. Absent in a panel used without a room.
   */
  session?: FurnitureSession | undefined;
  /** The piece's settings, already checked against its kind's schema. */
  settings?: S;
  /** Whether the piece is the tab on show (unread counts reset when it is). */
  active?: boolean;
  /** Hosts the space lets `embed` show. */
  embedHosts?: readonly string[];
  /** Whether the server made this visitor a moderator (the server checks again when asked to act). */
  moderator?: boolean;
  /** Asks the Convene server to act (`lower-hand`, `spotlight`, `unspotlight`, ...) with this visitor's token. */
  moderate?: (action: string, identity: string) => Promise<void>;
  /** Asks the Convene server for a token for one of the room's breakout tables. */
  tableToken?: (table: string) => Promise<unknown>;
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
  /**
   * At most one per room: the kind keeps its state under fixed names (a LiveKit topic, attribute or
   * RPC method), so a second would fight the first. A second shows a placeholder and `convene-error`.
   * Kinds that may repeat (the default) get distinct tabs: "Notes", "Notes 2".
   */
  once?: boolean;
}

/** A furniture kind's name: a lowercase letter, then letters, digits and dashes (the contract's `KIND_PATTERN`). */
export const FURNITURE_KIND = KIND_PATTERN;

// The built-in kinds join when a room first lays out furniture (builtins.ts, in the panel's chunk),
// unless the page defined a kind of the same name first.
const registry = new Map<string, FurnitureDefinition<never>>();

/**
 * Registers a furniture kind. Defining a kind again replaces it (an embed loaded twice does no
 * harm). A co-op's own kind:
 *
 * ```js
 * defineFurniture('tea-rota', { element: TeaRota, settings: teaRotaSchema, label: 'Tea rota', once: true });
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
}

/** The definition of a kind, if one is registered. */
export function furnitureDefinition(kind: string): FurnitureDefinition | undefined {
  return registry.get(kind) as FurnitureDefinition | undefined;
}

/** Every registered kind, sorted. */
export function furnitureKindNames(): string[] {
  return [...registry.keys()].sort();
}
