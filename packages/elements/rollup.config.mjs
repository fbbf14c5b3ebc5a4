import { nodeResolve } from '@rollup/plugin-node-resolve';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { fileURLToPath } from 'node:url';

const production = process.env.NODE_ENV !== 'development';

// LiveKit's E2EE worker (issue 15), built by livekit-client as one self-contained module.
const e2eeWorkerFile = fileURLToPath(import.meta.resolve('livekit-client/e2ee-worker'));

/**
 * The embed's E2EE worker: a file of its own among the chunks (minified with them, its name
 * hashed), which only an encrypted room fetches; src/components/room/e2ee-worker-url.ts says where.
 */
const e2eeWorker = {
  name: 'e2ee-worker',
  load(id) {
    if (!id.endsWith('/src/components/room/e2ee-worker-url.ts')) return null;
    const ref = this.emitFile({ type: 'chunk', id: e2eeWorkerFile, name: 'e2ee-worker' });
    return `export const e2eeWorkerUrl = () => import.meta.ROLLUP_FILE_URL_${ref};`;
  },
};

/**
 * The preload hint's list (issue 19, src/lazy-define.ts): the files of the room's chunk and
 * livekit-client's, written into convene.js in place of `__CONVENE_ROOM_CHUNKS__`. The names carry
 * Rollup's hash placeholders here, which it fills in (and hashes convene.js by) afterwards.
 */
const roomChunks = {
  name: 'room-chunks',
  renderChunk(code, _chunk, _options, { chunks }) {
    if (!code.includes('__CONVENE_ROOM_CHUNKS__')) return null;
    const files = Object.values(chunks)
      .filter((c) => c.name === 'livekit-client' || c.moduleIds.some((id) => id.endsWith('/src/room.ts')))
      .map((c) => c.fileName)
      .sort();
    if (files.length !== 2) {
      throw new Error(`room-chunks: expected the room's and livekit-client's chunks, found ${files}`);
    }
    return { code: code.replaceAll('__CONVENE_ROOM_CHUNKS__', JSON.stringify(files)), map: null };
  },
};

// loglevel, which @livekit/components-core imports (the chat kind's setupChat), ships UMD only:
// read as an ES module whose default export is its `module.exports`.
const umdAsModule = {
  name: 'umd-as-module',
  transform(code, id) {
    if (!id.includes('/node_modules/loglevel/')) return null;
    return { code: `const module = { exports: {} };\n${code}\nexport default module.exports;`, map: null };
  },
};

export default [
  // The script-tag embed: dist/convene.js defines every element (the room's code once a page has
  // a room: src/lazy-define.ts); the room, livekit-client, the door and anything else not every
  // page needs land in dist/chunks/ and load when needed.
  {
    input: { convene: 'src/define.ts' },
    // Keep convene.js the module that holds the elements, even though lazily loaded chunks
    // (the furniture panel) import from it, rather than a stub re-exporting a shared chunk.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'esm',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks(id) {
        // livekit-parts.ts (what loadLivekit() resolves with) rides in the same chunk: one request.
        if (id === e2eeWorkerFile) return undefined; // the worker is its own file, not in the page's chunk
        if (id.includes('/node_modules/livekit-client/') || id.endsWith('/src/core/livekit-parts.ts')) {
          return 'livekit-client';
        }
        return undefined;
      },
    },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['convene:source'] }),
      umdAsModule,
      e2eeWorker,
      roomChunks,
      // Comments and runs of whitespace out of lit's html`` and css`` templates (before esbuild
      // renames the tags). Conservative: a space between words and bindings stays a space, and
      // svg`` fragments keep their self-closing slashes (without them `<rect>` swallows the `<path>`).
      ...(production
        ? [
            minifyHtmlLiterals({
              include: ['src/**/*.ts'],
              failOnError: true,
              options: { minifyOptions: { conservativeCollapse: true, keepClosingSlash: true } },
            }),
          ]
        : []),
      esbuild({ target: 'es2022', minify: production, tsconfig: 'tsconfig.json', legalComments: 'none' }),
      // terser after esbuild: a further 5-6 kB gzip off what a video room loads, most of it from
      // livekit-client's chunk (the room's 185 kB budget).
      ...(production
        ? [terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } })]
        : []),
    ],
    onwarn(warning, warn) {
      // livekit-client's ESM build uses `this` at module level in tslib helpers.
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
  },
  // The npm package: one ESM module per source file, dependencies left to the app's bundler.
  {
    input: [
      'src/index.ts',
      'src/define.ts',
      'src/components/room/convene-room.ts',
      'src/components/space/convene-space.ts',
      'src/furniture/convene-furniture.ts',
    ],
    output: { dir: 'dist/esm', format: 'esm', sourcemap: true, preserveModules: true, preserveModulesRoot: 'src' },
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
  },
];
