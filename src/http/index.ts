// Transport shared by every backend kind: requests, typed errors, retries, SSE. Knows no kind and no UI.
export { HttpClient } from './client';
export type { Accept, HeadersLike, HttpClientOptions, HttpMethod, HttpResponse, RequestOptions, SseRequestOptions } from './client';
export { codeForStatus, HttpError, statusLine } from './errors';
export type { HttpErrorInit } from './errors';
export { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, sleep } from './retry';
export type { RetryPolicy } from './retry';
export { readSse } from './sse';
export type { ReadSseOptions, SseBatch, SseEvent, SseProblem } from './sse';
export { describeBody, parseJsonData, snippet } from './body';
export type { JsonParse } from './body';
export { buildUrl, displayUrl, originOf } from './url';
export type { Query, QueryValue } from './url';
export { apiKey, bearer, profileHttpOptions } from './profileOptions';
export type { CredentialHeader } from './profileOptions';
