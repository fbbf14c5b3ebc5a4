/**
 * A space's `memberPasses` config: the keys its host site signs member passes with. Public keys
 * only (the Convene server can check a pass, never forge one), an optional JWKS URL, and, for
 * hosts that can only do HMAC, HS256 secrets named by environment variable, never written here.
 *
 * Keys are checked here, when the config is read, with Node's own key parser, so a wrong or
 * private key is an error naming its path; `passes.ts` imports them once with jose.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** The public-key algorithms a pass may be signed with: Ed25519 (EdDSA) and P-256 (ES256). */
export const PASS_KEY_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type PassKeyAlgorithm = (typeof PASS_KEY_ALGORITHMS)[number];

/** The shortest HS256 secret, in bytes (RFC 7518 §3.2: at least the hash's size). */
export const MIN_HMAC_SECRET_BYTES = 32;

const KID_PATTERN = /^[\x21-\x7e]{1,128}$/;
const kidSchema = z
  .string()
  .regex(KID_PATTERN, 'expected a key id: 1–128 visible ASCII characters, the "kid" the site puts in its passes');

/** What a key of each algorithm is, as Node names it (`asymmetricKeyType`, curve). */
const KEY_KIND: Record<PassKeyAlgorithm, { type: string; curve?: string; words: string; jwk: string }> = {
  EdDSA: { type: 'ed25519', words: 'an Ed25519 key', jwk: '{ "kty": "OKP", "crv": "Ed25519" }' },
  ES256: { type: 'ec', curve: 'prime256v1', words: 'a P-256 key', jwk: '{ "kty": "EC", "crv": "P-256" }' },
};

const PUBLIC_ONLY =
  'put only the public key in the config (`openssl pkey -in private.pem -pubout` prints it); the private key stays on the site that signs passes';

/** JWK members that hold private or secret key material. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

function describeKey(key: KeyObject): string {
  if (key.asymmetricKeyType === 'ed25519') return 'an Ed25519 key';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' ? 'a P-256 key' : `an EC key on ${curve ?? 'another curve'}`;
  }
  return `an ${String(key.asymmetricKeyType ?? 'unknown').toUpperCase()} key`;
}

type Issue = { path: (string | number)[]; message: string };

/**
 * The public key in `value` (PEM SPKI text or a public JWK) checked against `alg`, in the one
 * form jose imports (canonical PEM, or a JWK of only its public members), or what is wrong.
 */
function checkPublicKey(
  alg: PassKeyAlgorithm,
  kid: string,
  value: unknown,
): { key?: string | JsonWebKey; issue?: Issue } {
  const kind = KEY_KIND[alg];
  let key: KeyObject;
  if (typeof value === 'string') {
    const pem = value.trim();
    if (/PRIVATE KEY-----/.test(pem)) return { issue: { path: [], message: `this is a private key: ${PUBLIC_ONLY}` } };
    if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(pem)) {
      return {
        issue: {
          path: [],
          message: `expected a PEM public key ("-----BEGIN PUBLIC KEY-----" … "-----END PUBLIC KEY-----") or a public JWK object ${kind.jwk}`,
        },
      };
    }
    try {
      key = createPublicKey({ key: pem, format: 'pem' });
    } catch {
      return {
        issue: {
          path: [],
          message: 'could not be read as a public key; paste the whole PEM, BEGIN and END lines included',
        },
      };
    }
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const jwk = value as Record<string, unknown>;
    if (jwk.k !== undefined) {
      return {
        issue: {
          path: ['k'],
          message:
            'this JWK is a secret (HS256) key: secrets never go in the file; list it under hmac with secretEnv naming the environment variable that holds it',
        },
      };
    }
    const secret = PRIVATE_JWK_MEMBERS.find((member) => jwk[member] !== undefined);
    if (secret) {
      return { issue: { path: [secret], message: `this JWK holds a private key ("${secret}"): ${PUBLIC_ONLY}` } };
    }
    if (jwk.alg !== undefined && jwk.alg !== alg) {
      return {
        issue: {
          path: ['alg'],
          message: `the JWK says alg "${String(jwk.alg)}" but this key's alg is "${alg}"; make them the same`,
        },
      };
    }
    if (jwk.kid !== undefined && jwk.kid !== kid) {
      return { issue: { path: ['kid'], message: `the JWK's kid is not this key's kid "${kid}"; make them the same` } };
    }
    if (jwk.use !== undefined && jwk.use !== 'sig') {
      return { issue: { path: ['use'], message: 'a pass key is a signing key: "use" must be "sig" (or left out)' } };
    }
    try {
      key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } catch {
      return {
        issue: { path: [], message: `could not be read as a public JWK; expected ${kind.jwk} with its public members` },
      };
    }
  } else {
    return {
      issue: {
        path: [],
        message: `expected the site's public key: PEM text ("-----BEGIN PUBLIC KEY-----" …) or a public JWK object ${kind.jwk}`,
      },
    };
  }
  const matches =
    key.asymmetricKeyType === kind.type && (!kind.curve || key.asymmetricKeyDetails?.namedCurve === kind.curve);
  if (!matches) {
    const other = PASS_KEY_ALGORITHMS.find((a) => a !== alg && describeKey(key) === KEY_KIND[a].words);
    return {
      issue: {
        path: [],
        message:
          `alg "${alg}" takes ${kind.words}, and this is ${describeKey(key)}` +
          (other ? `; set alg to "${other}"` : '; passes are signed with Ed25519 (EdDSA) or P-256 (ES256) keys'),
      },
    };
  }
  if (typeof value === 'string') return { key: key.export({ type: 'spki', format: 'pem' }).toString() };
  return { key: key.export({ format: 'jwk' }) };
}

