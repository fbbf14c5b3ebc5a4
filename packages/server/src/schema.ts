/**
 * The wire contract and the config format, in one module.
 *
 * The elements import only *types* from here (`import type`), so the browser bundle carries
 * no zod. The server validates every config file and request body with these schemas and uses
 * the parsed values.
 */
import { z } from 'zod';
import { furnitureKind, unknownKindMessage } from './furniture.js';

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

export const ROOM_ACCESS = ['public', 'locked', 'members'] as const;
export type RoomAccess = (typeof ROOM_ACCESS)[number];

export const PUBLISH_POLICIES = ['everyone', 'moderators'] as const;
export type PublishPolicy = (typeof PUBLISH_POLICIES)[number];

/** Lowercase letters, digits and inner dashes, 1–48 characters. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/,
    'expected a slug: 1–48 lowercase letters, digits and inner dashes (e.g. "river-coop")',
  );

/** An access or moderator code as stored in the config: a scrypt hash from `convene-server hash-code`. */
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
    kind: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a furniture kind such as "chat"'),
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

/** A piece of furniture as the directory and the token response carry it. */
export interface FurnitureEntry {
  kind: string;
  label?: string;
  /** The kind's settings, validated and with defaults filled in. */
  settings: Record<string, unknown>;
}

export const roomConfigSchema = z
  .object({
    slug: slugSchema,
    name: z.string().trim().min(1).max(80),
    description: z.string().max(500).optional(),
    access: z.enum(ROOM_ACCESS),
    listed: z.boolean().default(true),
    /** Who may publish camera, microphone and screen: everyone, or only moderators (a talk). */
    publish: z.enum(PUBLISH_POLICIES).default('everyone'),
    capacity: z.number().int().min(1).max(1000).optional(),
    accessCode: codeHashSchema.optional(),
    moderatorCode: codeHashSchema.optional(),
    furniture: z.array(furnitureEntrySchema).default([]),
  })
  .strict()
  .superRefine((room, ctx) => {
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

/** Whether `url`'s host is one of `hosts` (`*.example.org` matching its subdomains); the browser checks the same. */
export function embedHostAllowed(url: string, hosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return (
    parsed.protocol === 'https:' &&
    hosts.some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed))
  );
}

