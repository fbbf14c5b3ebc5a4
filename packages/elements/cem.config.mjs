/**
 * custom-elements.json: the elements' API from their doc comments. The analyzer also guesses
 * events from `dispatchEvent(new SomeEvent(...))` calls, which it cannot name; only the events a
 * class documents with `@fires` are kept.
 */
function documentedEventsOnly() {
  return {
    name: 'convene-documented-events-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((e) => e.name && e.description);
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [documentedEventsOnly()],
};
