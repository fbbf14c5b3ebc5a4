/**
 * The furniture registry: each kind names the zod schema its `settings` are validated with, so a
 * new kind (the furniture issue's, or a co-op's own) needs no change to the core. Register a kind
 * before the config is parsed.
 */
import { z } from 'zod';

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

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
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
  if (!KIND.test(kind)) throw new Error(`"${kind}" is not a furniture kind: use lowercase letters, digits and dashes`);
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

const slug = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'expected a slug: lowercase letters, digits and inner dashes');
const text = (max: number) => z.string().trim().min(1).max(max);

/** `video-bridge`: the stage and its controls. No settings. */
export const videoBridgeSettings = z.object({}).strict();
/** `chat`: messages on LiveKit's `lk.chat` topic. No settings. */
export const chatSettings = z.object({}).strict();
/** `markdown`: a block of text (headings, links, lists), sanitised when rendered. */
export const markdownSettings = z.object({ text: text(20_000) }).strict();
/** `breakout-tables`: named tables, each its own LiveKit room; slugs unique within the room. */
export const breakoutTablesSettings = z
  .object({
    tables: z
      .array(z.object({ slug, name: text(60) }).strict())
      .min(1, 'list at least one table')
      .max(50),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    settings.tables.forEach((table, index) => {
      if (seen.has(table.slug)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', index, 'slug'],
          message: `table slug "${table.slug}" is used twice`,
        });
      }
      seen.add(table.slug);
    });
  });
/** `spotlight`: a moderator pins one participant to the stage; `anyone: true` lets everyone. */
export const spotlightSettings = z.object({ anyone: z.boolean().default(false) }).strict();
/** `hand-raise`: raise and lower a hand, with reactions. No settings. */
export const handRaiseSettings = z.object({}).strict();
/** `embed`: an https page in a sandboxed iframe. */
export const embedSettings = z
  .object({
    url: z
      .string()
      .max(2048)
      .refine((value) => {
        try {
          return new URL(value).protocol === 'https:';
        } catch {
          return false;
        }
      }, 'expected an https:// URL'),
    title: text(80).optional(),
  })
  .strict();

// Chat (`lk.chat`), hand-raise (a participant attribute), spotlight (room metadata) and breakout
// tables (LiveKit rooms named after the room) share state under fixed names: once per room.
registerFurnitureKind('video-bridge', videoBridgeSettings, { once: true });
registerFurnitureKind('chat', chatSettings, { once: true });
registerFurnitureKind('markdown', markdownSettings);
registerFurnitureKind('breakout-tables', breakoutTablesSettings, { once: true });
registerFurnitureKind('spotlight', spotlightSettings, { once: true });
registerFurnitureKind('hand-raise', handRaiseSettings, { once: true });
registerFurnitureKind('embed', embedSettings);
