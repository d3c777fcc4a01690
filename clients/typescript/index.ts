// The package's entry point: the generated operations and types (src/, written by
// scripts/sdk_generate.sh) and the Fetch client to call them with. Clients retry 429
// and 503 after Retry-After by default (retry.ts); pass your own `fetch` to opt out.
import { createClient as createGeneratedClient } from './src/client/index.js';
import type { Client, Config } from './src/client/index.js';
import { client } from './src/client.gen.js';
import { withRetries } from './retry.js';

export * from './src/index.js';
export { createConfig } from './src/client/index.js';
export type { Client, Config, RequestResult } from './src/client/index.js';
export { withRetries, isRetryable, retryDelaySeconds } from './retry.js';
export type { RetryOptions } from './retry.js';

/** A client for Corridor; its fetch retries 429 and 503 unless `config.fetch` is given. */
export function createClient(config: Config = {}): Client {
  return createGeneratedClient({ ...config, fetch: config.fetch ?? withRetries() });
}

// The generated default client, with the same retries.
if (client.getConfig().fetch === undefined) client.setConfig({ fetch: withRetries() });
export { client };
