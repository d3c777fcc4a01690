// An outpatient PET-scan, referral to close, through the installed @corridor/client only:
// Victoria Hospital (Castries) refers to the CHU de Martinique under a ministry guarantee;
// the receiving team asks a question, the referrer answers with a report uploaded as
// multipart; one attendance, a structured discharge letter the referrer reads and
// acknowledges, a follow-up teleconsultation with a join link, the way home settled, the
// final claim to the payer, close; then the office's worklist finds the case.
import { randomUUID } from 'node:crypto';

import {
  casesAccept,
  casesAcknowledgeDischarge,
  casesAddLogisticsTask,
  casesApproveFunding,
  casesClose,
  casesCreate,
  casesDischarge,
  casesGet,
  casesIssueEstimate,
  casesList,
  casesProvideInformation,
  casesRecordArrival,
  casesRecordAttendance,
  casesRecordFollowUp,
  casesRequestInformation,
  casesScheduleFollowUp,
  casesScheduleTransfer,
  casesSubmit,
  casesSubmitClaim,
  documentsUpload,
  patientsCreate,
} from '@corridor/client';

import { TEST_CLOCK_HEADER, clientAs, env, minutesFromNow, refused, step } from './steps.js';

const physician = clientAs('physician'); // referrer, Castries
const office = clientAs('office'); // coordinator, CHU de Martinique
const clinician = clientAs('clinician'); // clinician, CHU de Martinique
const total = { amount: '900.00', currency: 'EUR' };

const patient = await patientsCreate({
  client: physician,
  body: {
    family_name: 'Saint-Éloi',
    given_names: ['Noémie'],
    sex: 'female',
    residence: { country: 'LC', city: 'Castries' },
    identifiers: [{ system: 'passport', value: `LC-${randomUUID()}` }],
  },
  throwOnError: true,
});
const created = await casesCreate({
  client: physician,
  body: {
    patient_id: patient.data.id,
    receiving_organization_id: env('CORRIDOR_RECEIVING_ORGANIZATION_ID'),
    specialty: 'nuclear_medicine',
    clinical_summary: 'Staging PET-CT for lymphoma.',
    care_setting: 'outpatient',
    coverage: { route: 'third_party_guarantee', payer_organization_id: env('CORRIDOR_PAYER_ORGANIZATION_ID') },
  },
  throwOnError: true,
});
const id = created.data.id;
const path = { case_id: id };
step('create', created.data, { case_id: id, reference: created.data.reference, care_setting: created.data.care_setting });
step('submit', (await casesSubmit({ client: physician, path, throwOnError: true })).data);

// The receiving team asks; the referrer uploads the report and answers with it.
const due = minutesFromNow(3 * 24 * 60).slice(0, 10);
const asked = await casesRequestInformation({
  client: clinician,
  path,
  body: { questions: 'Last CT report?', due_date: due },
  throwOnError: true,
});
step('request_information', asked.data, { due_date: asked.data.information_requests[0]?.due_date });
const report = new TextEncoder().encode('%PDF-1.7\n' + 'CT thorax-abdomen-pelvis, 2 March.\n'.repeat(200) + '%%EOF\n');
const uploaded = await documentsUpload({
  client: physician,
  path,
  body: {
    kind: 'medical_report',
    language: 'en',
    title: 'CT report, 2 March',
    file: new Blob([report], { type: 'application/octet-stream' }),
  },
  throwOnError: true,
});
const answered = await casesProvideInformation({
  client: physician,
  path,
  body: { answer: 'CT of 2 March attached.', document_ids: [uploaded.data.id] },
  throwOnError: true,
});
const answer = answered.data.information_requests[0];
step('provide_information', answered.data, {
  document_id: uploaded.data.id,
  document_content_type: uploaded.data.content_type,
  answer_document_ids: answer?.document_ids,
  answered_by: answer?.answered_by,
});

