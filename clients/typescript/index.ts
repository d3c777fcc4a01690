// The package's entry point: the generated operations and types (src/, written by
// scripts/sdk_generate.sh) and the Fetch client to call them with.
export * from './src/index.js';
export { createClient, createConfig } from './src/client/index.js';
export type { Client, Config, RequestResult } from './src/client/index.js';
export { client } from './src/client.gen.js';
