/**
 * The checks of the built-in furniture kinds' settings, part of the wire contract
 * (`@convene/server/contract` re-exports them): the server's config schema and the page's
 * `<convene-furniture>` both check with these, so they accept and refuse the same settings.
 */
import { SLUG_HINT, SLUG_PATTERN } from './wire.js';

/** One thing wrong with some settings: where (a path into them) and what. */
export interface SettingsIssue {
  path: (string | number)[];
  message: string;
}

/** The settings, checked and with defaults filled in, or what is wrong with them. */
export type SettingsCheck<S = Record<string, unknown>> =
  { success: true; data: S } | { success: false; issues: SettingsIssue[] };

export interface BreakoutTable {
  slug: string;
  name: string;
}

/** The settings of each built-in kind, as checked. */
export interface BuiltinSettings {
  'video-bridge': Record<string, never>;
  chat: Record<string, never>;
  markdown: { text: string };
  'breakout-tables': { tables: BreakoutTable[] };
  spotlight: { anyone: boolean };
  'hand-raise': Record<string, never>;
  embed: { url: string; title?: string };
  poll: { anyone: boolean };
  /** Shared notes; `keep`: the Convene server keeps them for the room's next meeting (default false). */
  notes: { keep: boolean };
}
export type BuiltinKind = keyof BuiltinSettings;

/**
 * Kinds that keep their state under fixed names in the LiveKit room (a text-stream topic, a
 * participant attribute, room metadata, rooms named after the room): at most one per room.
 */
export const ONCE_PER_ROOM: readonly BuiltinKind[] = [
  'video-bridge',
  'chat',
  'breakout-tables',
  'spotlight',
  'hand-raise',
  'poll',
  'notes',
];

type Field = (value: unknown, path: (string | number)[], issues: SettingsIssue[]) => unknown;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A trimmed string of 1–`max` characters (`optional`: may be absent). */
function text(max: number, optional = false): Field {
  return (value, path, issues) => {
    if (value === undefined && optional) return undefined;
    if (typeof value !== 'string') {
      issues.push({ path, message: `expected text of 1–${max} characters` });
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed.length < 1 || trimmed.length > max) {
      issues.push({ path, message: `expected text of 1–${max} characters, got ${trimmed.length}` });
    }
    return trimmed;
  };
}

const slugField: Field = (value, path, issues) => {
  if (typeof value !== 'string' || !SLUG_PATTERN.test(value)) {
    issues.push({ path, message: `expected a slug: ${SLUG_HINT}` });
  }
  return value;
};

const httpsUrl: Field = (value, path, issues) => {
  let ok = false;
  if (typeof value === 'string' && value.length <= 2048) {
    try {
      ok = new URL(value).protocol === 'https:';
    } catch {
      ok = false;
    }
  }
  if (!ok) issues.push({ path, message: 'expected an https:// URL' });
  return value;
};

/** An object with exactly these fields (unknown keys refused, absent ones given their default). */
function object(
  fields: Record<string, Field>,
  refine?: (data: Record<string, unknown>, issues: SettingsIssue[]) => void,
) {
  return (input: unknown, path: (string | number)[], issues: SettingsIssue[]): Record<string, unknown> => {
    if (!isObject(input)) {
      issues.push({ path, message: 'expected an object' });
      return {};
    }
    const extra = Object.keys(input).filter((key) => !(key in fields));
    if (extra.length) {
      issues.push({ path, message: `unknown key(s) ${extra.map((k) => `"${k}"`).join(', ')}; check the spelling` });
    }
    const data: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) {
      const value = field(input[key], [...path, key], issues);
      if (value !== undefined) data[key] = value;
    }
    if (issues.length === 0) refine?.(data, issues);
    return data;
  };
}

const none = object({});

const tables: Field = (value, path, issues) => {
  if (!Array.isArray(value) || value.length < 1 || value.length > 50) {
    issues.push({ path, message: 'list 1–50 tables, each { slug, name }' });
    return value;
  }
  const table = object({ slug: slugField, name: text(60) });
  const list = value.map((entry, index) => table(entry, [...path, index], issues));
  const seen = new Set<unknown>();
  list.forEach((entry, index) => {
    if (seen.has(entry.slug))
      issues.push({ path: [...path, index, 'slug'], message: `table slug "${String(entry.slug)}" is used twice` });
    seen.add(entry.slug);
  });
  return list;
};

/** A boolean, `false` when absent. */
const flag: Field = (value, path, issues) => {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') issues.push({ path, message: 'expected true or false' });
  return value;
};

const checks: {
  [K in BuiltinKind]: (input: unknown, path: (string | number)[], issues: SettingsIssue[]) => Record<string, unknown>;
} = {
  'video-bridge': none,
  chat: none,
  markdown: object({ text: text(20_000) }),
  'breakout-tables': object({ tables }),
  spotlight: object({
    anyone: (value, path, issues) => {
      if (value === undefined) return false;
      if (typeof value !== 'boolean') issues.push({ path, message: 'expected true or false' });
      return value;
    },
  }),
  'hand-raise': none,
  embed: object({ url: httpsUrl, title: text(80, true) }),
  poll: object({ anyone: flag }),
  notes: object({ keep: flag }),
};

/**
 * Checks a built-in kind's settings (absent settings are `{}`): unknown keys refused, text
 * trimmed, defaults filled in. The server's config schema and the page's `<convene-furniture>`
 * both check with this, so they accept and refuse the same settings.
 */
export function checkBuiltinSettings<K extends BuiltinKind>(
  kind: K,
  input: unknown,
): SettingsCheck<BuiltinSettings[K]> {
  const issues: SettingsIssue[] = [];
  const data = checks[kind](input ?? {}, [], issues);
  return issues.length ? { success: false, issues } : { success: true, data: data as BuiltinSettings[K] };
}

/** `tables.1.slug: table slug "a" is used twice; …` — a settings check's issues in one line. */
export function describeIssues(issues: readonly SettingsIssue[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
