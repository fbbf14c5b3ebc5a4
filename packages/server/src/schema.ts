/**
 * The config format and the request bodies, as zod schemas: the server validates every config
 * file and request with these and uses the parsed values. The wire names and answer shapes both
 * sides use live in `contract.ts` (no zod), re-exported here for the server's own callers.
 */
import { z } from 'zod';
import {
  MAX_NAME_LENGTH,
  MODERATION_ACTIONS,
  PUBLISH_POLICIES,
  E2EE_MODES,
  ROOM_ACCESS,
  SLUG_HINT,
  SLUG_PATTERN,
  KIND_PATTERN,
  embedHostAllowed,
  sanitiseName,
  type FurnitureEntry,
} from './contract/index.js';
import { furnitureKind, unknownKindMessage } from './furniture.js';
import { memberPassesSchema } from './passes-config.js';

export { memberPassesSchema, type MemberPassesConfig, type MemberPassesConfigInput } from './passes-config.js';

export * from './contract/index.js';

export {
  registerFurnitureKind,
  furnitureKinds,
  type FurnitureKindDefinition,
  type FurnitureKindOptions,
  videoBridgeSettings,
  chatSettings,
  markdownSettings,
  breakoutTablesSettings,
  spotlightSettings,
  handRaiseSettings,
  embedSettings,
} from './furniture.js';

/** Lowercase letters, digits and inner dashes, 1–48 characters. */
export const slugSchema = z.string().regex(SLUG_PATTERN, `expected a slug: ${SLUG_HINT}`);

/**
 * An access or moderator code as stored in the config: a scrypt hash from `convene-server hash-code`.
 * A hash does not tell how long its code is, so the minimum length (6) is `hash-code`'s to enforce.
 */
export const codeHashSchema = z
  .string()
  .regex(
    /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
    'expected a hashed code from `convene-server hash-code` (plain codes are not stored)',
  );

/**
 * One piece of furniture as written in the config. Its kind must be registered (see
 * `registerFurnitureKind`), and its settings are validated, defaults filled in, by that kind's
 * schema; the parsed settings are what the directory and the token response carry.
 */
export const furnitureEntrySchema = z
  .object({
    kind: z.string().regex(KIND_PATTERN, 'expected a furniture kind such as "chat"'),
    label: z.string().trim().min(1).max(60).optional(),
    settings: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .transform((entry, ctx): FurnitureEntry => {
    const definition = furnitureKind(entry.kind);
    if (!definition) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: unknownKindMessage(entry.kind), input: entry.kind });
      return z.NEVER;
    }
    const settings = definition.settings.safeParse(entry.settings ?? {});
    if (!settings.success) {
      for (const issue of settings.error.issues) {
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling`
            : issue.message;
        ctx.addIssue({ code: 'custom', path: ['settings', ...issue.path], message, input: undefined });
      }
      return z.NEVER;
    }
    return { kind: entry.kind, ...(entry.label ? { label: entry.label } : {}), settings: settings.data };
  });

export const roomConfigSchema = z
  .object({
    slug: slugSchema,
    name: z.string().trim().min(1).max(80),
    description: z.string().max(500).optional(),
    access: z.enum(ROOM_ACCESS),
    listed: z.boolean().default(true),
    /** Who may publish camera, microphone and screen: everyone, or only moderators (a talk). */
    publish: z.enum(PUBLISH_POLICIES).default('everyone'),
    /**
     * A stage (a general meeting): moderators speak, everyone else watches and may ask to speak;
     * a moderator brings someone up (their permission to publish changes live) and sends them back.
     */
    stage: z.boolean().default(false),
    /**
     * End-to-end encryption: `passphrase` encrypts video, audio and chat in the browsers with a key
     * the visitors share (link fragment or typed passphrase); neither this server nor LiveKit has it.
     */
    e2ee: z.enum(E2EE_MODES).optional(),
    capacity: z.number().int().min(1).max(1000).optional(),
    /** Visitors without the code or membership may knock; a moderator in the room admits or denies. */
    knock: z.boolean().default(false),
    /** When a moderator locks the room live: whether members still walk in (true) or knock too (false). */
    lockAdmitsMembers: z.boolean().default(true),
    accessCode: codeHashSchema.optional(),
    moderatorCode: codeHashSchema.optional(),
    furniture: z.array(furnitureEntrySchema).default([]),
  })
  .strict()
  .superRefine((room, ctx) => {
    if (room.e2ee) {
      // What would carry an encrypted room's words or media past its key: say so, do not leak quietly.
      room.furniture.forEach((entry, index) => {
        const leaks =
          entry.kind === 'breakout-tables'
            ? "its tables are LiveKit rooms of their own, whose media the room's key does not encrypt"
            : entry.kind === 'notes' && entry.settings.keep
              ? 'kept notes are saved on the Convene server, readable there'
              : '';
        if (leaks) {
          ctx.addIssue({
            code: 'custom',
            path: ['furniture', index, 'kind'],
            message: `an end-to-end encrypted room (e2ee) cannot have this "${entry.kind}": ${leaks}; remove it or e2ee`,
          });
        }
      });
    }
    if (room.stage && room.publish === 'moderators') {
      ctx.addIssue({
        code: 'custom',
        path: ['publish'],
        message:
          'a stage room decides who publishes itself (moderators, and whoever they bring up); ' +
          'remove publish: "moderators", or remove stage: true for a talk nobody can be brought up to',
      });
    }
    if (room.access === 'locked' && !room.accessCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['accessCode'],
        message: 'a locked room needs an accessCode (make one with `convene-server hash-code`)',
      });
    }
    if (room.access !== 'locked' && room.accessCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['accessCode'],
        message: `only locked rooms take an accessCode; this room's access is "${room.access}"`,
      });
    }
    const first = new Map<string, number>();
    room.furniture.forEach((entry, index) => {
      if (!furnitureKind(entry.kind)?.once) return;
      const earlier = first.get(entry.kind);
      if (earlier === undefined) first.set(entry.kind, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['furniture', index, 'kind'],
          message:
            `a room can have one "${entry.kind}" and furniture[${earlier}] is one already ` +
            `(its state is shared under fixed names in the LiveKit room, so a second would show the same); remove this one`,
        });
      }
    });
  });

const originSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}, 'expected an origin such as "https://coop.example" (scheme and host, no path or trailing slash)');

const embedHostSchema = z
  .string()
  .regex(
    /^(\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
    'expected a host name such as "forms.example.org" or "*.example.org" (no scheme, path or port)',
  );

export const spaceConfigSchema = z
  .object({
    slug: slugSchema,
    name: z.string().trim().min(1).max(80),
    entrance: slugSchema,
    allowedOrigins: z.array(originSchema).default([]),
    /** Hosts whose https pages `embed` furniture may show: `forms.example.org`, or `*.example.org` for its subdomains. */
    embedHosts: z.array(embedHostSchema).max(100).default([]),
    rooms: z.array(roomConfigSchema).min(1, 'a space needs at least one room'),
    /** The public keys (or HS256 secrets, by environment variable) the host site signs member passes with. */
    memberPasses: memberPassesSchema.optional(),
  })
  .strict()
  .superRefine((space, ctx) => {
    const seen = new Set<string>();
    space.rooms.forEach((room, index) => {
      if (seen.has(room.slug)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rooms', index, 'slug'],
          message: `room slug "${room.slug}" is used twice in this space`,
        });
      }
      seen.add(room.slug);
    });
    space.rooms.forEach((room, roomIndex) => {
      room.furniture.forEach((entry, index) => {
        if (entry.kind === 'embed' && !embedHostAllowed(String(entry.settings.url), space.embedHosts)) {
          const host = new URL(String(entry.settings.url)).hostname;
          ctx.addIssue({
            code: 'custom',
            path: ['rooms', roomIndex, 'furniture', index, 'settings', 'url'],
            message: `embeds a page from "${host}", which is not in this space's embedHosts; add "${host}" to embedHosts to allow it`,
          });
        }
        for (const reference of furnitureKind(entry.kind)?.rooms?.(entry.settings) ?? []) {
          if (!seen.has(reference)) {
            ctx.addIssue({
              code: 'custom',
              path: ['rooms', roomIndex, 'furniture', index, 'settings'],
              message: `names the room "${reference}", which is not one of this space's rooms (${[...seen].join(', ')})`,
            });
          }
        }
      });
    });
    if (!seen.has(space.entrance)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entrance'],
        message: `the entrance "${space.entrance}" is not one of this space's rooms (${[...seen].join(', ')})`,
      });
    }
  });

