export { conveneRouter, type ConveneRouter, type ConveneRouterOptions } from './router.js';
export { createApp, findElementsDist, type ConveneApp, type ConveneAppOptions } from './app.js';
export { loadConfigFile, parseConfig, ConfigError } from './config.js';
export { hashCode, verifyCode } from './codes.js';
export { ConveneError } from './errors.js';
export { livekitFromEnv, type LivekitSettings } from './livekit.js';
export { MAX_TOKEN_TTL_SECONDS } from './tokens.js';
export { PASS_CLOCK_SKEW_SECONDS, PASS_MAX_LIFETIME_SECONDS } from './passes.js';
export {
  createStore,
  MemoryStore,
  RedisStore,
  StoreUnavailableError,
  type CreateStoreOptions,
  type Limiter,
  type RateLimit,
  type RedisStoreOptions,
  type Store,
} from './store/index.js';
export * from './schema.js';