step('accept', (await casesAccept({ client: clinician, path, body: { reason: 'Indicated' }, throwOnError: true })).data);
await casesIssueEstimate({ client: office, path, body: { total, lines: [] }, throwOnError: true });
step(
  'approve_funding',
  (
    await casesApproveFunding({
      client: office,
      path,
      body: { guarantee: { reference: 'G-9', amount: total } },
      throwOnError: true,
    })
  ).data,
);
step(
  'schedule_transfer',
  (
    await casesScheduleTransfer({
      client: office,
      path,
      body: { expected_arrival_at: minutesFromNow(60), transport: 'commercial_flight' },
      throwOnError: true,
    })
  ).data,
);
step('record_arrival', (await casesRecordArrival({ client: office, path, body: {}, throwOnError: true })).data);
const attended = await casesRecordAttendance({
  client: clinician,
  path,
  body: { attended_at: new Date().toISOString(), service: 'nuclear-medicine', outcome: 'completed' },
  throwOnError: true,
});
step('record_attendance', attended.data, {
  attendances: attended.data.attendances.map((a) => a.service),
  stay: attended.data.stay,
});
step(
  'discharge',
  (
    await casesDischarge({
      client: clinician,
      path,
      body: {
        discharged_at: minutesFromNow(1),
        disposition: 'home',
        letter: {
          diagnoses: [{ display: 'Lymphoma, stage II', code: 'C85.9' }],
          procedures: [{ display: 'FDG PET-CT' }],
          follow_up_instructions: 'Review by teleconsultation in a month.',
          language: 'en',
        },
      },
      throwOnError: true,
    })
  ).data,
);

// The referrer reads the structured letter and says it arrived.
const read = (await casesGet({ client: physician, path, throwOnError: true })).data;
step('referrer_reads_letter', read, {
  diagnosis_code: read.discharge_letter?.diagnoses[0]?.code,
  follow_up_instructions: read.discharge_letter?.follow_up_instructions,
});
const acknowledged = await casesAcknowledgeDischarge({ client: physician, path, throwOnError: true });
step('acknowledge_discharge', acknowledged.data, {
  acknowledged_by: acknowledged.data.discharge_letter?.acknowledged_by,
});

// A follow-up with a join link: its outcome is refused before it begins, recorded once
// it has (a minute into the call on the server's test clock, no sleep).
const booked = await casesScheduleFollowUp({
  client: office,
  path,
  body: {
    scheduled_at: minutesFromNow(60),
    mode: 'video',
    time_zone: 'America/Martinique',
    virtual_service: { channel_type: 'ms-teams', address_url: 'https://teams.example.org/j/42' },
  },
  throwOnError: true,
});
const followUp = booked.data.teleconsultations[booked.data.teleconsultations.length - 1];
if (followUp === undefined) throw new Error('no follow-up was booked');
step('schedule_follow_up', booked.data, {
  kind: followUp.kind,
  scheduled_at: followUp.scheduled_at,
  address_url: followUp.virtual_service?.address_url,
});
refused(
  'record_follow_up_too_early',
  await casesRecordFollowUp({ client: clinician, path, body: { outcome: 'completed' } }),
);
const duringTheCall = new Date(Date.parse(followUp.scheduled_at) + 60_000).toISOString();
step(
  'record_follow_up',
  (
    await casesRecordFollowUp({
      client: clinician,
      path,
      body: { outcome: 'completed' },
      headers: { [TEST_CLOCK_HEADER]: duringTheCall },
      throwOnError: true,
    })
  ).data,
);

// The way home was the patient's own: marked not needed. Then the final claim, and close.
const returned = await casesAddLogisticsTask({
  client: office,
  path,
  body: { kind: 'return_transport', status: 'not_needed' },
  throwOnError: true,
});
const claim = await casesSubmitClaim({
  client: office,
  path,
  body: { number: `CL-${created.data.reference}`, kind: 'final', total },
  throwOnError: true,
});
console.log(
  JSON.stringify({
    step: 'settle',
    return_transport: returned.data.status,
    claim_kind: claim.data.kind,
    claim_debtor_organization_id: claim.data.debtor_organization_id,
  }),
);
step('close', (await casesClose({ client: office, path, throwOnError: true })).data);

// The office's worklist: by exact reference, and by the patient's name without accents.
const byReference = await casesList({ client: office, query: { reference: created.data.reference }, throwOnError: true });
const byName = await casesList({
  client: office,
  query: { q: 'noemie saint-eloi', care_setting: ['outpatient'], status: ['discharged', 'closed'] },
  throwOnError: true,
});
console.log(
  JSON.stringify({
    step: 'worklist',
    by_reference: byReference.data.items.map((c) => c.id),
    by_name: byName.data.items.map((c) => c.id),
  }),
);