/** One abuse limit in the config: `{ limit, windowSeconds }`, or `false` to turn it off. */
const rateLimitSchema = z.union([
  z.literal(false),
  z
    .object({
      limit: z.number().int().min(1).max(1_000_000),
      windowSeconds: z.number().int().min(1).max(86_400),
    })
    .strict(),
]);

/**
 * The config's `rateLimits`: the server's abuse limits (see `ConveneRouterOptions.rateLimits` for
 * each one's default and meaning); a router's own `rateLimits` option overrides these.
 */
export const rateLimitsConfigSchema = z
  .object({
    tokens: rateLimitSchema,
    codeGuesses: rateLimitSchema,
    roomCodeGuesses: rateLimitSchema,
    streamsPerClient: z.number().int().min(1).max(100_000),
    streams: z.number().int().min(1).max(1_000_000),
    tableTokens: rateLimitSchema,
    moderation: rateLimitSchema,
    health: rateLimitSchema,
    knocks: rateLimitSchema,
    invites: rateLimitSchema,
  })
  .partial()
  .strict();

export const conveneConfigSchema = z
  .object({
    spaces: z.array(spaceConfigSchema).min(1, 'the config needs at least one space'),
    rateLimits: rateLimitsConfigSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.spaces.forEach((space, index) => {
      if (seen.has(space.slug)) {
        ctx.addIssue({
          code: 'custom',
          path: ['spaces', index, 'slug'],
          message: `space slug "${space.slug}" is used twice`,
        });
      }
      seen.add(space.slug);
    });
  });

export type ConveneConfigInput = z.input<typeof conveneConfigSchema>;
export type ConveneConfig = z.output<typeof conveneConfigSchema>;
export type SpaceConfig = z.output<typeof spaceConfigSchema>;
export type RoomConfig = z.output<typeof roomConfigSchema>;

/** A display name: control characters removed, trimmed, 1–64 characters. */
export const displayNameSchema = z
  .string()
  .max(1024, `a name may have at most ${MAX_NAME_LENGTH} characters`)
  .transform((value, ctx) => {
    const name = sanitiseName(value);
    if (name.length === 0) ctx.addIssue({ code: 'custom', message: 'a name is needed', input: value });
    else if (name.length > MAX_NAME_LENGTH) {
      ctx.addIssue({ code: 'custom', message: `a name may have at most ${MAX_NAME_LENGTH} characters`, input: value });
    }
    return name;
  });

/**
 * `POST /api/spaces/:space/token`: LiveKit's standard token-endpoint request, plus Convene's
 * `access_code` and `moderator_code`. A guest without a name is called "Guest".
 */
export const tokenRequestSchema = z
  .object({
    room_name: slugSchema,
    participant_name: displayNameSchema.optional(),
    access_code: z.string().max(128).optional(),
    moderator_code: z.string().max(128).optional(),
    /** An admitted knock (`KnockResponse`'s id and secret). */
    knock: z
      .object({ id: z.string().min(1).max(64), secret: z.string().min(1).max(128) })
      .strict()
      .optional(),
    /** An invite link's secret (`INVITE_PARAM`). */
    invite: z.string().min(1).max(128).optional(),
    /** This browser's signed guest id from an earlier token response. */
    guest_id: z.string().min(1).max(128).optional(),
  })
  // LiveKit's other request fields (participant_identity, participant_attributes, room_config,
  // ...) are dropped: the server, not the browser, decides identity, role and room settings.
  .strip();
export type TokenRequest = z.input<typeof tokenRequestSchema>;

/** `POST /api/spaces/:space/rooms/:room/moderation`, with the moderator's own LiveKit token as Bearer. */
export const moderationRequestSchema = z
  .object({
    action: z.enum(MODERATION_ACTIONS),
    identity: z.string().min(1).max(256),
    /** With `remove`: keep them out until the meeting ends (the room empties) or a moderator lets them back. */
    keep_out: z.boolean().optional(),
  })
  .strict();
export type ModerationRequest = z.input<typeof moderationRequestSchema>;

/** The person `authenticate(req)` says is signed in to the host site. */
export interface AuthenticatedPerson {
  identity: string;
  name: string;
  member?: boolean;
  moderator?: boolean;
}
