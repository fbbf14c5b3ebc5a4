/**
 * Member passes: short-lived JWTs that a space's host site signs for the person signed in there
 * (any language: PHP's sodium, Python's PyJWT, ...), sent by the browser in the `Convene-Pass`
 * request header and checked here against the keys in the space's `memberPasses` config.
 *
 * One verifier per space, built once at start-up: public keys imported once, HS256 secrets read
 * from the environment once, a JWKS fetched and cached by jose. A pass is never stored, never
 * logged, and never echoed back: a refusal says what the visitor can do, not what was wrong inside.
 */
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  importJWK,
  importSPKI,
  jwtVerify,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { ConfigError } from './config.js';
import { MAX_NAME_LENGTH, PASS_HEADER, sanitiseName, type ErrorCode } from './contract/index.js';
import { ConveneError, formatPath } from './errors.js';
import {
  MIN_HMAC_SECRET_BYTES,
  PASS_KEY_ALGORITHMS,
  type MemberPassesConfig,
  type PassKeyAlgorithm,
} from './passes-config.js';
import type { AuthenticatedPerson } from './schema.js';

/** The longest a pass may live, `exp - iat`, in seconds; a longer one is refused even while fresh. */
export const PASS_MAX_LIFETIME_SECONDS = 600;
/** How far the host site's clock and this server's may disagree, in seconds. */
export const PASS_CLOCK_SKEW_SECONDS = 60;
/** The longest pass read, in characters; a real one is well under 1 kB. */
const MAX_PASS_LENGTH = 8192;
/** Three base64url parts: anything else is not a compact JWS and is refused before any parsing. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** How long a JWKS fetch may take, how long fetched keys are kept, and the least time between fetches. */
const JWKS_DEFAULTS = { timeoutMs: 5000, cacheMaxAgeMs: 10 * 60_000, cooldownMs: 30_000 };

export type PassAlgorithm = PassKeyAlgorithm | 'HS256';
const PASS_ALGORITHMS: readonly string[] = [...PASS_KEY_ALGORITHMS, 'HS256'];

/** The part of a config the verifiers read: each space's slug, name and `memberPasses`. */
export interface PassConfig {
  spaces: readonly { slug: string; name: string; memberPasses?: MemberPassesConfig | undefined }[];
}

export interface PassVerifierOptions {
  /** Where HS256 secrets are read from, once, at start-up (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** What a ConfigError names as the config (the file). */
  source?: string;
  /** The time in ms (default `Date.now`). */
  now?: () => number;
  /** Where a JWKS that could not be fetched or used is reported (never with a pass); default console.error. */
  log?: (message: string, error: unknown) => void;
  /** JWKS fetching: timeout, how long keys are kept, least time between fetches (a rotation's new kid waits at most this). */
  jwks?: { timeoutMs?: number; cacheMaxAgeMs?: number; cooldownMs?: number };
}

/** Every space's pass verifier, built once from the config. */
export interface PassVerifiers {
  /** Whether `space` takes member passes. */
  accepts(space: string): boolean;
  /**
   * The person a pass for `space` vouches for (identity from `sub`, name, member, moderator), or
   * a ConveneError with the refusal's own code: `pass_invalid`, `pass_unknown_key`,
   * `pass_expired`, `pass_not_yet_valid`, `pass_too_long`, `pass_wrong_space`,
   * `pass_not_accepted`, `pass_keys_unavailable`.
   */
  verifyPass(space: string, jwt: string): Promise<AuthenticatedPerson>;
  /** Resolves once every configured public key is imported; rejects with a ConfigError naming one that is not. */
  ready(): Promise<void>;
}

type VerifyKey = Awaited<ReturnType<typeof importSPKI>> | Uint8Array;

interface SpacePasses {
  slug: string;
  name: string;
  issuer?: string;
  /** Configured keys by kid: the kid's algorithm decides how a pass naming it is checked. */
  local: Map<string, { alg: PassAlgorithm; key: Promise<VerifyKey> }>;
  /** The site's JWKS, for kids not configured here (public-key algorithms only). */
  remote?: { url: string; getKey: JWTVerifyGetKey };
}