export const spaceConfigSchema = z
  .object({
    slug: slugSchema,
    name: z.string().trim().min(1).max(80),
    entrance: slugSchema,
    allowedOrigins: z.array(originSchema).default([]),
    /** Hosts whose https pages `embed` furniture may show: `forms.example.org`, or `*.example.org` for its subdomains. */
    embedHosts: z.array(embedHostSchema).max(100).default([]),
    rooms: z.array(roomConfigSchema).min(1, 'a space needs at least one room'),
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

export const conveneConfigSchema = z
  .object({
    spaces: z.array(spaceConfigSchema).min(1, 'the config needs at least one space'),
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

/** Control characters (C0, DEL, C1), bidi overrides and zero-width marks that a display name may not carry. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Removes control characters and surrounding space from a display name. */
export function sanitiseName(value: string): string {
  return value.normalize('NFC').replace(CONTROL_CHARACTERS, '').trim();
}

/** A display name: control characters removed, trimmed, 1–64 characters. */
export const displayNameSchema = z
  .string()
  .max(1024, 'a name may have at most 64 characters')
  .transform((value, ctx) => {
    const name = sanitiseName(value);
    if (name.length === 0) ctx.addIssue({ code: 'custom', message: 'a name is needed', input: value });
    else if (name.length > 64) {
      ctx.addIssue({ code: 'custom', message: 'a name may have at most 64 characters', input: value });
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
  })
  // LiveKit's other request fields (participant_identity, participant_attributes, room_config,
  // ...) are dropped: the server, not the browser, decides identity, role and room settings.
  .strip();
export type TokenRequest = z.input<typeof tokenRequestSchema>;

/** The token endpoint's answer: LiveKit's standard fields plus Convene's own. */
export interface TokenResponse {
  server_url: string;
  participant_token: string;
  identity: string;
  name: string;
  space: string;
  room: string;
  /** The LiveKit room the token is for. */
  livekit_room: string;
  /** ISO 8601 time after which the token no longer admits anyone. */
  expires_at: string;
  /** Whether the token carries the moderator role (see the moderation endpoint). */
  moderator: boolean;
  furniture: FurnitureEntry[];
  /** The hosts `embed` furniture may show pages from (the space's `embedHosts`). */
  embed_hosts: string[];
}

/** The participant attribute holding the role the server gave: `guest`, `member` or `moderator`. */
export const ROLE_ATTRIBUTE = 'convene.role';
/** The participant attribute holding the server's signature over a moderator's role. */
export const ROLE_PROOF_ATTRIBUTE = 'convene.role-proof';
export type ParticipantRole = 'guest' | 'member' | 'moderator';

/**
 * `mute` and `remove` someone; `lower-hand` (hand-raise furniture); `spotlight` and
 * `unspotlight` (spotlight furniture: pins `identity` to everyone's stage through the room's
 * metadata; anyone may, when the room's spotlight says `anyone: true`).
 */
export const MODERATION_ACTIONS = ['mute', 'remove', 'lower-hand', 'spotlight', 'unspotlight'] as const;
/** The participant attribute hand-raise furniture keeps the time a hand went up in (empty: down). */
export const HAND_ATTRIBUTE = 'convene.hand';
/** The key of the room metadata (JSON, set by the server) naming who is in the spotlight. */
export const SPOTLIGHT_METADATA_KEY = 'convene.spotlight';
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** `POST /api/spaces/:space/rooms/:room/moderation`, with the moderator's own LiveKit token as Bearer. */
export const moderationRequestSchema = z
  .object({
    action: z.enum(MODERATION_ACTIONS),
    identity: z.string().min(1).max(256),
  })
  .strict();
export type ModerationRequest = z.input<typeof moderationRequestSchema>;

export interface ModerationResponse {
  action: ModerationAction;
  identity: string;
  /** For `mute`: the microphone tracks that were muted. */
  muted?: string[];
}

export const ERROR_CODES = [
  'invalid_request',
  'access_code_required',
  'access_code_invalid',
  'members_only',
  'space_not_found',
  'room_not_found',
  'participant_not_found',
  'not_found',
  'room_full',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'forbidden',
  'unauthorized',
  'origin_not_allowed',
  'livekit_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every refusal the server sends. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** For `invalid_request`: where and what. */
    issues?: { path: string; message: string }[];
  };
}

export interface DirectoryPerson {
  identity: string;
  name: string;
}

/** Who is in one room now, as this visitor may see it. */
export interface RoomPresence {
  slug: string;
  /** How many people are in the room now. */
  count: number;
  /** Who is in the room now: public rooms only. */
  people?: DirectoryPerson[];
}

export interface DirectoryRoom extends RoomPresence {
  name: string;
  description?: string;
  access: RoomAccess;
  capacity?: number;
  furniture: FurnitureEntry[];
}

/** `GET /api/spaces/:space` */
export interface Directory {
  space: string;
  name: string;
  entrance: string;
  rooms: DirectoryRoom[];
  /** Whether the server could ask LiveKit who is where. */
  presence: 'live' | 'unavailable';
}

/** The data of each `presence` event on `GET /api/spaces/:space/events`: the directory's rooms' presence. */
export interface PresenceEvent {
  space: string;
  presence: 'live' | 'unavailable';
  rooms: RoomPresence[];
}

/** `GET /healthz` */
export interface Health {
  ok: boolean;
  livekit: 'reachable' | 'unreachable';
}

/** The person `authenticate(req)` says is signed in to the host site. */
export interface AuthenticatedPerson {
  identity: string;
  name: string;
  member?: boolean;
  moderator?: boolean;
}
