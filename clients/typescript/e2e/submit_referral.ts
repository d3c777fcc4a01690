// A referral physician's integration in TypeScript, through the generated SDK only:
// register the patient, create the referral, submit it, and see a refused second
// submission come back as a typed Problem.
//
//   CORRIDOR_BASE_URL=http://127.0.0.1:8000 CORRIDOR_TOKEN=<referrer JWT> \
//   CORRIDOR_RECEIVING_ORGANIZATION_ID=<uuid> node e2e/submit_referral.js
//
// Prints one JSON line: {"case_id", "reference", "status", "second_submit"}.
import { randomUUID } from 'node:crypto';

import { createClient } from '../src/client/index.js';
import { casesCreate, casesSubmit, patientsCreate, type Case, type Problem } from '../src/index.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const client = createClient({ baseUrl: required('CORRIDOR_BASE_URL'), auth: () => required('CORRIDOR_TOKEN') });

const patient = await patientsCreate({
  client,
  body: {
    family_name: 'Baptiste',
    given_names: ['Jean'],
    sex: 'male',
    residence: { country: 'LC', city: 'Vieux Fort' },
    identifiers: [{ system: 'passport', value: `LC-${randomUUID()}` }],
  },
  headers: { 'Idempotency-Key': randomUUID() },
  throwOnError: true,
});

const created = await casesCreate({
  client,
  body: {
    patient_id: patient.data.id,
    receiving_organization_id: required('CORRIDOR_RECEIVING_ORGANIZATION_ID'),
    specialty: 'oncology',
    priority: 'routine',
    reason: 'Radiotherapy planning',
    clinical_summary: 'Staging complete; radiotherapy not available locally.',
    coverage: { route: 'self_pay' },
  },
  headers: { 'Idempotency-Key': randomUUID() },
  throwOnError: true,
});
const etag = created.response.headers.get('etag');

const submitted: Case = (
  await casesSubmit({
    client,
    path: { case_id: created.data.id },
    body: {},
    headers: { 'If-Match': etag },
    throwOnError: true,
  })
).data;

const again = await casesSubmit({ client, path: { case_id: created.data.id }, body: {} });
const problem: Problem | undefined = again.error;

console.log(
  JSON.stringify({
    case_id: submitted.id,
    reference: submitted.reference,
    status: submitted.status,
    second_submit: { http_status: again.response.status, code: problem?.code, current_status: problem?.current_status },
  }),
);
