/**
 * The packages as a co-op's web developer gets them: `npm pack` of @convene/server, @convene/elements
 * and @convene/react, installed into a fresh project outside the workspace (no workspace links; the
 * other dependencies from the registry, one `npm install`). From the installed packages: the
 * `convene-server` command; the script-tag embed it serves, on a host page in Chromium against a real
 * livekit-server; an app importing the elements and the React wrappers, bundled with esbuild; and a
 * TypeScript consumer compiled with `strict` against the published types. `npm test` builds first.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { freeTcpPort, startLivekit } from '../../scripts/lib/livekit.mjs';
import { root } from '../../scripts/lib/workspace.mjs';
import { npx, runCommand, startCommand } from '../harness/commands.js';
import { launchChromium } from '../harness/index.js';
import { enterRoom, listedRooms, namesWithVideo, until } from '../harness/pages.js';

const PACKAGES = ['@convene/server', '@convene/elements', '@convene/react'] as const;
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const reactPackage = JSON.parse(readFileSync(join(root, 'packages', 'react', 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

const work = mkdtempSync(join(tmpdir(), 'convene-packages-'));
after(() => rmSync(work, { recursive: true, force: true }));
const tarballs = join(work, 'tarballs');
/** The co-op's own project: nothing of the workspace in it but the tarballs. */
const site = join(work, 'coop-site');
const installed = (name: string) => join(site, 'node_modules', ...name.split('/'));
const packed: Record<string, { filename: string; size: number; unpackedSize: number; entryCount: number }> = {};

