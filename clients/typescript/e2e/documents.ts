// Documents through the generated TypeScript SDK only: upload a PDF as multipart
// (FormData built by the SDK), download it back as bytes, and fetch one byte range.
//
//   CORRIDOR_BASE_URL=... CORRIDOR_TOKEN=<referrer JWT> CORRIDOR_CASE_ID=<uuid> \
//   node e2e/documents.js
//
// Prints one JSON line: {"document_id", "sha256", "downloaded_sha256", "size", "range"}.
import { createHash } from 'node:crypto';

import { createClient } from '../src/client/index.js';
import { documentsContent, documentsList, documentsUpload } from '../src/index.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const client = createClient({ baseUrl: required('CORRIDOR_BASE_URL'), auth: () => required('CORRIDOR_TOKEN') });
const caseId = required('CORRIDOR_CASE_ID');

const bytes = new TextEncoder().encode('%PDF-1.7\n' + 'Rapport traduit, page 1.\n'.repeat(20000) + '%%EOF\n');
const uploaded = await documentsUpload({
  client,
  path: { case_id: caseId },
  body: {
    kind: 'medical_report',
    language: 'fr',
    title: 'Rapport de cardiologie (traduction)',
    file: new Blob([bytes], { type: 'application/octet-stream' }),
  },
  throwOnError: true,
});

const content = await documentsContent({
  client,
  path: { case_id: caseId, document_id: uploaded.data.id },
  parseAs: 'arrayBuffer',
  throwOnError: true,
});
const downloaded = new Uint8Array(content.data as unknown as ArrayBuffer);

const ranged = await documentsContent({
  client,
  path: { case_id: caseId, document_id: uploaded.data.id },
  headers: { Range: 'bytes=0-7' },
  parseAs: 'text',
  throwOnError: true,
});

const listed = await documentsList({ client, path: { case_id: caseId }, throwOnError: true });

console.log(
  JSON.stringify({
    document_id: uploaded.data.id,
    content_type: uploaded.data.content_type,
    sha256: uploaded.data.sha256,
    expected_sha256: createHash('sha256').update(bytes).digest('hex'),
    downloaded_sha256: createHash('sha256').update(downloaded).digest('hex'),
    size: downloaded.length,
    range: { status: ranged.response.status, text: ranged.data },
    listed: listed.data.items.map((item) => item.id),
  }),
);
