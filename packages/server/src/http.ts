/** Small HTTP concerns shared by the routes: headers, CORS, body checks, client keys. */
import type { Request, RequestHandler, Response } from 'express';
import { PASS_HEADER } from './contract/index.js';
import { ConveneError } from './errors.js';
import { slugSchema, type SpaceConfig } from './schema.js';

/** The largest request body the API reads. */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** How much of a streamed body that is too large is read through, so that its 413 is received, before the connection is closed. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/** Headers every API response carries: JSON is never sniffed, framed, or cached by the way. */
export const apiSecurityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Cache-Control', 'no-store');
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
};

/**
 * Whether `origin` is the host this request was addressed to, and that host is one a page of this
 * server's own may have: an IP address, `localhost`, or one of the configured `hosts`. Any other
 * name in the Host header was the client's choice (a name an attacker points at a LAN or loopback
 * server, DNS rebinding, is same-host by this test alone). Hosts only, not schemes: behind a
 * TLS-terminating proxy that Express does not trust, `req.protocol` says http for an https page.
 */
function sameHost(req: Request, origin: string, hosts: readonly string[]): boolean {
  const host = req.get('host')?.toLowerCase();
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (!host || url.host !== host) return false;
  const name = url.hostname;
  return hosts.includes(host) || name === 'localhost' || name.startsWith('[') || /^[\d.]+$/.test(name);
}

/**
 * CORS for a space's `allowedOrigins` (with credentials, so the host site's session reaches
 * `authenticate`; the `Convene-Pass` header, so a member pass does). A POST from any other foreign origin is refused outright, so a page elsewhere
 * cannot mint tokens with a visitor's cookies.
 */
export function spaceCors(spaces: Map<string, SpaceConfig>, hosts: readonly string[] = []): RequestHandler {
  const ownHosts = hosts.map((h) => h.toLowerCase());
  return (req, res, next) => {
    const origin = req.headers.origin;
    const slug = slugSchema.safeParse(req.params.space);
    const space = slug.success ? spaces.get(slug.data) : undefined;
    // For a space that does not exist, any configured origin may read the 404, so a page with a
    // mistyped `space` attribute learns that, not that the server is unreachable.
    const allowed = Boolean(
      origin &&
      (space
        ? space.allowedOrigins.includes(origin)
        : [...spaces.values()].some((s) => s.allowedOrigins.includes(origin))),
    );
    if (allowed) {
      res.setHeader('Access-Control-Allow-Origin', origin as string);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    // The answer depends on who asks: the origin, and the member pass the page sends.
    res.setHeader('Vary', `Origin, ${PASS_HEADER}`);
    if (req.method === 'OPTIONS') {
      if (allowed) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE');
        res.setHeader('Access-Control-Allow-Headers', `Content-Type, Authorization, ${PASS_HEADER}`);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.status(204).end();
      return;
    }
    const writes = req.method === 'POST' || req.method === 'PUT' || req.method === 'DELETE';
    if (writes && origin && !allowed && !sameHost(req, origin, ownHosts)) {
      throw new ConveneError(
        403,
        'origin_not_allowed',
        `Requests from ${origin.slice(0, 200)} are not allowed for this space; add the origin to the space's allowedOrigins.`,
      );
    }
    next();
  };
}

const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads a JSON request body of at most 16 KiB: 415 for anything but (UTF-8) JSON, 413 when too
 * big (before reading, when the length says so; a streamed body is read through to its end, up
 * to 1 MiB, so that the client reads the 413), 400 when it does not parse. A body the host app's
 * own parser already read is used as it is.
 */
export function readJson(req: Request): Promise<unknown> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > BODY_LIMIT_BYTES) {
    return Promise.reject(new ConveneError(413, 'payload_too_large', 'The request body is larger than 16 KiB.'));
  }
  const type = req.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(type)) {
    return Promise.reject(
      new ConveneError(
        415,
        'unsupported_media_type',
        'Send the request body as JSON (Content-Type: application/json).',
      ),
    );
  }
  if (req.body !== undefined) return Promise.resolve(req.body);
  if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity') {
    return Promise.reject(new ConveneError(415, 'unsupported_media_type', 'Send the request body uncompressed.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        // Too much to read through: stop, answer, and close the connection after the answer.
        failed = true;
        req.pause();
        reject(
          new ConveneError(413, 'payload_too_large', 'The request body is larger than 16 KiB.', undefined, {
            Connection: 'close',
          }),
        );
        return;
      }
      if (size > BODY_LIMIT_BYTES) {
        // A streamed body without a length: read the rest through and answer once it ends, so
        // that the client can read the 413 (closing on unread data would reset the connection).
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (failed) return;
      if (tooLarge) {
        reject(new ConveneError(413, 'payload_too_large', 'The request body is larger than 16 KiB.'));
        return;
      }
      const text =
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      try {
        const value: unknown = JSON.parse(text);
        if (value === null || typeof value !== 'object') throw new SyntaxError('not an object');
        resolve(value);
      } catch {
        reject(new ConveneError(400, 'invalid_request', 'The request body is not a valid JSON object.'));
      }
    });
    req.once('error', () => {
      if (!failed) reject(new ConveneError(400, 'invalid_request', 'The request body could not be read.'));
      failed = true;
    });
  });
}

/** Sends a JSON answer directly: no ETag or freshness work for answers that are never cached. */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * Who is asking, for rate limits: the client's address as Express sees it (set `trust proxy`
 * behind one), grouped as `clientGroup` does, so one IPv6 network counts as one client.
 */
export function clientKey(req: Request): string {
  return clientGroup(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/**
 * The client an address counts as for rate limits: an IPv4 address itself (also written as
 * IPv4-mapped IPv6, `::ffff:192.0.2.1`), an IPv6 address its /64 (`2001:db8:0:1::/64`: one
 * home or one server is usually given a whole /64, so its addresses are one client's to rotate
 * through). Anything that is not an address is its own group.
 */
export function clientGroup(address: string): string {
  const text = address.trim().toLowerCase().replace(/%.*$/, '');
  if (!text.includes(':')) return text;
  const hextets = expandIpv6(text);
  if (!hextets) return text;
  if (hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff) {
    return [hextets[6]! >> 8, hextets[6]! & 255, hextets[7]! >> 8, hextets[7]! & 255].join('.');
  }
  return `${hextets
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(':')}::/64`;
}

/** An IPv6 address as its eight 16-bit groups (an embedded IPv4 tail read as two), or `undefined`. */
function expandIpv6(text: string): number[] | undefined {
  let address = text;
  const tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (tail) {
    const bytes = tail.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return undefined;
    const [a, b, c, d] = bytes as [number, number, number, number];
    address = `${address.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0] as string);
  const rest = halves.length === 2 ? parse(halves[1] as string) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}