function write(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

before(async () => {
  mkdirSync(tarballs, { recursive: true });
  const pack = await runCommand(
    'npm',
    ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.map((name) => `--workspace=${name}`)],
    { cwd: root },
  );
  assert.equal(pack.code, 0, pack.stderr);
  for (const entry of JSON.parse(pack.stdout) as {
    name: string;
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
  }[]) {
    packed[entry.name] = entry;
  }
  const sizes = PACKAGES.map(
    (name) =>
      `${name} ${(packed[name]!.size / 1024).toFixed(0)} kB packed, ${(packed[name]!.unpackedSize / 1024).toFixed(0)} kB unpacked (${packed[name]!.entryCount} files)`,
  );
  console.log(`npm pack: ${sizes.join('; ')}`);

  write(
    join(site, 'package.json'),
    JSON.stringify(
      {
        name: 'coop-site',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(PACKAGES.map((name) => [name, `file:${join(tarballs, packed[name]!.filename)}`])),
          express: '^5.3.0',
          react: reactPackage.devDependencies.react,
          'react-dom': reactPackage.devDependencies['react-dom'],
        },
        devDependencies: {
          '@types/express': rootPackage.devDependencies['@types/express'],
          '@types/node': rootPackage.devDependencies['@types/node'],
          '@types/react': reactPackage.devDependencies['@types/react'],
          '@types/react-dom': reactPackage.devDependencies['@types/react-dom'],
        },
      },
      null,
      2,
    ),
  );
  const started = Date.now();
  const install = await runCommand('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: site });
  assert.equal(install.code, 0, `npm install of the tarballs failed:\n${install.stderr}`);
  console.log(`npm install of the tarballs: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

describe('the packed packages, installed in a project of their own', () => {
  it('are real copies with complete publish metadata and every exported file present', () => {
    for (const name of PACKAGES) {
      const dir = installed(name);
      assert.equal(lstatSync(dir).isSymbolicLink(), false, `${name} is a copy, not a workspace link`);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown> & {
        exports: Record<string, string | Record<string, string>>;
        engines?: { node?: string };
        bin?: Record<string, string>;
      };
      for (const field of ['description', 'license', 'keywords', 'files', 'sideEffects', 'engines']) {
        assert.ok(pkg[field] !== undefined && pkg[field] !== '', `${name} has "${field}"`);
      }
      assert.match(pkg.engines?.node ?? '', /\^22\.\d+\.\d+ \|\| >=24/, `${name} says Node 22 or 24`);
      for (const [path, target] of Object.entries(pkg.exports)) {
        const conditions = typeof target === 'string' ? { default: target } : target;
        // `convene:source` is the workspace's own condition (TypeScript sources); users never set it.
        const published = Object.entries(conditions).filter(([condition]) => condition !== 'convene:source');
        if (published.some(([condition]) => condition === 'types')) {
          assert.equal(published[0]![0], 'types', `${name} exports "${path}" with types first`);
        }
        for (const [condition, file] of published) {
          assert.ok(existsSync(join(dir, file)), `${name} exports "${path}" (${condition}): ${file} is in the package`);
        }
      }
      for (const file of Object.values(pkg.bin ?? {})) assert.ok(existsSync(join(dir, file)), `${name} bin ${file}`);
      assert.ok(!existsSync(join(dir, 'src')), `${name} ships its build, not its sources`);
      assert.match(readFileSync(join(dir, 'LICENSE'), 'utf8'), /^MIT License/, `${name} ships its licence text`);
    }
  });

  it('runs `npx convene-server --help` and `hash-code` from the installed package', async () => {
    const help = await npx(['convene-server', '--help'], { cwd: site });
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage:\n {2}convene-server --config convene\.yaml/);
    const hash = await npx(['convene-server', 'hash-code', 'the-access-code'], { cwd: site });
    assert.equal(hash.code, 0, hash.stderr);
    // Checked by the installed package itself, as the co-op's server will check it.
    const { verifyCode } = (await import(
      pathToFileURL(join(installed('@convene/server'), 'dist', 'index.js')).href
    )) as {
      verifyCode(code: string, hash: string): Promise<boolean>;
    };
    assert.equal(await verifyCode('the-access-code', hash.stdout.trim()), true);
    assert.equal(await verifyCode('another-code', hash.stdout.trim()), false);
  });

  it('compiles a strict TypeScript consumer against the published types', async () => {
    write(
      join(site, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          // As most projects have it (checking every library's declarations takes four times as long). An
          // import in our .d.ts that did not resolve would then be `any`: the @ts-expect-error lines
          // below fail when a published type is lost that way.
          skipLibCheck: true,
        },
        include: ['src'],
      }),
    );
    write(
      join(site, 'src', 'server.ts'),
      `import express from 'express';
import { conveneRouter, hashCode, livekitFromEnv, loadConfigFile, type ConveneRouterOptions } from '@convene/server';
import { ERROR_CODES, type ErrorCode, type TokenResponse } from '@convene/server/contract';

const authenticate: ConveneRouterOptions['authenticate'] = (req) =>
  req.headers.cookie?.includes('member=1') ? { identity: 'ada', name: 'Ada', member: true, moderator: false } : null;
const app = express();
app.use('/convene', conveneRouter({ config: await loadConfigFile('convene.yaml'), livekit: livekitFromEnv(), authenticate }));
const code: ErrorCode = ERROR_CODES[0];
const hashed: string = await hashCode('a-long-code');
export function tokenUrl(answer: TokenResponse): string {
  return answer.server_url;
}
// @ts-expect-error an error code is one of the contract's, not any string
const wrong: ErrorCode = 'no_such_code';
export { app, code, hashed, wrong };
`,
    );
    write(
      join(site, 'src', 'types.tsx'),
      `import '@convene/elements/define.js';
import { ConveneRoom as ConveneRoomElement, ConveneSpace as ConveneSpaceElement, fetchDirectory } from '@convene/elements';
import type { Directory } from '@convene/server/contract';
import { ConveneRoom, ConveneSpace } from '@convene/react';

const space: ConveneSpaceElement = document.createElement('convene-space');
const room: ConveneRoomElement | null = document.querySelector('convene-room');
space.addEventListener('convene-room-entered', (event) => console.log(event.room.toUpperCase()));
// @ts-expect-error the event map types each event: a room is a string
space.addEventListener('convene-room-entered', (event) => console.log(event.room.toFixed()));
export const page = (
  <>
    <ConveneSpace server="/convene" space="river-coop" onRoomEntered={(event) => console.log(event.room)} />
    <ConveneRoom server="/convene" space="river-coop" room="lobby" onJoined={(event) => console.log(event.room)} />
  </>
);
export function roomNames(directory: Directory): string[] {
  return directory.rooms.map((r) => r.name);
}
export async function firstRoom(): Promise<string | undefined> {
  const directory = await fetchDirectory('/convene', 'river-coop');
  // @ts-expect-error the directory's types come through from @convene/server/contract: a name is a string
  const wrongName: number = directory.name;
  console.log(wrongName);
  return directory.rooms[0]?.slug;
}
// @ts-expect-error space is a string
export const wrong = <ConveneSpace server="/convene" space={42} />;
export { room };
`,
    );
    const tsc = await runCommand(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', site],
      {
        cwd: site,
      },
    );
    assert.equal(tsc.code, 0, `tsc found errors:\n${tsc.stdout}${tsc.stderr}`);
  });

  it('serves the script-tag embed, and an esbuild bundle of the elements and React wrappers runs, in Chromium', async () => {
    // The host site's pages, on an origin of their own.
    const pages = join(site, 'public');
    const host = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const file = join(pages, path === '/' ? 'index.html' : path);
      if (!file.startsWith(pages) || !existsSync(file) || lstatSync(file).isDirectory()) {
        res.writeHead(404).end();
        return;
      }
      const type = { '.html': 'text/html', '.js': 'text/javascript' }[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    after(() => host.close());
    const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;

    const livekit = await startLivekit();
    after(() => livekit.stop());
    write(
      join(site, 'convene.yaml'),
      [
        'spaces:',
        '  - slug: river-coop',
        '    name: River Co-op',
        '    entrance: lobby',
        `    allowedOrigins: ['${origin}']`,
        '    rooms:',
        '      - slug: lobby',
        '        name: Lobby',
        '        access: public',
        '',
      ].join('\n'),
    );
    const port = await freeTcpPort();
    const convene = `http://127.0.0.1:${port}`;
    const server = startCommand('npx', ['convene-server', '--config', 'convene.yaml', '--port', String(port)], {
      cwd: site,
      env: { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret },
    });
    await until('the installed server to listen', () => server.running().includes(`listening on ${convene}`));

    write(
      join(pages, 'index.html'),
      `<!doctype html>
<html lang="en">
  <meta charset="utf-8" />
  <title>River Co-op</title>
  <script type="module" src="${convene}/convene.js"></script>
  <convene-space server="${convene}" space="river-coop"></convene-space>
</html>
`,
    );
    write(
      join(site, 'src', 'main.tsx'),
      `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConveneSpace as ConveneSpaceElement } from '@convene/elements';
import { ConveneSpace } from '@convene/react';

const server = document.body.dataset.server!;
function App() {
  const [entered, setEntered] = useState('');
  return (
    <main>
      <ConveneSpace server={server} space="river-coop" onRoomEntered={(event) => setEntered(event.room)} />
      <output id="entered">{entered}</output>
    </main>
  );
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
customElements.whenDefined('convene-space').then(() => {
  document.body.dataset.sameClass = String(customElements.get('convene-space') === ConveneSpaceElement);
});
`,
    );
    await build({
      absWorkingDir: site,
      entryPoints: ['src/main.tsx'],
      outdir: join(pages, 'app'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
    });
    write(
      join(pages, 'react.html'),
      `<!doctype html>
<html lang="en">
  <meta charset="utf-8" />
  <title>River Co-op (React)</title>
  <body data-server="${convene}">
    <div id="root"></div>
    <script type="module" src="/app/main.js"></script>
  </body>
</html>
`,
    );

    const browser = await launchChromium();
    const embed = await browser.newPage();
    const requests: string[] = [];
    embed.on('request', (request) => requests.push(request.url()));
    await embed.goto(`${origin}/`);
    await until('the embed’s directory', async () => (await listedRooms(embed)).includes('lobby'));
    await enterRoom(embed, 'lobby', 'Ada');
    await until('Ada to see her own camera', async () => (await namesWithVideo(embed)).includes('Ada (you)'));
    assert.ok(
      requests.some((url) => url.startsWith(`${convene}/chunks/`)),
      'the room’s code comes from the installed server’s /chunks/',
    );

    const react = await browser.newPage();
    const errors: string[] = [];
    react.on('pageerror', (error) => errors.push(String(error)));
    await react.goto(`${origin}/react.html`);
    await until('the React app’s directory', async () => (await listedRooms(react)).includes('lobby'));
    assert.equal(await react.evaluate(() => document.body.dataset.sameClass), 'true', 'one class, defined once');
    await enterRoom(react, 'lobby', 'Bea');
    await until(
      'the onRoomEntered prop',
      async () => (await react.$eval('#entered', (e) => e.textContent)) === 'lobby',
    );
    await until('Bea to see Ada', async () => (await namesWithVideo(react)).includes('Ada'));
    assert.deepEqual(errors, []);
  });
});
