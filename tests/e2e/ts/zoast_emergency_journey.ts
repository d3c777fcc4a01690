// A ZOAST emergency presentation, arrival to close, through the installed @corridor/client
// only: a Tournai resident walks into CH Tourcoing's emergency department; the hospital
// registers the patient and opens the case itself, already admitted, under the zone's
// agreement with the Belgian mutuality. A unit move that keeps the bed, an interpreter
// during the stay, discharge; close refused until the way home and the final claim are
// settled; then both, and close.
import { randomUUID } from 'node:crypto';

import {
  casesAddLogisticsTask,
  casesClose,
  casesCreate,
  casesDischarge,
  casesSubmitClaim,
  casesTransferUnit,
  casesUpdateLogisticsTask,
  patientsCreate,
} from '@corridor/client';

import { clientAs, env, minutesFromNow, refused, step } from './steps.js';

const office = clientAs('office'); // coordinator, CH Tourcoing
const clinician = clientAs('clinician'); // clinician, CH Tourcoing

const patient = await patientsCreate({
  client: office,
  body: {
    family_name: 'Vandenbroucke',
    given_names: ['Luc'],
    birth_date: '1958-02-01',
    sex: 'male',
    nationality: 'BE',
    residence: { country: 'BE', postal_code: '7500', city: 'Tournai' },
    languages: ['nl'],
    identifiers: [{ system: 'niss', value: `NISS-${randomUUID()}` }],
  },
  throwOnError: true,
});
const opened = await casesCreate({
  client: office,
  body: {
    origin: 'emergency_presentation',
    patient_id: patient.data.id,
    specialty: 'cardiology',
    clinical_summary: 'Chest pain, STEMI.',
    coverage: { route: 'zoast', payer_organization_id: env('CORRIDOR_PAYER_ORGANIZATION_ID'), member_number: 'MUT-77' },
    presentation: {
      presented_at: minutesFromNow(-120),
      admitted_at: minutesFromNow(-60),
      unit: 'cardiac-icu',
      bed: '2',
    },
  },
  throwOnError: true,
});
const id = opened.data.id;
const path = { case_id: id };
step('present', opened.data, {
  case_id: id,
  reference: opened.data.reference,
  origin: opened.data.origin,
  priority: opened.data.priority,
  receiving_organization_id: opened.data.receiving_organization_id,
  agreement_id: opened.data.coverage.agreement_id,
  stay: { unit: opened.data.stay?.unit, bed: opened.data.stay?.bed },
});

// A unit move leaves the old unit's bed: none until the ward assigns one.
const moved = await casesTransferUnit({ client: clinician, path, body: { unit: 'cardiology' }, throwOnError: true });
step('transfer_unit', moved.data, { stay: { unit: moved.data.stay?.unit, bed: moved.data.stay?.bed } });

// Logistics during the stay: an interpreter (IETF tag) and, ahead, the way home.
const interpreter = await casesAddLogisticsTask({
  client: office,
  path,
  body: { kind: 'interpreter', language: 'nl', due_date: minutesFromNow(24 * 60).slice(0, 10) },
  throwOnError: true,
});
const wayHome = await casesAddLogisticsTask({
  client: office,
  path,
  body: { kind: 'return_transport', assignee: 'transport-desk', due_date: minutesFromNow(24 * 60).slice(0, 10) },
  throwOnError: true,
});
console.log(
  JSON.stringify({
    step: 'logistics',
    interpreter: { status: interpreter.data.status, language: interpreter.data.language },
    return_transport: { id: wayHome.data.id, status: wayHome.data.status },
  }),
);

step(
  'discharge',
  (
    await casesDischarge({
      client: clinician,
      path,
      body: {
        discharged_at: new Date().toISOString(),
        disposition: 'home',
        letter: {
          diagnoses: [{ display: 'Acute STEMI', code: 'I21.0', system: 'icd-10' }],
          procedures: [{ display: 'Primary PCI, one stent' }],
          medications: [{ name: 'Ticagrelor', dosage: '90 mg twice daily' }],
          follow_up_instructions: 'Cardiology review at home in 6 weeks.',
          language: 'fr',
        },
      },
      throwOnError: true,
    })
  ).data,
);
refused('close_too_early', await casesClose({ client: office, path }));

// The ambulance home is done (a task changes only at the version read: If-Match takes the
// ETag it came with); the final claim goes to the mutuality; then close.
const done = await casesUpdateLogisticsTask({
  client: office,
  path: { case_id: id, task_id: wayHome.data.id },
  headers: { 'If-Match': wayHome.response.headers.get('etag') ?? '' },
  body: { status: 'completed' },
  throwOnError: true,
});
const claim = await casesSubmitClaim({
  client: office,
  path,
  body: { number: `CL-${opened.data.reference}`, kind: 'final', total: { amount: '900.00', currency: 'EUR' } },
  throwOnError: true,
});
console.log(
  JSON.stringify({
    step: 'settle',
    return_transport: done.data.status,
    claim_kind: claim.data.kind,
    claim_debtor_organization_id: claim.data.debtor_organization_id,
  }),
);
step('close', (await casesClose({ client: office, path, throwOnError: true })).data);
