/**
 * Named error classes of `@titip/cli`, each with a stable `code`. The command-line front ends map them to exit
 * codes and print their messages; none of them is a crash.
 */
import type { RuleReport, Violation } from '@titip/election';

/** Stable codes of the errors thrown by `@titip/cli`. */
export type CliErrorCode =
  | 'CLI_USAGE'
  | 'CLI_INPUT_FILE'
  | 'CLI_OUTPUT_FILE'
  | 'CLI_ISSUE_REFUSED'
  | 'CLI_SUBMISSION_REFUSED'
  | 'CLI_RULE_VIOLATION'
  | 'CLI_SUBMISSION_CONFLICT'
  | 'CLI_RECEIPT_TIMEOUT'
  | 'CLI_DELIVERY_TIMEOUT'
  | 'CLI_ABORTED'
  | 'CLI_DATA_DIR';

/** Base class of every error thrown by `@titip/cli`. */
export abstract class CliError extends Error {
  static override readonly name: string = 'CliError';
  abstract readonly code: CliErrorCode;
}

/** Bad command-line arguments: unknown command or option, a missing or malformed value (exit code 2). */
export class UsageError extends CliError {
  static override readonly name = 'UsageError';
  override readonly name = 'UsageError';
  readonly code = 'CLI_USAGE';
  /** The command the arguments were for, when known (for the "see --help" hint). */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** An input file (form, elections, submission) cannot be read or does not have the expected shape. */
export class InputFileError extends CliError {
  static override readonly name = 'InputFileError';
  override readonly name = 'InputFileError';
  readonly code = 'CLI_INPUT_FILE';
  /** The file's path. */
  readonly file: string;
  constructor(file: string, message: string, options?: ErrorOptions) {
    super(`${file}: ${message}`, options);
    this.file = file;
  }
}

/** An output file cannot be written (it exists and overwriting was not asked for, or the write failed). */
export class OutputFileError extends CliError {
  static override readonly name = 'OutputFileError';
  override readonly name = 'OutputFileError';
  readonly code = 'CLI_OUTPUT_FILE';
  /** The file's path. */
  readonly file: string;
  /** True when the file already exists and was left alone. */
  readonly exists: boolean;
  constructor(file: string, message: string, options?: ErrorOptions & { exists?: boolean }) {
    super(`${file}: ${message}`, options);
    this.file = file;
    this.exists = options?.exists ?? false;
  }
}

/** Why an issuer refused to sign a credential: the chain would not verify, or the inputs are inconsistent. */
export type IssueRefusalReason =
  | 'invalid-input'
  | 'wrong-signer'
  | 'wrong-role'
  | 'unknown-root'
  | 'issuer-chain-invalid'
  | 'outside-region'
  | 'election-not-allowed'
  | 'window-outside-issuer'
  | 'unknown-election'
  | 'outside-election-region'
  | 'revocation-not-allowed'
  | 'region-needed';

/** A credential was not issued because it would not verify (or its inputs are inconsistent); nothing was signed. */
export class IssueRefusedError extends CliError {
  static override readonly name = 'IssueRefusedError';
  override readonly name = 'IssueRefusedError';
  readonly code = 'CLI_ISSUE_REFUSED';
  /** Which check refused it. */
  readonly reason: IssueRefusalReason;
  constructor(reason: IssueRefusalReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * A submission was not signed, or was signed but would not verify, for a reason other than the rules: the TPS or
 * election is outside the operator credential, the device time is outside its window, inconsistent arguments.
 * `reason` is a record failure code (`tps-not-allowed`, `election-not-allowed`, `expired`, …) or `invalid-input`.
 */
export class SubmissionRefusedError extends CliError {
  static override readonly name = 'SubmissionRefusedError';
  override readonly name = 'SubmissionRefusedError';
  readonly code = 'CLI_SUBMISSION_REFUSED';
  readonly reason: string;
  constructor(reason: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

/**
 * The form breaks hard rules that have no override: signing is refused. The message lists every failing instance
 * in Bahasa Indonesia and English; `violations` are those instances, `unoverridden` their rule ids.
 */
export class RuleViolationError extends CliError {
  static override readonly name = 'RuleViolationError';
  override readonly name = 'RuleViolationError';
  readonly code = 'CLI_RULE_VIOLATION';
  readonly report: RuleReport;
  readonly unoverridden: string[];
  readonly violations: Violation[];
  constructor(report: RuleReport, unoverridden: readonly string[], options?: ErrorOptions) {
    const missing = new Set(unoverridden);
    const violations = report.violations.filter((v) => missing.has(v.rule));
    const lines = violations.map((v) => `  - ${v.rule}: ${v.message.id} / ${v.message.en}`);
    super(
      [
        `Formulir melanggar aturan tanpa override / the form breaks hard rules without an override: ${[...missing].join(', ')}`,
        ...lines,
      ].join('\n'),
      options,
    );
    this.report = report;
    this.unoverridden = [...missing];
    this.violations = violations;
  }
}

/**
 * The data dir already holds a different submission for the same TPS, election and revision signed by this key.
 * Signing another one would be an equivocation: correct it with the next revision, superseding `existingId`.
 */
export class SubmissionConflictError extends CliError {
  static override readonly name = 'SubmissionConflictError';
  override readonly name = 'SubmissionConflictError';
  readonly code = 'CLI_SUBMISSION_CONFLICT';
  readonly existingId: string;
  constructor(existingId: string, message: string) {
    super(message);
    this.existingId = existingId;
  }
}

/** No verified receipt arrived in time. The submission stays in the replica (and its store) for the next attempt. */
export class ReceiptTimeoutError extends CliError {
  static override readonly name = 'ReceiptTimeoutError';
  override readonly name = 'ReceiptTimeoutError';
  readonly code = 'CLI_RECEIPT_TIMEOUT';
  readonly submissionId: string;
  readonly timeoutMs: number;
  constructor(submissionId: string, timeoutMs: number) {
    super(`no receipt for submission ${submissionId} within ${timeoutMs} ms`);
    this.submissionId = submissionId;
    this.timeoutMs = timeoutMs;
  }
}

/** No peer confirmed holding the records injected (`titip-issuer inject`/`revoke --peer`) in time. They stay in the data dir. */
export class DeliveryTimeoutError extends CliError {
  static override readonly name = 'DeliveryTimeoutError';
  override readonly name = 'DeliveryTimeoutError';
  readonly code = 'CLI_DELIVERY_TIMEOUT';
  readonly timeoutMs: number;
  constructor(what: string, timeoutMs: number) {
    super(`no peer confirmed holding ${what} within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** Waiting was aborted (an `AbortSignal`, e.g. Ctrl-C). The submission stays queued. */
export class AbortedError extends CliError {
  static override readonly name = 'AbortedError';
  override readonly name = 'AbortedError';
  readonly code = 'CLI_ABORTED';
}

/** A data dir is missing, or in use by another process. */
export class DataDirError extends CliError {
  static override readonly name = 'DataDirError';
  override readonly name = 'DataDirError';
  readonly code = 'CLI_DATA_DIR';
  readonly dir: string;
  constructor(dir: string, message: string, options?: ErrorOptions) {
    super(`${dir}: ${message}`, options);
    this.dir = dir;
  }
}
