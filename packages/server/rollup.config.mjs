import esbuild from 'rollup-plugin-esbuild';

/** Node ESM: every dependency stays external. */
export default {
  input: { index: 'src/index.ts', contract: 'src/contract/index.ts', schema: 'src/schema.ts', cli: 'src/cli.ts' },
  output: {
    dir: 'dist',
    format: 'esm',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  plugins: [esbuild({ target: 'node20', tsconfig: 'tsconfig.json' })],
};
