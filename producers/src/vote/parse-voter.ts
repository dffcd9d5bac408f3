import type { IncomingRecord } from '@tally/kafka-client';

/** What the vote producer needs of a voter record; the vote itself is built from PostgreSQL. */
export interface VoterRef {
  voterId: string;
  state: string;
}

/** A voter record parsed, or the reason it cannot be used. */
export type ParsedVoter = { ok: true; voter: VoterRef } | { ok: false; reason: string };

const stringFields = [
  'voter_id',
  'voter_name',
  'date_of_birth',
  'gender',
  'nationality',
  'registration_number',
  'email',
  'phone_number',
  'cell_number',
  'picture',
] as const;
const addressFields = ['street', 'city', 'state', 'country', 'postcode'] as const;

/**
 * Checks a `voters_topic` record against docs/data-model.md: JSON object, every field present with
 * its type, key equal to `voter_id`. Returns the reason for the first problem found.
 */
export function parseVoterRecord(record: IncomingRecord): ParsedVoter {
  if (record.value === null || record.value.length === 0)
    return { ok: false, reason: 'empty value (tombstone)' };
  let value: unknown;
  try {
    value = JSON.parse(record.value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      reason: `expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`,
    };
  }
  const voter = value as Record<string, unknown>;
  for (const field of stringFields) {
    if (typeof voter[field] !== 'string' || voter[field] === '') {
      return {
        ok: false,
        reason: `expected field "${field}" to be a non-empty string, found ${describe(voter[field])}`,
      };
    }
  }
  if (typeof voter['registered_age'] !== 'number') {
    return {
      ok: false,
      reason: `expected field "registered_age" to be a number, found ${describe(voter['registered_age'])}`,
    };
  }
  const address = voter['address'];
  if (typeof address !== 'object' || address === null) {
    return { ok: false, reason: `expected field "address" to be an object, found ${describe(address)}` };
  }
  for (const field of addressFields) {
    const part = (address as Record<string, unknown>)[field];
    if (typeof part !== 'string') {
      return {
        ok: false,
        reason: `expected field "address.${field}" to be a string, found ${describe(part)}`,
      };
    }
  }
  const voterId = voter['voter_id'] as string;
  const key = record.key?.toString('utf8');
  if (key !== voterId)
    return { ok: false, reason: `expected key "${voterId}" (the voter_id), found ${describe(key)}` };
  return { ok: true, voter: { voterId, state: (address as Record<string, string>)['state']! } };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
}
