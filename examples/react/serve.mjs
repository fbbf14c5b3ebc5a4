// Serves the built React app with the Convene API on the same origin (a demo space, no sign-in).
import { fileURLToPath } from 'node:url';
import { createApp, livekitFromEnv, parseConfig } from '@convene/server';

const config = parseConfig({
  spaces: [
    {
      slug: 'river-coop',
      name: 'River Co-op',
      entrance: 'lobby',
      rooms: [
        { slug: 'lobby', name: 'Lobby', access: 'public' },
        { slug: 'garden', name: 'Garden', access: 'public', description: 'A quieter room.' },
      ],
    },
  ],
});
const app = createApp({
  config,
  livekit: livekitFromEnv(),
  elementsDir: null,
  staticDir: fileURLToPath(new URL('dist', import.meta.url)),
});
const port = Number(process.env.PORT ?? 5173);
const server = app.listen(port, 'localhost', () => console.log(`React example: http://localhost:${port}`));
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
