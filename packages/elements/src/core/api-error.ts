import type { ErrorCode } from '@convene/server/contract';

/**
 * A refusal from the server (its error code), `network` when it could not be reached, or
 * `pass_unavailable` when the host site's pass endpoint (or the page's pass provider) failed.
 */
export class ConveneApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network' | 'bad_response' | 'pass_unavailable',
    message: string,
    readonly status = 0,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ConveneApiError';
  }
}
