import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { conveneRouter, type ConveneRouterOptions } from './router.js';

export interface ConveneAppOptions extends ConveneRouterOptions {
  /**
   * Folder holding the built `convene.js` and its chunks (relative to the working directory, or
   * absolute); found in @convene/elements by default, `null` for none.
   */
  elementsDir?: string | null;
  /** Extra folder of static pages served at `/` (the demo's example page). */
  staticDir?: string;
  /**
   * Which proxies' `X-Forwarded-For` / `X-Forwarded-Proto` to believe, as Express's `trust proxy`
   * takes it: `false` (the default: the peer's own address counts), `'loopback'` behind an nginx on
   * the same machine, addresses or subnets of your proxies, or a hop count. Rate limits count per
   * client address, so trusting more than your own proxy lets anyone choose theirs.
   */
  trustProxy?: boolean | number | string | string[];
}

/** The standalone app, plus `shutdown()`, which ends presence streams before the server closes. */
export interface ConveneApp extends Express {
  /** Ends every presence stream and stops polling LiveKit. */
  shutdown(): void;
  /** Resolves once every member-pass key is imported (rejects with a ConfigError naming one that is not); await it before `listen`. */
  ready(): Promise<void>;
}

/** Finds the built script-tag embed of @convene/elements, if it is installed and built. */
export function findElementsDist(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('@convene/elements/package.json')), 'dist');
    return existsSync(join(dir, 'convene.js')) ? dir : null;
  } catch {
    return null;
  }
}

/** Headers on every response of the standalone app, static files included. */
const baseSecurityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // convene.js is meant to be loaded by the co-op's own site, on another origin.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  next();
};

/**
 * The embed's files are public code, loaded by the co-op's site from another origin: a module
 * script (and each chunk it imports) is fetched with CORS, so without this header the host page
 * cannot run it. No credentials are involved, so `*` gives nothing away.
 */
const publicScript: RequestHandler = (_req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  next();
};

/**
 * The standalone server: the API, `/healthz`, `/convene.js` and its chunks. Built apart from `listen`.
 * Throws a ConfigError when a member-pass secret the config names is missing from the environment;
 * `await app.ready()` before listening checks the public keys too.
 */
export function createApp(options: ConveneAppOptions): ConveneApp {
  const app = express() as ConveneApp;
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(baseSecurityHeaders);
  // (sendFile takes only absolute paths)
  const given = options.elementsDir === undefined ? findElementsDist() : options.elementsDir;
  const elementsDir = given ? resolve(given) : undefined;
  if (elementsDir) {
    app.get('/convene.js', publicScript, (_req, res) => res.sendFile(join(elementsDir, 'convene.js'), { maxAge: 0 }));
    app.use(
      '/chunks',
      publicScript,
      express.static(join(elementsDir, 'chunks'), { immutable: true, maxAge: '1y', index: false }),
    );
  }
  if (options.staticDir) app.use(express.static(options.staticDir, { index: 'index.html' }));
  const router = conveneRouter(options);
  app.use(router);
  app.shutdown = () => router.shutdown();
  app.ready = () => router.ready();
  return app;
}
