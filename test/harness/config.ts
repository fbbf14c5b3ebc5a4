import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { hashCode, type ConveneConfigInput } from '../../packages/server/src/index.js';

/** The plain codes behind the test config's hashes. */
export const TEST_CODES = { locked: 'river-1234', moderator: 'mod-5678' } as const;

/** A space with one room of each kind, as the tests and the demo use it. */
export async function testConfig(overrides: { allowedOrigins?: string[] } = {}): Promise<ConveneConfigInput> {
  return {
    spaces: [
      {
        slug: 'river-coop',
        name: 'River Co-op',
        entrance: 'lobby',
        allowedOrigins: overrides.allowedOrigins ?? [],
        rooms: [
          { slug: 'lobby', name: 'Lobby', description: 'Say hello.', access: 'public' },
          {
            slug: 'workshop',
            name: 'Workshop',
            access: 'locked',
            accessCode: await hashCode(TEST_CODES.locked),
            moderatorCode: await hashCode(TEST_CODES.moderator),
          },
          { slug: 'members', name: 'Members', access: 'members' },
          { slug: 'back-office', name: 'Back office', access: 'public', listed: false },
          { slug: 'tiny', name: 'Tiny', access: 'public', capacity: 1 },
        ],
      },
      // Shared notes (issue 16): rooms whose notes are not kept, one whose notes are, one without notes.
      {
        slug: 'minutes',
        name: 'Minutes',
        entrance: 'notes',
        allowedOrigins: overrides.allowedOrigins ?? [],
        rooms: [
          ...['notes', 'late', 'bad', 'keys', 'insert', 'undo', 'compose'].map((slug) => ({
            slug,
            name: slug,
            access: 'public' as const,
            furniture: [{ kind: 'video-bridge' }, { kind: 'notes' }],
          })),
          ...['kept', 'kept-api'].map((slug) => ({
            slug,
            name: slug,
            access: 'public' as const,
            furniture: [{ kind: 'video-bridge' }, { kind: 'notes', settings: { keep: true } }],
          })),
          { slug: 'bare', name: 'Bare', access: 'public', furniture: [{ kind: 'chat' }] },
        ],
      },
    ],
  };
}

/** The poll tests' space (issue 16): one room per test, each with a poll anyone in it may ask in. */
export function testPollSpace(allowedOrigins: string[] = []) {
  return {
    slug: 'polling',
    name: 'Polling',
    entrance: 'vote',
    allowedOrigins,
    rooms: ['vote', 'forged', 'keys', 'minutes'].map((slug) => ({
      slug,
      name: slug,
      access: 'public' as const,
      furniture: [{ kind: 'video-bridge' }, { kind: 'poll', settings: { anyone: true } }],
    })),
  };
}

/** The stage tests' space (issue 17). */
export const TEST_STAGE_SPACE = 'assembly';

/**
 * The stage tests' space (issue 17): stage rooms (`hall` with chat, `podium` with a table `corner`, `forum` locked;
 * each takes `TEST_CODES.moderator` as its moderator code, `forum` `TEST_CODES.locked` as its
 * access code) and `side`, an ordinary room, to show what a stage action there is refused.
 */
export async function testStageSpace(allowedOrigins: string[] = []) {
  const moderatorCode = await hashCode(TEST_CODES.moderator);
  return {
    slug: TEST_STAGE_SPACE,
    name: 'General Assembly',
    entrance: 'hall',
    allowedOrigins,
    rooms: [
      {
        slug: 'hall',
        name: 'Hall',
        access: 'public' as const,
        stage: true,
        moderatorCode,
        furniture: [{ kind: 'chat' }],
      },
      {
        slug: 'podium',
        name: 'Podium',
        access: 'public' as const,
        stage: true,
        moderatorCode,
        furniture: [{ kind: 'breakout-tables', settings: { tables: [{ slug: 'corner', name: 'Corner' }] } }],
      },
      {
        slug: 'forum',
        name: 'Forum',
        access: 'locked' as const,
        stage: true,
        moderatorCode,
        accessCode: await hashCode(TEST_CODES.locked),
      },
      { slug: 'side', name: 'Side room', access: 'public' as const, moderatorCode },
    ],
  };
}

/** The cookie browser tests set to be signed in: `member` or `moderator` (same host, any port). */
export const TEST_PERSON_COOKIE = 'convene-test-person';

/**
 * The browser tests' stand-in for a host site's sign-in: the `convene-test-person` cookie.
 * (A real site reads its own session here.)
 */
export function cookieAuthenticate(req: { headers: { cookie?: string } }) {
  const match = (req.headers.cookie ?? '').match(new RegExp(`(?:^|;\\s*)${TEST_PERSON_COOKIE}=(member|moderator)`));
  if (!match) return null;
  const role = match[1] as 'member' | 'moderator';
  return {
    identity: `test-${role}`,
    name: role === 'moderator' ? 'Mo Moderator' : 'Mia Member',
    member: true,
    moderator: role === 'moderator',
  };
}

// ── Member passes: the test stack plays the host site that signs them ───────────────────────

/** The key id of the tests' pass key, and the space that takes its passes. */
export const TEST_PASS_KID = 'convene-test-site';
export const TEST_PASS_SPACE = 'pass-coop';

/** The host site's Ed25519 key pair, made once per run: the private half signs, the public half is in the config. */
const passKeys = generateKeyPairSync('ed25519');

/** A space that takes member passes signed with the tests' key: a public lobby and a members' room. */
export function testPassSpace(allowedOrigins: string[] = []) {
  return {
    slug: TEST_PASS_SPACE,
    name: 'Pass Co-op',
    entrance: 'lobby',
    allowedOrigins,
    memberPasses: {
      keys: [
        {
          kid: TEST_PASS_KID,
          alg: 'EdDSA' as const,
          publicKey: passKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      ],
    },
    rooms: [
      { slug: 'lobby', name: 'Lobby', access: 'public' as const },
      { slug: 'members', name: 'Members', access: 'members' as const },
    ],
  };
}

export interface TestPassClaims {
  sub?: string;
  name?: string;
  moderator?: boolean;
  aud?: string;
  /** Seconds the pass lives from now (negative: it expired that long ago). */
  ttl?: number;
}

/** A member pass as a host site signs it (compact JWS, EdDSA), with node:crypto alone. */
export function signTestPass({
  sub = 'site-ada',
  name = 'Ada Member',
  moderator = false,
  aud = TEST_PASS_SPACE,
  ttl = 300,
}: TestPassClaims = {}): { pass: string; expires_at: string } {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + ttl;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { sub, name, member: true, moderator, aud, iat: Math.min(now, exp - 300), exp, jti: randomUUID() };
  const input = `${part({ alg: 'EdDSA', kid: TEST_PASS_KID, typ: 'JWT' })}.${part(claims)}`;
  const signature = sign(null, Buffer.from(input), passKeys.privateKey).toString('base64url');
  return { pass: `${input}.${signature}`, expires_at: new Date(exp * 1000).toISOString() };
}
