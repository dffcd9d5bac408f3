/** A parse failure with the offset it happened at; the executor turns it into a 40001 statement error. */
export class SqlSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'SqlSyntaxError';
    this.offset = offset;
  }
}
