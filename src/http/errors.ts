import { STATUS_CODES } from 'http';
import { BackendError, type BackendErrorCode } from '../core';

export interface HttpErrorInit {
  readonly code: BackendErrorCode;
  readonly message: string;
  readonly method: string;
  /** Already redacted (see displayUrl). */
  readonly url: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly retryAfterMs?: number;
  /** `x-request-id` (or similar) of the reply, for support requests. */
  readonly requestId?: string;
  readonly cause?: unknown;
}

/** Every failure of an HTTP exchange: a BackendError whose message is user-facing and secret-free. */
export class HttpError extends BackendError {
  readonly status: number | undefined;
  readonly method: string;
  readonly url: string;
  readonly serverMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: HttpErrorInit) {
    super(init.code, init.message, {
      status: init.status,
      retryAfterMs: init.retryAfterMs,
      serverMessage: init.serverMessage,
      cause: init.cause,
    });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.serverMessage = init.serverMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
  }
}

/** What a non-2xx status means for the user (and for the UI's choice of actions). */
export function codeForStatus(status: number): BackendErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 405 || status === 501) return 'unsupported';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'rejected';
}

/** "401 Unauthorized"; the reason phrase comes from Node's table when the server sent none (HTTP/2, proxies). */
export function statusLine(status: number, statusText?: string): string {
  const text = statusText && statusText.trim() ? statusText.trim() : STATUS_CODES[status] ?? '';
  return text ? `${status} ${text}` : String(status);
}
