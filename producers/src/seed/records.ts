import type { Candidate, Voter } from '../types.js';

/** The JSON value of a voter on `voters_topic` (field order of docs/data-model.md). */
export function voterJson(voter: Voter): string {
  return JSON.stringify(voter);
}

/** The JSON value of a candidate on `candidates_topic`. */
export function candidateJson(candidate: Candidate): string {
  return JSON.stringify(candidate);
}

/** Escapes a value for PostgreSQL's COPY text format (backslash, tab, newline, carriage return). */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** The `voters` columns, in the order of `voterCopyRow`. */
export const voterColumns = [
  'voter_id',
  'voter_name',
  'date_of_birth',
  'gender',
  'nationality',
  'registration_number',
  'address_street',
  'address_city',
  'address_state',
  'address_country',
  'address_postcode',
  'email',
  'phone_number',
  'cell_number',
  'picture',
  'registered_age',
] as const;

/** One line of COPY text for the `voters` table (tab-separated, newline-terminated). */
export function voterCopyRow(v: Voter): string {
  const a = v.address;
  return (
    `${copyText(v.voter_id)}\t${copyText(v.voter_name)}\t${v.date_of_birth}\t${v.gender}\t${copyText(v.nationality)}\t` +
    `${copyText(v.registration_number)}\t${copyText(a.street)}\t${copyText(a.city)}\t${copyText(a.state)}\t` +
    `${copyText(a.country)}\t${copyText(a.postcode)}\t${copyText(v.email)}\t${copyText(v.phone_number)}\t` +
    `${copyText(v.cell_number)}\t${copyText(v.picture)}\t${v.registered_age}\n`
  );
}
