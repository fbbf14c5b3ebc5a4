/**
 * The one string registry: every text a person sees in a room, a space or their furniture, one
 * table per language. English, Spanish, French, German, Portuguese, Catalan, Italian and Arabic
 * ship; `registerStrings` adds or replaces a language.
 * English is written by feature (./room-strings.ts, ./space-strings.ts, ./furniture-strings.ts,
 * no key in two features) and is always here, the fallback; every other shipped language is one
 * file (./es.ts, ./fr.ts, ...) that loads when an element first speaks it (`loadStrings`), so the script-tag
 * embed does not carry languages a page does not use. A page overrides any entry through an
 * element's `strings` property; `LocalizeController` picks the language and applies the overrides.
 */
import type { FurnitureStrings } from './furniture-strings.js';
import { roomEn, type RoomStrings } from './room-strings.js';
import { spaceEn, type SpaceStrings } from './space-strings.js';

export type { BuiltinKindLabel, FurnitureStrings } from './furniture-strings.js';
export type { ErrorKey, LeftReasonKey, MediaProblemKey, RoomStrings } from './room-strings.js';
export type { SpaceStrings } from './space-strings.js';

/** One language's table: the room's, the space's and the furniture's entries. */
export interface ConveneStrings extends RoomStrings, SpaceStrings, FurnitureStrings {}

/**
 * English. Furniture's entries join it when furniture's code loads (the panel's chunk, through
 * `LocalizeController`'s sections), so the script-tag embed carries them only to rooms that have
 * furniture; a language registered before then gets them in English.
 */
export const en = { ...roomEn, ...spaceEn } as ConveneStrings;

/** The shipped languages other than English, each loaded on first use (its module exports its table under its tag). */
const shipped: Record<string, () => Promise<unknown>> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  pt: () => import('./pt.js'),
  ca: () => import('./ca.js'),
  it: () => import('./it.js'),
  ar: () => import('./ar.js'),
};

/**
 * The same languages' entries for the features that bring their own code (furniture, doors,
 * polls, notes): loaded with the language once any such feature has added its section, so a page
 * whose rooms have none of them never fetches them (each module exports its table as `features`).
 */
const shippedFeatures: Record<string, () => Promise<unknown>> = {
  es: () => import('./es-features.js'),
  fr: () => import('./fr-features.js'),
  de: () => import('./de-features.js'),
  pt: () => import('./pt-features.js'),
  ca: () => import('./ca-features.js'),
  it: () => import('./it-features.js'),
  ar: () => import('./ar-features.js'),
};

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

const tables: Record<string, ConveneStrings> = { en };

/** The languages Convene ships, each with every entry (all but English load on first use). */
export const SHIPPED_LANGUAGES: readonly string[] = Object.freeze(['en', ...Object.keys(shipped)]);

const registered = new Set<() => void>();
const notify = () => {
  for (const listener of registered) listener();
};

/** A feature's English entries, added to the registry when that feature's code loads. */
export type StringSection = { en: object };
const sections = new Set<StringSection>();

/** Fills the entries `table` lacks with English ones (a table written for an older version, a section loaded later). */
function fill(table: ConveneStrings): ConveneStrings {
  for (const [key, value] of Object.entries(en)) if (!(key in table)) Object.assign(table, { [key]: value });
  return table;
}

/**
 * Adds a feature's English entries to the registry (once per section); every other table (the
 * shipped languages have theirs already) gets the English entries it lacks.
 */
export function addSection(section: StringSection): void {
  if (sections.has(section)) return;
  sections.add(section);
  Object.assign(en, section.en);
  Object.values(tables).forEach(fill);
  // The languages already in use get their features' entries (English stands in until they arrive).
  for (const key of Object.keys(tables)) void loadFeatures(key);
  notify();
}

const featuresLoading = new Map<string, Promise<void>>();

/** Loads a shipped language's features' entries into its table, once a feature is on the page; `undefined` when there is nothing to load. */
function loadFeatures(key: string): Promise<void> | undefined {
  const load = shippedFeatures[key];
  if (!load || sections.size === 0) return undefined;
  let pending = featuresLoading.get(key);
  if (!pending) {
    pending = load().then(
      (module) => {
        const { features } = module as { features: object };
        delete shippedFeatures[key];
        featuresLoading.delete(key);
        const table = tables[key];
        if (table) Object.assign(table, features);
        notify();
      },
      () => void featuresLoading.delete(key),
    );
    featuresLoading.set(key, pending);
  }
  return pending;
}

/**
 * Registers (or replaces) a language's table, e.g. `registerStrings('fr', {...en, join: 'Entrer'})`.
 * Elements on the page that speak it re-render. An entry the table lacks (a table written for an
 * older version) shows in English. A shipped language registered by the page is the page's.
 */
export function registerStrings(lang: string, strings: ConveneStrings): void {
  const tag = lang.toLowerCase();
  tables[tag] = withOverrides(en, strings);
  loading.delete(tag);
  delete shipped[tag];
  delete shippedFeatures[tag];
  notify();
}

/** Calls `listener` after every `registerStrings` (or a language that loaded); returns the function that stops it. */
export function onStringsRegistered(listener: () => void): () => void {
  registered.add(listener);
  return () => registered.delete(listener);
}

/** The registry's key for a BCP 47 tag: exact, then its language; `undefined` when neither is known. */
function keyFor(lang: string | null | undefined): string | undefined {
  const tag = (lang ?? '').toLowerCase();
  const base = tag.split('-')[0] ?? '';
  return [tag, base].find((key) => key in tables || key in shipped);
}

const loading = new Map<string, Promise<void>>();

/**
 * Loads a shipped language the first time it is asked for; `undefined` when its table is here
 * already (or it is not one Convene ships: English stands in). Elements wait for it before they
 * render, so a Spanish page never flashes English.
 */
export function loadStrings(lang: string | null | undefined): Promise<void> | undefined {
  const key = keyFor(lang);
  if (!key) return undefined;
  if (key in tables) return loadFeatures(key);
  let pending = loading.get(key);
  if (!pending) {
    const load = shipped[key] as () => Promise<Record<string, ConveneStrings>>;
    pending = load().then(
      (module) => {
        if (!(key in tables)) tables[key] = fill({ ...(module[key] as ConveneStrings) });
        loading.delete(key);
        // With furniture (or doors, ...) on the page already: its entries too, before the first render.
        const features = loadFeatures(key);
        if (features) return features;
        notify();
      },
      // A chunk that failed to load (the network): English stands in; the next ask tries again.
      () => void loading.delete(key),
    );
    loading.set(key, pending);
  }
  return pending;
}

/** The table for a BCP 47 tag: exact, then its language, then English (also while a shipped one loads). */
export function stringsFor(lang: string | null | undefined): ConveneStrings {
  const key = keyFor(lang);
  return (key && tables[key]) || en;
}
