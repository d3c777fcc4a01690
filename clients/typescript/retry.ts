// Retries after 429 (rate limited) and 503 (unavailable for a moment), hand-written
// beside the generated src/ (scripts/sdk_generate.sh never touches it).

/** Answers worth waiting for. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Methods that may be sent twice; a POST only with an Idempotency-Key. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'OPTIONS',
  'PUT',
  'DELETE',
]);

export interface RetryOptions {
  /** How many times an answer is retried (3; 0: never). */
  retries?: number;
  /** A Retry-After longer than this (seconds) returns the answer instead (60). */
  maxDelaySeconds?: number;
  /** How to wait, in milliseconds (tests may pass their own). */
  sleep?: (milliseconds: number) => Promise<void>;
}

/** Sending this request again cannot do anything twice. */
export function isRetryable(request: Request): boolean {
  return IDEMPOTENT_METHODS.has(request.method.toUpperCase()) || request.headers.has('Idempotency-Key');
}

/** Seconds to wait: Retry-After (seconds or an HTTP date), else 1, 2, 4... */
export function retryDelaySeconds(response: Response, attempt: number): number {
  const value = (response.headers.get('Retry-After') ?? '').trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (value) {
    const when = Date.parse(value);
    if (!Number.isNaN(when)) return Math.max(0, (when - Date.now()) / 1000);
  }
  return 2 ** attempt;
}

const wait = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * A fetch that retries 429 and 503 after their Retry-After: at most `retries` times,
 * only idempotent methods or requests carrying an Idempotency-Key. The SDK's clients
 * use it by default; pass `fetch: withRetries(yourFetch)` to keep it with your own
 * (called with one Request; the global fetch when none is given).
 */
export function withRetries(
  fetchImpl?: (request: Request) => Promise<Response>,
  options: RetryOptions = {},
): typeof globalThis.fetch {
  const retries = options.retries ?? 3;
  const maxDelaySeconds = options.maxDelaySeconds ?? 60;
  const sleep = options.sleep ?? wait;
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // Looked up per call: a browser's fetch must be called as globalThis.fetch.
    const send = fetchImpl ?? ((request: Request) => globalThis.fetch(request));
    let request = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      // A body can be read once: keep a copy for the next attempt before sending.
      const spare = attempt < retries && isRetryable(request) ? request.clone() : undefined;
      const response = await send(request);
      if (spare === undefined || !RETRY_STATUSES.has(response.status)) return response;
      const delay = retryDelaySeconds(response, attempt);
      if (delay > maxDelaySeconds) return response;
      await response.body?.cancel();
      await sleep(delay * 1000);
      request = spare;
    }
  };
}
