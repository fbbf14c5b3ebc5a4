/**
 * The furniture registry: each kind names the zod schema its `settings` are validated with, so a
 * new kind (the furniture issue's, or a co-op's own) needs no change to the core. Register a kind
 * before the config is parsed.
 */
import { z } from 'zod';
import {
  checkBuiltinSettings,
  KIND_PATTERN,
  ONCE_PER_ROOM,
  type BuiltinKind,
  type BuiltinSettings,
} from './contract/index.js';

export interface FurnitureKindOptions<Settings> {
  /** The slugs of other rooms in the same space that these settings name; checked against the config. */
  rooms?: (settings: Settings) => readonly string[];
  /**
   * At most one per room: the kind keeps its state under fixed names (a LiveKit text-stream topic,
   * participant attribute, RPC method or room metadata), so a second would fight the first. The
   * elements' `defineFurniture` takes the same option.
   */
  once?: boolean;
}

export interface FurnitureKindDefinition<Settings = Record<string, unknown>> extends FurnitureKindOptions<Settings> {
  kind: string;
  settings: z.ZodType<Settings, Record<string, unknown>>;
}

const registry = new Map<string, FurnitureKindDefinition<never>>();

/**
 * Registers a furniture kind and the schema of its settings (an object schema; defaults are
 * filled in). Registering a kind twice replaces it, so a module loaded twice does no harm.
 */
export function registerFurnitureKind<Settings extends Record<string, unknown>>(
  kind: string,
  settings: z.ZodType<Settings, Record<string, unknown>>,
  options: FurnitureKindOptions<Settings> = {},
): void {
  if (!KIND_PATTERN.test(kind))
    throw new Error(`"${kind}" is not a furniture kind: use lowercase letters, digits and dashes`);
  registry.set(kind, { kind, settings, ...options } as unknown as FurnitureKindDefinition<never>);
}

/** The registered kind, if any. */
export function furnitureKind(kind: string): FurnitureKindDefinition<Record<string, unknown>> | undefined {
  return registry.get(kind) as FurnitureKindDefinition<Record<string, unknown>> | undefined;
}

/** The names of every registered kind, sorted. */
export function furnitureKinds(): string[] {
  return [...registry.keys()].sort();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** `unknown furniture kind "chta" (did you mean "chat"?); known kinds: chat, embed, ...` */
export function unknownKindMessage(kind: string): string {
  const known = furnitureKinds();
  const close = known
    .map((name) => ({ name, d: distance(kind, name) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  return (
    `unknown furniture kind "${kind}"${close ? ` (did you mean "${close.name}"?)` : ''}; ` +
    `known kinds: ${known.join(', ')}. A custom kind must be registered with registerFurnitureKind() before the config is parsed`
  );
}

/**
 * A built-in kind's settings as a zod schema over the contract's check, so the server's config
 * and the page's `<convene-furniture>` accept and refuse the same settings.
 */
function builtin<K extends BuiltinKind>(kind: K): z.ZodType<BuiltinSettings[K], Record<string, unknown>> {
  return z.record(z.string(), z.unknown()).transform((input, ctx) => {
    const result = checkBuiltinSettings(kind, input);
    if (result.success) return result.data;
    for (const issue of result.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input });
    return z.NEVER;
  }) as unknown as z.ZodType<BuiltinSettings[K], Record<string, unknown>>;
}

/** `video-bridge`: the stage and its controls. No settings. */
export const videoBridgeSettings = builtin('video-bridge');
/** `chat`: messages on LiveKit's `lk.chat` topic. No settings. */
export const chatSettings = builtin('chat');
/** `markdown`: a block of text (headings, links, lists), sanitised when rendered. */
export const markdownSettings = builtin('markdown');
/** `breakout-tables`: named tables, each its own LiveKit room; slugs unique within the room. */
export const breakoutTablesSettings = builtin('breakout-tables');
/** `spotlight`: a moderator pins one participant to the stage; `anyone: true` lets everyone. */
export const spotlightSettings = builtin('spotlight');
/** `hand-raise`: raise and lower a hand, with reactions. No settings. */
export const handRaiseSettings = builtin('hand-raise');
/** `embed`: an https page in a sandboxed iframe. */
export const embedSettings = builtin('embed');
/** `poll`: questions and decisions kept by the server (its store); `anyone: true` lets everyone ask. */
export const pollSettings = builtin('poll');
/** `notes`: shared notes (Yjs over LiveKit); `keep: true` keeps them in the store for the room's next meeting. */
export const notesSettings = builtin('notes');

// Kinds that share state under fixed names in the LiveKit room are once per room (the contract's list).
const builtins = {
  'video-bridge': videoBridgeSettings,
  chat: chatSettings,
  markdown: markdownSettings,
  'breakout-tables': breakoutTablesSettings,
  spotlight: spotlightSettings,
  'hand-raise': handRaiseSettings,
  embed: embedSettings,
  poll: pollSettings,
  notes: notesSettings,
} satisfies Record<BuiltinKind, unknown>;
for (const [kind, settings] of Object.entries(builtins)) {
  registerFurnitureKind(kind, settings as z.ZodType<Record<string, unknown>, Record<string, unknown>>, {
    once: ONCE_PER_ROOM.includes(kind as BuiltinKind),
  });
}
