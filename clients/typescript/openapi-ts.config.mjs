// @hey-api/openapi-ts configuration for Corridor's TypeScript SDK.
// Run through scripts/sdk_generate.sh, which is equivalent to
//   npx openapi-ts -f clients/typescript/openapi-ts.config.mjs
// Paths are resolved from this file, so the working directory does not matter.
// CORRIDOR_OPENAPI_SPEC / CORRIDOR_TS_SDK_OUT override input and output (the
// drift check generates into a temporary folder and compares).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

/** @type {import('@hey-api/openapi-ts').UserConfig} */
export default {
  input: resolve(repo, process.env.CORRIDOR_OPENAPI_SPEC ?? 'openapi/openapi.json'),
  output: {
    path: resolve(repo, process.env.CORRIDOR_TS_SDK_OUT ?? 'clients/typescript/src'),
    // The folder holds generated code only: wipe it on every run so removed
    // operations/schemas do not linger.
    clean: true,
    // tsconfig.json uses module/moduleResolution "nodenext": relative imports
    // need explicit ".js" extensions. Set it rather than rely on detection.
    module: { extension: '.js' },
    tsConfigPath: resolve(here, 'tsconfig.json'),
    // No formatter/linter post-processing: output must not depend on
    // whatever prettier/biome/eslint happens to be installed.
    postProcess: [],
  },
  // Built-in Fetch API client (no runtime dependency; Node 20 has fetch),
  // plus the default type and SDK plugins.
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
  // Never write openapi-ts-error-*.log files into the working tree.
  logs: { file: false },
};