/** A JWKS that could not be fetched or read: the site's problem or the network's, not the visitor's. */
class KeysUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super('the JWKS could not be used');
  }
}

/** What each refusal says, with its status. `site` is the space's name. */
const REFUSALS: Record<PassRefusalCode, { status: number; message: (site: string) => string }> = {
  pass_invalid: {
    status: 401,
    message: (site) =>
      `Your sign-in could not be checked. Sign in again on the ${site} website, then reload this page.`,
  },
  pass_unknown_key: {
    status: 401,
    message: (site) =>
      `Your sign-in was signed with a key this Convene server does not know. Sign in again on the ${site} website; if this keeps happening, tell the site's organisers.`,
  },
  pass_expired: {
    status: 401,
    message: (site) => `Your sign-in has expired. Reload this page, or sign in again on the ${site} website.`,
  },
  pass_not_yet_valid: {
    status: 401,
    message: (site) =>
      `Your sign-in is not valid yet: the ${site} website's clock is ahead of this server's. Wait a minute and reload this page; if this keeps happening, tell the site's organisers.`,
  },
  pass_too_long: {
    status: 401,
    message: (site) =>
      `Your sign-in is valid for longer than this Convene server accepts (10 minutes). Tell the ${site} website's organisers: it should issue shorter ones.`,
  },
  pass_wrong_space: {
    status: 401,
    message: (site) =>
      `Your sign-in is for another space, not ${site}. Sign in again on the ${site} website, then reload this page.`,
  },
  // 400, not 401: no sign-in can fix it. The page sends passes to a space that was not set up for them.
  pass_not_accepted: {
    status: 400,
    message: (site) =>
      `${site} does not take sign-ins from other websites on this Convene server. Tell the site's organisers: the page and the server's config disagree.`,
  },
  // 503: the visitor's pass may be fine; the site's keys could not be fetched. Waiting helps.
  pass_keys_unavailable: {
    status: 503,
    message: (site) =>
      `Your sign-in cannot be checked right now: the ${site} website's keys could not be fetched. Try again in a moment.`,
  },
};

export type PassRefusalCode = Extract<ErrorCode, `pass_${string}`>;

function refusal(code: PassRefusalCode, site: string): ConveneError {
  const { status, message } = REFUSALS[code];
  const headers: Record<string, string> =
    status === 401 ? { 'WWW-Authenticate': PASS_HEADER } : status === 503 ? { 'Retry-After': '30' } : {};
  return new ConveneError(status, code, message(site), undefined, headers);
}

/** `value` cut to `max` UTF-16 units without leaving half a surrogate pair at the end. */
function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Builds every space's verifier: reads the HS256 secrets from the environment (a ConfigError names
 * each missing or short one by its config path and variable), starts importing the public keys,
 * and sets up each JWKS. Call once at start-up; `ready()` says when the keys are in.
 */
