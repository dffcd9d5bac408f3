/** A validation failure in the analyzer (bad names, types, clauses); becomes a 40001 statement error. */
export class KsqlTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KsqlTypeError';
  }
}

/**
 * A failure ksqlDB only finds when it generates code for an expression (IN-list coercion, an
 * unsupported CAST): the clause that holds the expression prefixes it ("Invalid Predicate: …" in
 * WHERE, "Invalid Select: …" in the projection).
 */
export class KsqlCodegenError extends KsqlTypeError {
  constructor(message: string) {
    super(message);
    this.name = 'KsqlCodegenError';
  }
}
