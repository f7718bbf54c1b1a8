/**
 * `@titip/cli`: the credential issuer and operator tools as a library (used by the demo to create identities
 * in-process) and as the `titip-issuer` / `titip-operator` commands built on it.
 */
export {
  CliError,
  UsageError,
  InputFileError,
  OutputFileError,
  IssueRefusedError,
  SubmissionRefusedError,
  RuleViolationError,
  SubmissionConflictError,
  ReceiptTimeoutError,
  DeliveryTimeoutError,
  AbortedError,
  DataDirError,
  type CliErrorCode,
  type IssueRefusalReason,
} from './errors.js';

// Issuer
export { createRoot, createKeyPair } from './issuer/create-root.js';
export { toTimeMs, isIsoDateTimeWithZone, type TimeInput } from './issuer/time-input.js';
export { checkScope, checkAgainstNetwork, publicKeyOf, type CredentialScope, type IssueChecks, type PublicKeyInput, type CheckedScope } from './issuer/credential-scope.js';
export { issueIssuerCredential, issueServerCredential, type RootSignedParams } from './issuer/issue-root-signed.js';
export {
  issueOperatorCredential,
  issueRelayCredential,
  chainBytes,
  type ChainInput,
  type OperatorCredentialParams,
  type RelayCredentialParams,
} from './issuer/issue-by-issuer.js';
export { buildNetworkFile, writeNetworkFile, type NetworkFileParams } from './issuer/network-file.js';
export { signRevocations, type RevocationParams } from './issuer/sign-revocation.js';
export { revocationRegionsOf } from './issuer/revocation-regions.js';
export { encodeRevocationFile, writeRevocationFile, readRevocationFile, MAX_REVOCATIONS_PER_FILE } from './issuer/revocation-file.js';

// Files
export { writeFileAtomic, type WriteFileOptions } from './files/write-file-atomic.js';
export { writeKeyFile, writeCredentialFile } from './files/write-config-files.js';
export { credentialSummaryMismatches, summaryMismatchWarning, type SummaryMismatch } from './files/credential-summary-check.js';
export { readFormFile, readElectionsFile, readSubmissionFile, readJsonInput, readInputFile, MAX_INPUT_FILE_BYTES } from './files/read-input-files.js';

// Operator
export { signSubmission, type SignSubmissionParams } from './operator/sign-submission.js';
export { deviceClockWarning } from './operator/device-clock-warning.js';
export { signSubmissionFromFile, type SignSubmissionFromFileParams, type SignedFromFiles } from './operator/sign-submission-from-file.js';
export { submitAndAwaitReceipt, type AwaitReceiptOptions } from './operator/submit-and-await-receipt.js';
export { receiptFor, isReceiptOf, type ReceiptCheckOptions } from './operator/receipt-for.js';
export { reuseHeldSubmission } from './operator/reuse-held-submission.js';
export { listSubmissions, type SubmissionStatus } from './operator/submission-status.js';
export { operatorStatus, type OperatorStatus, type OwnSubmissionStatus, type EquivocationWarning } from './operator/operator-status.js';
export { readServedTps, recordServedTps, SERVED_TPS_FILE } from './operator/served-tps-file.js';
export { heldRecords } from './operator/held-records.js';
export { startOperatorPeer, type OperatorPeerOptions } from './operator/open-operator-peer.js';

// Bundles (titip-bundle)
export { openDataDir, STORE_SUBDIR, type DataDirReplica, type OpenDataDirOptions } from './bundle/open-data-dir.js';
export { dataDirPeerId, PEER_KEY_FILE } from './bundle/data-dir-peer-id.js';
export { networkValidator, type NetworkValidator } from './bundle/network-validator.js';
export { haveFileOf, readHaveFile, writeHaveFile, haveFileSchema, MAX_HAVE_IDS, MAX_HAVE_FILE_BYTES, type HaveFile } from './bundle/have-file.js';
export { inspectBundle, type BundleInspection, type KindCounts } from './bundle/inspect-bundle.js';

// Command line
export { runCli } from './cli/run-cli.js';
export { issuerProgram } from './cli/issuer/issuer-program.js';
export { operatorProgram } from './cli/operator/operator-program.js';
export { bundleProgram } from './cli/bundle/bundle-program.js';
export { EXIT } from './cli/exit-codes.js';
export { processIo, type CliIo } from './cli/cli-io.js';
export type { Command, Program, OptionSpec, PositionalSpec } from './cli/command.js';
