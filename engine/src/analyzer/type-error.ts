/** A validation failure in the analyzer (bad names, types, clauses); becomes a 40001 statement error. */
export class KsqlTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KsqlTypeError';
  }
}
