/** Stable codes of the errors thrown by the demo's dataset module. */
export type DemoDataErrorCode =
  | 'DEMO_DATA_FILE'
  | 'DEMO_DATA_INCONSISTENT'
  | 'DEMO_DATA_GENERATION'
  | 'DEMO_DATA_INVALID_ARGUMENT';

/** One problem found in a data file: a dotted path (`''` for the root) and a message (English). */
export interface DataFileIssue {
  /** Dotted path of the offending value. */
  path: string;
  /** What is wrong. */
  message: string;
}

/** Base class of every error thrown by the dataset module; `code` is stable and safe to switch on. */
export abstract class DemoDataError extends Error {
  static override name = 'DemoDataError';
  abstract readonly code: DemoDataErrorCode;
}

/** Why a data file was rejected. */
export type DataFileProblem = 'unreadable' | 'too-large' | 'not-json' | 'invalid';

/** A data file is missing, oversized, not JSON, or does not have the expected shape. */
export class DataFileError extends DemoDataError {
  static override name = 'DataFileError';
  override readonly name = 'DataFileError';
  readonly code = 'DEMO_DATA_FILE';
  constructor(
    /** The file's name (e.g. `wilayah.json`). */
    readonly file: string,
    /** What kind of problem. */
    readonly problem: DataFileProblem,
    /** Every problem found (for `invalid`), else one entry describing it. */
    readonly issues: DataFileIssue[],
  ) {
    const shown = issues.slice(0, 5).map((i) => `${i.path === '' ? '<root>' : i.path}: ${i.message}`);
    if (issues.length > 5) shown.push(`… ${issues.length - 5} more`);
    super(`data file ${file} (${problem}): ${shown.join('; ')}`);
  }
}

/** The data files are each well formed but disagree with one another (e.g. a kecamatan missing from a rekap). */
export class DataInconsistencyError extends DemoDataError {
  static override name = 'DataInconsistencyError';
  override readonly name = 'DataInconsistencyError';
  readonly code = 'DEMO_DATA_INCONSISTENT';
  constructor(
    /** What disagrees (English). */
    readonly detail: string,
  ) {
    super(`inconsistent demo data: ${detail}`);
  }
}

/** Synthetic results cannot be generated for this dataset (an impossible constraint) or failed their own checks. */
export class GenerationError extends DemoDataError {
  static override name = 'GenerationError';
  override readonly name = 'GenerationError';
  readonly code = 'DEMO_DATA_GENERATION';
  constructor(
    /** What went wrong (English). */
    readonly detail: string,
  ) {
    super(`cannot generate demo results: ${detail}`);
  }
}

/** An argument is out of its domain (a seed that is not a safe integer or a short string, too few TPS, …). */
export class InvalidArgumentError extends DemoDataError {
  static override name = 'InvalidArgumentError';
  override readonly name = 'InvalidArgumentError';
  readonly code = 'DEMO_DATA_INVALID_ARGUMENT';
  constructor(
    /** The argument's name. */
    readonly argument: string,
    /** What is wrong (English). */
    readonly detail: string,
  ) {
    super(`invalid ${argument}: ${detail}`);
  }
}
