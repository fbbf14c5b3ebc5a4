// Browser tests: real Chromium (fake camera and microphone) against a real livekit-server and the
// Convene token server, both started here for the run and stopped when it ends.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS, findChromium } from './scripts/lib/chromium.mjs';
import { freeTcpPort } from './scripts/lib/livekit.mjs';

const port = await freeTcpPort();
const origin = `http://127.0.0.1:${port}`;
/** @type {import('./test/harness/stack.ts').Stack | undefined} */
let stack;
/** @type {typeof import('./test/harness/config.ts').signTestPass} */
let signPass;

/** Starts the stack with the server and serves where it is at `/__convene/stack.json`. */
function conveneStack() {
  return {
    name: 'convene-stack',
    async serverStart() {
      const { startStack } = await tsImport('./test/harness/stack.ts', import.meta.url);
      const { testConfig, cookieAuthenticate, testPassSpace, testPollSpace, testStageSpace, signTestPass } =
        await tsImport('./test/harness/config.ts', import.meta.url);
      signPass = signTestPass;
      const config = await testConfig({ allowedOrigins: [origin] });
      // A space that takes member passes, signed by this plugin's `/__convene/pass` (the host site's endpoint).
      config.spaces.push(testPassSpace([origin]));
      config.spaces.push(testPollSpace([origin])); // the poll tests' rooms
      // A space whose only room is for members: empty for guests.
      config.spaces.push({
        slug: 'members-club',
        name: 'Members’ club',
        entrance: 'clubhouse',
        allowedOrigins: [origin],
        rooms: [{ slug: 'clubhouse', name: 'Clubhouse', access: 'members' }],
      });
      // Furniture tests: one room per test, each with every built-in kind that shares state.
      const furniture = [
        { kind: 'video-bridge' },
        { kind: 'chat' },
        { kind: 'hand-raise' },
        { kind: 'markdown', settings: { text: '# Agenda\n\n- Welcome\n- [Minutes](https://example.org/minutes)' } },
      ];
      config.spaces.push({
        slug: 'furnished',
        name: 'Furnished',
        entrance: 'chat',
        allowedOrigins: [origin],
        embedHosts: ['forms.example.org'],
        rooms: ['chat', 'history', 'hands', 'noise', 'custom', 'spotlight'].map((slug) => ({
          slug,
          name: slug,
          access: 'public',
          moderatorCode: config.spaces[0].rooms.find((room) => room.moderatorCode).moderatorCode,
          furniture: [...furniture, { kind: 'spotlight', settings: { anyone: slug === 'spotlight' } }],
        })),
      });
      config.spaces.at(-1).rooms.push({
        slug: 'tables',
        name: 'Tables',
        access: 'public',
        furniture: [
          {
            kind: 'breakout-tables',
            settings: {
              tables: [
                { slug: 'red', name: 'Red table' },
                { slug: 'blue', name: 'Blue table' },
              ],
            },
          },
        ],
      });
      // Stage rooms (issue 17): the server's space, and one stage room per element test.
      config.spaces.push(await testStageSpace([origin]));
      config.spaces.push({
        slug: 'stage-tests',
        name: 'Stage tests',
        entrance: 'watch',
        allowedOrigins: [origin],
        rooms: ['watch', 'up', 'keys'].map((slug) => ({
          slug,
          name: slug,
          access: 'public',
          stage: true,
          furniture: [{ kind: 'video-bridge' }, { kind: 'chat' }],
        })),
      });
      stack = await startStack({ config, authenticate: cookieAuthenticate });
    },
    async serverStop() {
      await stack?.stop();
    },
    serve(context) {
      if (context.path === '/__convene/stack.json') {
        return { body: JSON.stringify({ server: stack?.baseUrl, livekit: stack?.livekit.url }), type: 'json' };
      }
      // Lets a test take the token server away and bring it back (livekit-server keeps running).
      if (context.path === '/__convene/server/stop') {
        return stack.stopServer().then(() => ({ body: '{"ok":true}', type: 'json' }));
      }
      if (context.path === '/__convene/server/start') {
        return stack.startServer().then(() => ({ body: '{"ok":true}', type: 'json' }));
      }
      // The host site's pass endpoint: `?as=guest` is signed out; `sub`, `name`, `as=moderator`,
      // `ttl` (seconds; negative for an expired pass), `aud` (another space) shape the pass; `broken` answers no JSON.
      if (context.path === '/__convene/pass') {
        const query = context.query;
        const headers = { 'Cache-Control': 'no-store' };
        if ('broken' in query) return { body: '<h1>Site error</h1>', type: 'html', headers };
        if (query.as === 'guest') return { body: '{"pass":null}', type: 'json', headers };
        const claims = {
          ...(query.sub ? { sub: String(query.sub) } : {}),
          ...(query.name ? { name: String(query.name) } : {}),
          ...(query.ttl ? { ttl: Number(query.ttl) } : {}),
          ...(query.aud ? { aud: String(query.aud) } : {}),
          moderator: query.as === 'moderator',
        };
        return { body: JSON.stringify(signPass(claims)), type: 'json', headers };
      }
      return undefined;
    },
  };
}

/**
 * React ships CommonJS only, which a browser cannot import: the React wrappers' test files are
 * bundled whole by esbuild (which understands CommonJS) before Chromium loads them.
 */
function reactTestBundles() {
  return {
    name: 'react-test-bundles',
    async serve(context) {
      if (!/^\/packages\/react\/src\/.*\.test\.ts$/.test(context.path)) return undefined;
      const result = await build({
        entryPoints: [fileURLToPath(new URL(`.${context.path}`, import.meta.url))],
        bundle: true,
        format: 'esm',
        write: false,
        target: 'es2022',
        conditions: ['convene:source', 'browser', 'development'],
        define: { 'process.env.NODE_ENV': '"development"' },
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
        sourcemap: 'inline',
      });
      return { body: result.outputFiles[0].text, type: 'js' };
    },
  };
}

/**
 * loglevel, which @livekit/components-core imports, ships UMD only (no ES module): served as one,
 * its `module.exports` the default export.
 */
function umdAsModule() {
  return {
    name: 'umd-as-module',
    transform(context) {
      if (!context.path.includes('/node_modules/loglevel/')) return undefined;
      return { body: `const module = { exports: {} };\n${context.body}\nexport default module.exports;` };
    },
  };
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['packages/*/src/**/*.test.ts'],
  hostname: '127.0.0.1',
  port,
  nodeResolve: { exportConditions: ['convene:source', 'browser', 'development'] },
  concurrency: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 30_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  plugins: [
    conveneStack(),
    reactTestBundles(),
    umdAsModule(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('packages/elements/tsconfig.json', import.meta.url)),
    }),
  ],
};
