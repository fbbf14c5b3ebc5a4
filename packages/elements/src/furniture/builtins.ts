/**
 * The built-in kinds: each element loads in its own chunk, only when a room has it. The settings
 * checks mirror the server's zod schemas (packages/server/src/furniture.ts) without zod, so
 * convene.js stays small; the server has already validated config settings, these guard the page's.
 */
import { defineFurniture, type SafeParseResult, type SettingsSchema } from './registry.js';
import { stringsForLang } from './strings.js';

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
const none = objectSchema([], () => ({}));
const label = (kind: string) => (lang: string) => stringsForLang(lang).kinds[kind] ?? kind;

export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

defineFurniture('video-bridge', { element: 'convene-furniture-stage', settings: none, label: label('video-bridge') });
defineFurniture('chat', {
  element: () => import('./kinds/furniture-chat.js').then((m) => m.tag),
  settings: none,
  label: label('chat'),
});
defineFurniture('markdown', {
  element: () => import('./kinds/furniture-markdown.js').then((m) => m.tag),
  settings: objectSchema(['text'], (s) =>
    text(s.text, 20_000) ? { text: s.text as string } : 'text: expected 1–20000 characters',
  ),
  label: label('markdown'),
});
defineFurniture('hand-raise', {
  element: () => import('./kinds/furniture-hand-raise.js').then((m) => m.tag),
  settings: none,
  label: label('hand-raise'),
});
defineFurniture('embed', {
  element: () => import('./kinds/furniture-embed.js').then((m) => m.tag),
  settings: objectSchema(['url', 'title'], (s) =>
    !isHttpsUrl(s.url)
      ? 'url: expected an https:// URL'
      : s.title !== undefined && !text(s.title, 80)
        ? 'title: expected 1–80 characters'
        : { url: s.url, ...(s.title ? { title: s.title as string } : {}) },
  ),
  label: label('embed'),
});
