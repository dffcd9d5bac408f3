/** A parse failure with the offset it happened at; the executor turns it into a 40001 statement error. */
export class SqlSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'SqlSyntaxError';
    this.offset = offset;
  }
}

/**
 * A syntax error's message with its leading `line L[:C]` moved to where the statement starts in
 * its request (0-based `line` and `col`), as ksqlDB reports positions in the whole request.
 */
export function positionInRequest(message: string, at: { line: number; col: number }): string {
  return message.replace(/^line (\d+)(?::(\d+))?/, (_match, l: string, c: string | undefined) => {
    const line = Number(l);
    if (c === undefined) return `line ${line + at.line}`;
    return `line ${line + at.line}:${line === 1 ? Number(c) + at.col : Number(c)}`;
  });
}