export function createPassVerifiers(config: PassConfig, options: PassVerifierOptions = {}): PassVerifiers {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, error) => console.error(`[convene] ${message}`, error));
  const jwksTiming = { ...JWKS_DEFAULTS, ...options.jwks };
  const problems: string[] = [];
  const imports: { path: string; key: Promise<VerifyKey> }[] = [];
  const spaces = new Map<string, SpacePasses>();
  /** Every space's name, for the words of a refusal in a space that takes no passes. */
  const names = new Map(config.spaces.map((space) => [space.slug, space.name]));

  config.spaces.forEach((space, spaceIndex) => {
    const passes = space.memberPasses;
    if (!passes) return;
    const at = (...path: (string | number)[]) => formatPath(['spaces', spaceIndex, 'memberPasses', ...path]);
    const entry: SpacePasses = {
      slug: space.slug,
      name: space.name,
      ...(passes.issuer ? { issuer: passes.issuer } : {}),
      local: new Map(),
    };
    passes.keys.forEach((configured, index) => {
      const key: Promise<VerifyKey> =
        typeof configured.publicKey === 'string'
          ? importSPKI(configured.publicKey, configured.alg)
          : importJWK(configured.publicKey as JWK, configured.alg).then((imported) => imported as VerifyKey);
      // Marked handled here; a failure is reported by ready() and refuses passes naming the key.
      key.catch(() => undefined);
      imports.push({ path: at('keys', index, 'publicKey'), key });
      entry.local.set(configured.kid, { alg: configured.alg, key });
    });
    passes.hmac.forEach((configured, index) => {
      const where = at('hmac', index, 'secretEnv');
      const secret = env[configured.secretEnv];
      if (!secret) {
        problems.push(
          `${where}: the environment variable ${configured.secretEnv} is not set; set it to the HS256 secret the site signs passes with (at least ${MIN_HMAC_SECRET_BYTES} bytes)`,
        );
        return;
      }
      const bytes = new TextEncoder().encode(secret);
      if (bytes.length < MIN_HMAC_SECRET_BYTES) {
        problems.push(
          `${where}: the environment variable ${configured.secretEnv} holds ${bytes.length} bytes; an HS256 pass secret needs at least ${MIN_HMAC_SECRET_BYTES} (make one with \`openssl rand -base64 48\`, and give the site the same)`,
        );
        return;
      }
      entry.local.set(configured.kid, { alg: 'HS256', key: Promise.resolve(bytes) });
    });
    if (passes.jwksUrl) {
      const url = passes.jwksUrl;
      const remote = createRemoteJWKSet(new URL(url), {
        timeoutDuration: jwksTiming.timeoutMs,
        cacheMaxAge: jwksTiming.cacheMaxAgeMs,
        cooldownDuration: jwksTiming.cooldownMs,
      });
      const getKey: JWTVerifyGetKey = async (header, token) => {
        try {
          return await remote(header, token);
        } catch (error) {
          // An unknown kid is the pass's problem (jose has already refetched, at most once per cooldown);
          // anything else is the site's or the network's.
          if (error instanceof errors.JWKSNoMatchingKey) throw error;
          throw new KeysUnavailable(error);
        }
      };
      entry.remote = { url, getKey };
    }
    spaces.set(space.slug, entry);
  });
  if (problems.length) throw new ConfigError(options.source ?? 'config', problems);

  const refusalFor = (space: SpacePasses, error: unknown): ConveneError => {
    if (error instanceof KeysUnavailable) {
      const why =
        error.reason instanceof errors.JWKSMultipleMatchingKeys
          ? 'has several keys that fit one pass (give each key its own kid)'
          : 'could not be fetched or read';
      log(`the JWKS of space "${space.slug}" at ${space.remote?.url} ${why}`, error.reason);
      return refusal(
        error.reason instanceof errors.JWKSMultipleMatchingKeys ? 'pass_unknown_key' : 'pass_keys_unavailable',
        space.name,
      );
    }
    if (error instanceof errors.JWTExpired) return refusal('pass_expired', space.name);
    if (error instanceof errors.JWTClaimValidationFailed && error.reason === 'check_failed') {
      if (error.claim === 'aud') return refusal('pass_wrong_space', space.name);
      if (error.claim === 'nbf') return refusal('pass_not_yet_valid', space.name);
    }
    if (error instanceof errors.JWKSNoMatchingKey) return refusal('pass_unknown_key', space.name);
    if (!(error instanceof errors.JOSEError)) {
      // Not a judgement on the pass (a key that failed to import, say): reported, and still refused.
      log(`a member pass for space "${space.slug}" could not be checked`, error);
    }
    return refusal('pass_invalid', space.name);
  };

  return {
    accepts: (slug) => spaces.has(slug),

    async verifyPass(slug, jwt) {
      const space = spaces.get(slug);
      if (!space) throw refusal('pass_not_accepted', names.get(slug) ?? slug.slice(0, 64));
      const invalid = () => refusal('pass_invalid', space.name);
      if (typeof jwt !== 'string' || jwt.length > MAX_PASS_LENGTH || !COMPACT_JWS.test(jwt)) throw invalid();
      let header;
      try {
        header = decodeProtectedHeader(jwt);
      } catch {
        throw invalid();
      }
      const { kid, alg } = header;
      // `none` and every algorithm but these three are refused whatever the key id.
      if (typeof alg !== 'string' || !PASS_ALGORITHMS.includes(alg)) throw invalid();
      if (typeof kid !== 'string' || !kid) throw invalid();

      let key: VerifyKey | JWTVerifyGetKey;
      let algorithms: string[];
      const local = space.local.get(kid);
      if (local) {
        // The kid's configured algorithm decides, never the header alone: an HS256 pass naming a
        // public key (signed with the public key's text as its secret) is refused here.
        if (alg !== local.alg) throw invalid();
        try {
          key = await local.key;
        } catch (error) {
          throw refusalFor(space, error);
        }
        algorithms = [local.alg];
      } else if (space.remote && alg !== 'HS256') {
        // A JWKS holds public keys only; jose matches kid, key type and curve (Ed25519, P-256).
        key = space.remote.getKey;
        algorithms = [...PASS_KEY_ALGORITHMS];
      } else {
        throw refusal('pass_unknown_key', space.name);
      }

      let claims: Record<string, unknown>;
      const current = now();
      try {
        const verified = await jwtVerify(jwt, key as Parameters<typeof jwtVerify>[1], {
          algorithms,
          typ: 'JWT',
          audience: space.slug,
          ...(space.issuer ? { issuer: space.issuer } : {}),
          requiredClaims: ['sub', 'aud', 'iat', 'exp', 'jti'],
          clockTolerance: PASS_CLOCK_SKEW_SECONDS,
          currentDate: new Date(current),
        });
        claims = verified.payload;
      } catch (error) {
        throw refusalFor(space, error);
      }

      // Signed by the site, for this space, not expired: now what it says must be whole and sane.
      const { sub, name, member, moderator, jti, iat, exp } = claims;
      if (typeof sub !== 'string' || sub.length < 1 || sub.length > 128 || sanitiseName(sub) !== sub) throw invalid();
      if (typeof name !== 'string' || typeof member !== 'boolean' || typeof moderator !== 'boolean') throw invalid();
      if (typeof jti !== 'string' || jti.length < 1 || jti.length > 256) throw invalid();
      if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat) throw invalid();
      if (iat > current / 1000 + PASS_CLOCK_SKEW_SECONDS) throw refusal('pass_not_yet_valid', space.name);
      if (exp - iat > PASS_MAX_LIFETIME_SECONDS) throw refusal('pass_too_long', space.name);
      return { identity: sub, name: cut(sanitiseName(name), MAX_NAME_LENGTH), member, moderator };
    },

    async ready() {
      const failed: string[] = [];
      await Promise.all(
        imports.map(({ path, key }) =>
          key.catch(() => {
            failed.push(`${path}: could not be imported as a public key; paste the site's public key again`);
          }),
        ),
      );
      if (failed.length) throw new ConfigError(options.source ?? 'config', failed);
    },
  };
}

/** The pass a request carries in its `Convene-Pass` header; `undefined` when it sends none (or an empty one). */
export function passOf(req: { get(name: string): string | undefined }): string | undefined {
  const value = req.get(PASS_HEADER)?.trim();
  return value ? value : undefined;
}

/**
 * Who a request is, from the host's `authenticate(req)` and a member pass: a sent pass must be
 * good (its refusal stands, checked before this); when both give a person, `authenticate`'s is
 * taken whole, identity, name and role, and the pass's is dropped: never a mix of the two.
 */
export function choosePerson(
  fromHost: AuthenticatedPerson | null,
  fromPass: AuthenticatedPerson | null,
): AuthenticatedPerson | null {
  return fromHost ?? fromPass;
}
