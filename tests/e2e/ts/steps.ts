// What both journeys share: clients per person (one bearer token each, from the
// environment) and one JSON line per step on stdout, which the Python test reads.
import { createClient, type Case, type Client, type Problem } from '@corridor/client';

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** A client acting as the person whose token is in CORRIDOR_TOKEN_<WHO>. */
export function clientAs(who: string): Client {
  const token = env(`CORRIDOR_TOKEN_${who.toUpperCase()}`);
  return createClient({ baseUrl: env('CORRIDOR_BASE_URL'), auth: () => token });
}

/** One line per step: the case's status after it, and whatever the test checks. */
export function step(name: string, found: Case, extra: Record<string, unknown> = {}): Case {
  console.log(JSON.stringify({ step: name, status: found.status, ...extra }));
  return found;
}

/** A refused step: the HTTP status and the problem's stable code, never an exception. */
export function refused(
  name: string,
  answer: { error?: Problem | undefined; response: Response },
): void {
  const problem = answer.error;
  if (problem === undefined) throw new Error(`${name} was not refused (${answer.response.status})`);
  console.log(
    JSON.stringify({
      step: name,
      http_status: answer.response.status,
      code: problem.code,
      missing: problem.missing ?? null,
    }),
  );
}

export const minutesFromNow = (minutes: number): string =>
  new Date(Date.now() + minutes * 60_000).toISOString();

/** The live test server's clock (app.platform.clock.TestClock): a request with this header
 * runs at the instant it names, so a journey moves time instead of sleeping. */
export const TEST_CLOCK_HEADER = 'Corridor-Test-Clock';
