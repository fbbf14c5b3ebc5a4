import esbuild from 'rollup-plugin-esbuild';

export default {
  input: 'src/index.ts',
  output: { dir: 'dist', format: 'esm', sourcemap: true },
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
};
