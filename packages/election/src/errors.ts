/** Stable codes of the errors thrown by `@titip/election`. */
export type ElectionErrorCode =
  | 'ELECTION_INVALID_REGION_CODE'
  | 'ELECTION_INVALID_DEFINITION'
  | 'ELECTION_INVALID_FORM'
  | 'ELECTION_FORM_MISMATCH'
  | 'ELECTION_SIREKAP_FORMAT';

/** Base class of every error thrown by `@titip/election`; `code` is stable and safe to switch on. */
export abstract class ElectionError extends Error {
  static override name = 'ElectionError';
  abstract readonly code: ElectionErrorCode;
}

/** A string is not a Kemendagri region code (wrong length, non-digits, or an impossible segment). */
export class InvalidRegionCodeError extends ElectionError {
  static override name = 'InvalidRegionCodeError';
  override readonly name = 'InvalidRegionCodeError';
  readonly code = 'ELECTION_INVALID_REGION_CODE';
  /** The rejected input, cut to 40 characters. */
  readonly input: string;
  /** Why it was rejected (English). */
  readonly reason: string;
  constructor(input: unknown, reason: string) {
    const shown = typeof input === 'string' ? input.slice(0, 40) : String(typeof input);
    super(`invalid region code ${JSON.stringify(shown)}: ${reason}`);
    this.input = shown;
    this.reason = reason;
  }
}

/** One problem found while validating input against a schema: a dotted path and a message. */
export interface ValidationIssue {
  /** Dotted path of the offending value (`''` for the root). */
  path: string;
  /** What is wrong (English). */
  message: string;
}

/** An election definition failed its schema or its cross-field checks. */
export class InvalidElectionDefinitionError extends ElectionError {
  static override name = 'InvalidElectionDefinitionError';
  override readonly name = 'InvalidElectionDefinitionError';
  readonly code = 'ELECTION_INVALID_DEFINITION';
  /** Every problem found. */
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(`invalid election definition: ${formatIssues(issues)}`);
    this.issues = issues;
  }
}

/** A Model C.Hasil object failed its schema (unknown keys, floats, negatives, values above 99,999, …). */
export class InvalidCHasilError extends ElectionError {
  static override name = 'InvalidCHasilError';
  override readonly name = 'InvalidCHasilError';
  readonly code = 'ELECTION_INVALID_FORM';
  /** Every problem found. */
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    super(`invalid C.Hasil form: ${formatIssues(issues)}`);
    this.issues = issues;
  }
}

/** A form was checked against an election of another form type (`kwk` against `ppwp` or back). */
export class ElectionMismatchError extends ElectionError {
  static override name = 'ElectionMismatchError';
  override readonly name = 'ElectionMismatchError';
  readonly code = 'ELECTION_FORM_MISMATCH';
  constructor(
    /** The form's `form` field. */
    readonly formType: string,
    /** The election's `form` field. */
    readonly electionForm: string,
    /** The election's id. */
    readonly electionId: string,
  ) {
    super(`form type '${formType}' does not match election '${electionId}' (form '${electionForm}')`);
  }
}

/** Sirekap JSON did not have the expected shape; `path` points at the offending value. */
export class SirekapFormatError extends ElectionError {
  static override name = 'SirekapFormatError';
  override readonly name = 'SirekapFormatError';
  readonly code = 'ELECTION_SIREKAP_FORMAT';
  constructor(
    /** Dotted/bracketed path of the offending value, e.g. `administrasi.suara_sah` or `images[1]`; `''` for the root. */
    readonly path: string,
    /** What is wrong (English). */
    readonly detail: string,
  ) {
    super(`malformed Sirekap JSON at ${path === '' ? '<root>' : path}: ${detail}`);
  }
}

function formatIssues(issues: ValidationIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path === '' ? '<root>' : i.path}: ${i.message}`);
  if (issues.length > 5) shown.push(`… ${issues.length - 5} more`);
  return shown.join('; ');
}
