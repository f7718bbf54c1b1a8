/** Bad command-line arguments: the message is shown to the user with the usage, and the process exits 2. */
export class UsageError extends Error {
  static override name = 'UsageError';
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
