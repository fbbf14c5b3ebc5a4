import type { ErrorRequestHandler } from 'express';
import type { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from './contract/index.js';
import { StoreUnavailableError } from './store/store.js';

/** A refusal with a status, a stable code and words a person can act on. */
export class ConveneError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ConveneError';
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

/** `spaces[0].rooms[2].access` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export function zodIssues(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function invalidRequest(error: ZodError): ConveneError {
  const issues = zodIssues(error);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ConveneError(400, 'invalid_request', `The request is not valid: ${summary}`, issues);
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** How often an unreachable store is reported while it stays so (the store itself says when it goes and comes back). */
const STORE_LOG_INTERVAL_MS = 60_000;

/**
 * The one error handler: known refusals as JSON, anything else as a 500 without details. An
 * unreachable store is a 503 the visitor can wait out, logged once a minute at most, not per request.
 */
export function errorHandler(log: (message: string, error: unknown) => void): ErrorRequestHandler {
  let storeLoggedAt = -Infinity;
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let refusal: ConveneError;
    const parserError = error as BodyParserError;
    if (error instanceof ConveneError) {
      refusal = error;
    } else if (error instanceof StoreUnavailableError) {
      if (Date.now() - storeLoggedAt >= STORE_LOG_INTERVAL_MS) {
        storeLoggedAt = Date.now();
        log('the store is unreachable: answering 503 store_unavailable', error);
      }
      refusal = new ConveneError(
        503,
        'store_unavailable',
        'The Convene server cannot reach its store right now. Try again in a moment.',
        undefined,
        { 'Retry-After': '5' },
      );
    } else if (parserError?.type === 'entity.too.large') {
      refusal = new ConveneError(413, 'payload_too_large', 'The request body is larger than 16 KiB.');
    } else if (parserError?.type === 'entity.parse.failed') {
      refusal = new ConveneError(400, 'invalid_request', 'The request body is not valid JSON.');
    } else if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
      refusal = new ConveneError(415, 'unsupported_media_type', 'Send the request body as UTF-8 JSON, uncompressed.');
    } else if (parserError?.type === 'request.size.invalid' || parserError?.type === 'request.aborted') {
      refusal = new ConveneError(400, 'invalid_request', 'The request body could not be read.');
    } else if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      refusal = new ConveneError(parserError.status, 'invalid_request', 'The request could not be understood.');
    } else {
      log('unexpected error', error);
      refusal = new ConveneError(500, 'internal_error', 'Something went wrong on the Convene server.');
    }
    for (const [name, value] of Object.entries(refusal.headers ?? {})) res.setHeader(name, value);
    res.status(refusal.status).json(refusal.toBody());
  };
}
