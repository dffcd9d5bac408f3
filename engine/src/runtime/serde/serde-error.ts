/** A record that cannot be (de)serialized: the processing log records it and the query goes on. */
export class SerdeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerdeError';
  }
}
