import type { Candidate, Voter } from '../types.js';

/** Characters that need escaping in a JSON string. */
const jsonSpecial = /["\\\u0000-\u001f\u2028\u2029]/;

/** A JSON string literal; the common case (nothing to escape) skips JSON.stringify. */
function q(value: string): string {
  return jsonSpecial.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * The JSON value of a voter on `voters_topic`, in the field order of docs/data-model.md. Written
 * out by hand: the seed serialises a million of these, and this is several times faster than
 * JSON.stringify while producing exactly the same text (checked by the unit tests).
 */
export function voterJson(v: Voter): string {
  const a = v.address;
  return (
    `{"voter_id":${q(v.voter_id)},"voter_name":${q(v.voter_name)},"date_of_birth":${q(v.date_of_birth)},` +
    `"gender":${q(v.gender)},"nationality":${q(v.nationality)},"registration_number":${q(v.registration_number)},` +
    `"address":{"street":${q(a.street)},"city":${q(a.city)},"state":${q(a.state)},"country":${q(a.country)},` +
    `"postcode":${q(a.postcode)}},"email":${q(v.email)},"phone_number":${q(v.phone_number)},` +
    `"cell_number":${q(v.cell_number)},"picture":${q(v.picture)},"registered_age":${v.registered_age}}`
  );
}

/** The JSON value of a candidate on `candidates_topic`. */
export function candidateJson(candidate: Candidate): string {
  return JSON.stringify(candidate);
}

/** Characters with a meaning in PostgreSQL's COPY text format. */
const copySpecial = /[\\\t\n\r]/;

/** Escapes a value for PostgreSQL's COPY text format (backslash, tab, newline, carriage return). */
export function copyText(value: string): string {
  return copySpecial.test(value)
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
