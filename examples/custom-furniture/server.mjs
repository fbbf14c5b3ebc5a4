// The co-op's server: the same kind registered with the token server, so the config may use it.
// Run from the repository: `node examples/custom-furniture/server.mjs` (LIVEKIT_* in the environment).
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
registerFurnitureKind('tea-rota', z.object({ people: z.array(z.string().max(60)).min(1) }).strict());

const app = express();
app.use('/convene', express.static(findElementsDist() ?? 'missing-build', { index: false }));
app.use(
  '/convene',
  conveneRouter({
    config: await loadConfigFile(fileURLToPath(new URL('convene.config.yaml', import.meta.url))),
    livekit: livekitFromEnv(),
  }),
);
app.use(express.static(fileURLToPath(new URL('.', import.meta.url)), { index: 'index.html' }));
const port = Number(process.env.PORT ?? 3000);
app.listen(port, 'localhost', () => console.log(`Custom furniture example: http://localhost:${port}`));
