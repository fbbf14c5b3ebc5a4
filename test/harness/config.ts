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
