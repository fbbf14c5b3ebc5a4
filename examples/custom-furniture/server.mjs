// The co-op's server: the same kind registered with the token server, so the config may use it.
// `npm start` runs it with a local LiveKit; `node server.mjs` uses LIVEKIT_* from the environment.
import { fileURLToPath } from 'node:url';
import express from 'express';
import { z } from 'zod';
import {
  conveneRouter,
  findElementsDist,
  livekitFromEnv,
  loadConfigFile,
  registerFurnitureKind,
} from '@convene/server';

// Register before the config is read: this schema checks the kind's `settings` in convene.config.yaml.
registerFurnitureKind('tea-rota', z.object({ people: z.array(z.string().max(60)).min(1) }).strict(), { once: true });

const elements = findElementsDist();
if (!elements) {
  console.error('The elements are not built: run `npm run build` in the repository root first.');
  process.exit(1);
}

const app = express();
const convene = conveneRouter({
  config: await loadConfigFile(fileURLToPath(new URL('convene.config.yaml', import.meta.url))),
  livekit: livekitFromEnv(),
});
app.use('/convene', express.static(elements, { index: false }));
app.use('/convene', convene);
// Only the page and the kind's script: never this file, the config or anything else in the folder.
app.use(express.static(fileURLToPath(new URL('public', import.meta.url))));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, 'localhost', () => console.log(`Custom furniture example: http://localhost:${port}`));
const stop = () => {
  convene.shutdown();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
