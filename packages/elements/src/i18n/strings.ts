/**
 * The one string registry: every text a person sees in a room, a space or their furniture, one
 * table per language. English and Spanish ship; `registerStrings` adds or replaces a language.
 * The table is written by feature (./room-strings.ts, ./space-strings.ts, ./furniture-strings.ts)
 * and no key belongs to two features. A page overrides any entry through an element's `strings`
 * property; `LocalizeController` picks the language and applies the overrides.
 */
import type { FurnitureStrings } from './furniture-strings.js';
import { roomEn, roomEs, type RoomStrings } from './room-strings.js';
import { spaceEn, spaceEs, type SpaceStrings } from './space-strings.js';

export type { BuiltinKindLabel, FurnitureStrings } from './furniture-strings.js';
export type { ErrorKey, LeftReasonKey, MediaProblemKey, RoomStrings } from './room-strings.js';
export type { SpaceStrings } from './space-strings.js';

/** One language's table: the room's, the space's and the furniture's entries. */
export interface ConveneStrings extends RoomStrings, SpaceStrings, FurnitureStrings {}

/**
 * The shipped tables. Furniture's entries join them when furniture's code loads (the panel's
 * chunk, through `LocalizeController`'s sections), so the script-tag embed carries them only to
 * rooms that have furniture; a language registered before then gets them in English.
 */
export const en = { ...roomEn, ...spaceEn } as ConveneStrings;
export const es = { ...roomEs, ...spaceEs } as ConveneStrings;

/**
 * What a page may override through an element's `strings` property: any entry, and within the
 * tables of messages (`errors`, `leftBecause`, ...) any single message.
 */
export type ConveneStringOverrides = {
  [K in keyof ConveneStrings]?: ConveneStrings[K] extends (...args: never[]) => string
    ? ConveneStrings[K]
    : ConveneStrings[K] extends object
      ? Partial<ConveneStrings[K]>
      : ConveneStrings[K];
};

/** A table with a page's overrides on top (one level deep, so one message of a group can change). */
export function withOverrides(base: ConveneStrings, overrides: ConveneStringOverrides | undefined): ConveneStrings {
  if (!overrides) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] =
      typeof value === 'object' && typeof current === 'object' ? { ...(current as object), ...value } : value;
  }
  return merged as unknown as ConveneStrings;
}

const tables: Record<string, ConveneStrings> = { en, es };

/** The languages Convene ships, each with every entry. */
export const SHIPPED_LANGUAGES: readonly string[] = Object.freeze(Object.keys(tables));

const registered = new Set<() => void>();
const notify = () => {
  for (const listener of registered) listener();
};

/** A feature's entries in each shipped language, added to the registry when that feature's code loads. */
export type StringSection = { en: object; es: object };
const sections = new Set<StringSection>();

/**
 * Adds a feature's entries to the shipped tables (once per section); a table a page registered
 * earlier gets the English entries it lacks, as `registerStrings` gives it for any other entry.
 */
export function addSection(section: StringSection): void {
  if (sections.has(section)) return;
  sections.add(section);
  Object.assign(en, section.en);
  Object.assign(es, section.es);
  for (const table of Object.values(tables)) {
    for (const [key, value] of Object.entries(section.en)) if (!(key in table)) Object.assign(table, { [key]: value });
  }
  notify();
}

/**
 * Registers (or replaces) a language's table, e.g. `registerStrings('fr', {...en, join: 'Entrer'})`.
 * Elements on the page that speak it re-render. An entry the table lacks (a table written for an
 * older version) shows in English.
 */
export function registerStrings(lang: string, strings: ConveneStrings): void {
  tables[lang.toLowerCase()] = withOverrides(en, strings);
  notify();
}

/** Calls `listener` after every `registerStrings`; returns the function that stops it. */
export function onStringsRegistered(listener: () => void): () => void {
  registered.add(listener);
  return () => registered.delete(listener);
}

/** The table for a BCP 47 tag: exact, then its language, then English. */
export function stringsFor(lang: string | null | undefined): ConveneStrings {
  const tag = (lang ?? '').toLowerCase();
  return tables[tag] ?? tables[tag.split('-')[0] ?? ''] ?? en;
}