/** One public key of the host site, by the key id its passes name. */
export const passPublicKeySchema = z
  .object({
    kid: kidSchema,
    alg: z.enum(PASS_KEY_ALGORITHMS, {
      error: 'expected "EdDSA" (an Ed25519 key) or "ES256" (a P-256 key); HS256 secrets go under hmac, by secretEnv',
    }),
    publicKey: z.unknown().optional(),
  })
  .strict()
  .transform((entry, ctx) => {
    const checked = checkPublicKey(entry.alg, entry.kid, entry.publicKey);
    if (checked.issue) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicKey', ...checked.issue.path],
        message: checked.issue.message,
        input: undefined,
      });
      return z.NEVER;
    }
    return { kid: entry.kid, alg: entry.alg, publicKey: checked.key as string | JsonWebKey };
  });

/** Who may serve a JWKS: https, or plain http to this machine itself (nobody in between to tamper). */
function jwksUrlAllowed(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/** An HS256 secret, named by the environment variable that holds it. */
export const passHmacKeySchema = z
  .object({
    kid: kidSchema,
    secretEnv: z
      .string()
      .regex(
        /^[A-Z_][A-Z0-9_]{0,63}$/,
        'expected the name of the environment variable that holds the secret, such as "RIVER_PASS_SECRET" (capitals, digits and _; the secret itself never goes in the file)',
      )
      .refine(
        (name) => !name.startsWith('LIVEKIT_'),
        "give passes a secret of their own, not LiveKit's: the host site would hold it",
      ),
    secret: z
      .unknown()
      .optional()
      .refine(
        (value) => value === undefined,
        'the secret never goes in the file: put it in an environment variable and name that variable in secretEnv',
      ),
  })
  .strict()
  .transform(({ kid, secretEnv }) => ({ kid, secretEnv }));

/** A space's `memberPasses`: the keys its host site signs member passes with. */
export const memberPassesSchema = z
  .object({
    /** Public keys by key id; several during a rotation. */
    keys: z.array(passPublicKeySchema).max(50).default([]),
    /** The site's JSON Web Key Set, fetched and cached; its EdDSA and ES256 keys count like `keys`. */
    jwksUrl: z
      .string()
      .max(2048)
      .refine(
        jwksUrlAllowed,
        "expected an https:// URL of the site's JSON Web Key Set (plain http only to 127.0.0.1, [::1] or localhost)",
      )
      .optional(),
    /** HS256 secrets by key id, for hosts that cannot sign with a key pair. */
    hmac: z.array(passHmacKeySchema).max(50).default([]),
    /** When set, every pass must name this issuer in `iss`. */
    issuer: z.string().min(1).max(2048).optional(),
  })
  .strict()
  .superRefine((passes, ctx) => {
    if (passes.keys.length === 0 && passes.hmac.length === 0 && !passes.jwksUrl) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          "memberPasses needs the site's keys: list them under keys, give a jwksUrl, or name an HS256 secret under hmac",
      });
    }
    const seen = new Map<string, string>();
    const check = (list: 'keys' | 'hmac', kid: string, index: number) => {
      const earlier = seen.get(kid);
      if (earlier) {
        ctx.addIssue({
          code: 'custom',
          path: [list, index, 'kid'],
          message: `key id "${kid}" is used twice in this space (${earlier} has it); give each key its own kid`,
        });
      } else seen.set(kid, `${list}[${index}]`);
    };
    passes.keys.forEach((key, index) => check('keys', key.kid, index));
    passes.hmac.forEach((key, index) => check('hmac', key.kid, index));
  });

export type MemberPassesConfig = z.output<typeof memberPassesSchema>;
export type MemberPassesConfigInput = z.input<typeof memberPassesSchema>;
