/** Stable codes of {@link ChaosError}. */
export type ChaosErrorCode = 'BAD_SCENARIO' | 'UNPLACEABLE' | 'BAD_ARGUMENT';

/** A chaos scenario that cannot be built as asked (bad counts, a topology too small, events that do not fit). */
export class ChaosError extends Error {
  /** What went wrong, stable across versions. */
  readonly code: ChaosErrorCode;

  constructor(code: ChaosErrorCode, message: string) {
    super(message);
    this.name = 'ChaosError';
    this.code = code;
  }
}
