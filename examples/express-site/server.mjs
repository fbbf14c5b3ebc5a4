// A co-op's existing Express site: its own pages and its own sign-in. Convene is mounted at
// /convene, and `authenticate` tells it who is signed in, from the site's own session. Beside it,
// /convene-pass signs a member pass for the same person: what a site that cannot mount the router
// (WordPress, Django, a static site) does, shown on /pass.html.
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { conveneRouter, findElementsDist, livekitFromEnv, loadConfigFile } from '@convene/server';

const elements = findElementsDist();
if (!elements) {
  console.error('The elements are not built: run `npm run build` in the repository root first.');
  process.exit(1);
}

// The site's members (a real site has a database and hashed passwords). Bob moderates: the token
// server makes him a moderator, and his room shows mute and remove buttons on other people's tiles.
// A Map, not a plain object: a username such as `constructor` or `__proto__` is then simply
// unknown instead of finding something on Object.prototype.
const PEOPLE = new Map([
  ['alice', { identity: 'member-alice', name: 'Alice', member: true, moderator: false }],
  ['bob', { identity: 'member-bob', name: 'Bob', member: true, moderator: true }],
]);
const sessions = new Map(); // session id → username

/** The signed-in person of this request, or null for a guest. */
function personOf(req) {
  const id = /(?:^|;\s*)sid=([a-f0-9]{32})/.exec(req.headers.cookie ?? '')?.[1];
  const username = id ? sessions.get(id) : undefined;
  return (username !== undefined && PEOPLE.get(username)) || null;
}

const app = express();
app.use(express.urlencoded({ extended: false, limit: '2kb' }));

app.post('/sign-in', (req, res) => {
  const username = String(req.body?.username ?? '');
  if (!PEOPLE.has(username)) return res.redirect('/?unknown=1');
  const id = randomBytes(16).toString('hex');
  sessions.set(id, username);
  res.setHeader('Set-Cookie', `sid=${id}; Path=/; HttpOnly; SameSite=Lax`);
  res.redirect('/');
});
app.post('/sign-out', (req, res) => {
  res.setHeader('Set-Cookie', 'sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
  res.redirect('/');
});
app.get('/me', (req, res) => res.json(personOf(req)));

// Member passes: the site's Ed25519 key pair. A real site makes it once
// (`openssl genpkey -algorithm ed25519 -out pass-key.pem`), keeps the private half to itself and
// puts the public half in convene.yaml under the space's `memberPasses.keys`; this example makes
// a new one at every start and hands the public half to the config here.
const PASS_KID = 'express-site';
const passKeys = generateKeyPairSync('ed25519');
const config = await loadConfigFile(fileURLToPath(new URL('convene.yaml', import.meta.url)));
const space = config.spaces.find((s) => s.slug === 'river-coop');
space.memberPasses = {
  keys: [{ kid: PASS_KID, alg: 'EdDSA', publicKey: passKeys.publicKey.export({ type: 'spki', format: 'pem' }) }],
  hmac: [],
};

/** A member pass for `person`: a compact JWS (EdDSA) that lives 5 minutes, for the space `river-coop`. */
function memberPass(person) {
  const now = Math.floor(Date.now() / 1000);
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    sub: person.identity,
    name: person.name,
    member: person.member,
    moderator: person.moderator,
    aud: space.slug,
    iat: now,
    exp: now + 300,
    jti: randomUUID(),
  };
  const input = `${part({ alg: 'EdDSA', kid: PASS_KID, typ: 'JWT' })}.${part(claims)}`;
  const signature = sign(null, Buffer.from(input), passKeys.privateKey).toString('base64url');
  return { pass: `${input}.${signature}`, expires_at: new Date(claims.exp * 1000).toISOString() };
}

// The pass endpoint `<convene-space pass-url="/convene-pass">` fetches with the page's cookies.
app.get('/convene-pass', (req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  const person = personOf(req);
  res.json(person ? memberPass(person) : { pass: null });
});

// Convene: the API, and the elements' script-tag bundle beside it.
const convene = conveneRouter({
  config,
  livekit: livekitFromEnv(),
  authenticate: personOf,
});
app.use('/convene', express.static(elements, { index: false }));
app.use('/convene', convene);

app.use(express.static(fileURLToPath(new URL('public', import.meta.url))));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, 'localhost', () => console.log(`River Co-op's site: http://localhost:${port}`));
const stop = () => {
  convene.shutdown();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
