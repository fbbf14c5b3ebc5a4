/**
 * The built-in kinds: each element loads in its own chunk, only when a room has it. The settings
 * checks mirror the server's zod schemas (packages/server/src/furniture.ts) without zod, so
 * convene.js stays small; the server has already validated config settings, these guard the page's.
 * `defineBuiltinFurniture()` adds them (the panel calls it), keeping any kind a page defined first.
 * The kinds that share state under fixed LiveKit names are `once` per room (the server checks too).
 */
import {
  defineFurniture,
  furnitureDefinition,
  type FurnitureDefinition,
  type SafeParseResult,
  type SettingsSchema,
} from './registry.js';
import { kindLabel } from './labels.js';

type Check<S> = (input: Record<string, unknown>) => S | string;

/** A tiny `safeParse` over a plain object: unknown keys refused, like the server's `.strict()`. */
export function objectSchema<S>(keys: readonly string[], check: Check<S>): SettingsSchema<S & Record<string, unknown>> {
  return {
    safeParse(input: unknown): SafeParseResult<S & Record<string, unknown>> {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return { success: false, error: new Error('settings must be an object') };
      }
      const extra = Object.keys(input).filter((k) => !keys.includes(k));
      if (extra.length) return { success: false, error: new Error(`unknown key(s) ${extra.join(', ')}`) };
      const result = check(input as Record<string, unknown>);
      return typeof result === 'string'
        ? { success: false, error: new Error(result) }
        : { success: true, data: result as S & Record<string, unknown> };
    },
  };
}

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
const none = objectSchema([], () => ({}));
const label = (kind: string) => (lang: string) => kindLabel(kind, lang);

export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export const BUILTIN_KINDS: Record<string, FurnitureDefinition> = {
  'video-bridge': { element: 'convene-furniture-stage', settings: none, label: label('video-bridge'), once: true },
  chat: {
    element: () => import('./kinds/convene-furniture-chat.js').then((m) => m.tag),
    settings: none,
    label: label('chat'),
    once: true,
  },
  markdown: {
    element: () => import('./kinds/convene-furniture-markdown.js').then((m) => m.tag),
    settings: objectSchema(['text'], (s) =>
      text(s.text, 20_000) ? { text: s.text as string } : 'text: expected 1–20000 characters',
    ),
    label: label('markdown'),
  },
  'hand-raise': {
    element: () => import('./kinds/convene-furniture-hand-raise.js').then((m) => m.tag),
    settings: none,
    label: label('hand-raise'),
    once: true,
  },
  spotlight: {
    element: () => import('./kinds/convene-furniture-spotlight.js').then((m) => m.tag),
    settings: objectSchema(['anyone'], (s) =>
      s.anyone === undefined || typeof s.anyone === 'boolean'
        ? { anyone: s.anyone === true }
        : 'anyone: expected true or false',
    ),
    label: label('spotlight'),
    once: true,
  },
  embed: {
    element: () => import('./kinds/convene-furniture-embed.js').then((m) => m.tag),
    settings: objectSchema(['url', 'title'], (s) =>
      !isHttpsUrl(s.url)
        ? 'url: expected an https:// URL'
        : s.title !== undefined && !text(s.title, 80)
          ? 'title: expected 1–80 characters'
          : { url: s.url, ...(s.title ? { title: s.title as string } : {}) },
    ),
    label: label('embed'),
  },
  'breakout-tables': {
    element: () => import('./kinds/convene-furniture-breakout-tables.js').then((m) => m.tag),
    settings: objectSchema(['tables'], (s) =>
      Array.isArray(s.tables) &&
      s.tables.length >= 1 &&
      s.tables.length <= 50 &&
      s.tables.every((t: unknown) => {
        const table = (typeof t === 'object' && t !== null ? t : {}) as { slug?: unknown; name?: unknown };
        return typeof table.slug === 'string' && SLUG.test(table.slug) && text(table.name, 60);
      })
        ? { tables: s.tables as { slug: string; name: string }[] }
        : 'tables: expected 1–50 tables, each { slug, name }',
    ),
    label: label('breakout-tables'),
    once: true,
  },
};

/** Adds the built-in kinds to the registry, except any the page has already defined. */
export function defineBuiltinFurniture(): void {
  for (const [kind, definition] of Object.entries(BUILTIN_KINDS)) {
    if (!furnitureDefinition(kind)) defineFurniture(kind, definition);
  }
}
