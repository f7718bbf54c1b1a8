import type { Network } from '@titip/config';
import { readCredentialFile, readKeyFile, readNetworkFile } from '@titip/config/node';
import { checkCHasil, type RuleReport } from '@titip/election';
import type { Ed25519Provider } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import type { SubmissionRecord } from '@titip/records';
import { SubmissionRefusedError } from '../errors.js';
import { credentialSummaryMismatches, summaryMismatchWarning } from '../files/credential-summary-check.js';
import { readFormFile } from '../files/read-input-files.js';
import { signSubmission, type SignSubmissionParams } from './sign-submission.js';

/** Parameters of {@link signSubmissionFromFile}: file paths instead of parsed objects. */
export interface SignSubmissionFromFileParams
  extends Omit<SignSubmissionParams, 'keyPair' | 'chain' | 'form' | 'electionDefinition' | 'root'> {
  /** The operator's `titip-key` file. */
  readonly keyFile: string;
  /** The operator's `titip-credential` file. */
  readonly credentialFile: string;
  /** The `titip-network` file (root key and election definitions). */
  readonly networkFile: string;
  /** The C.Hasil JSON file. */
  readonly formFile: string;
}

/** What {@link signSubmissionFromFile} produces. */
export interface SignedFromFiles {
  readonly record: SubmissionRecord;
  /** The network read (for the caller's next step, e.g. starting a peer). */
  readonly network: Network;
  /** The rule report of the form (its warnings are worth showing). */
  readonly report: RuleReport;
  /**
   * Problems with the input files worth telling the operator, though they did not stop signing: a credential file
   * whose readable summary disagrees with its signed chain (the chain is what was used), a device clock outside the
   * credential window.
   */
  readonly fileWarnings: string[];
}

/**
 * Reads the key, credential, network and form files, then {@link signSubmission} with the network's root key and
 * election definition.
 * @throws {ConfigFileError} (from `@titip/config`) for a bad key, credential or network file (a key that does
 *   not match its secret included); {@link InputFileError} for a bad form file; everything {@link signSubmission} throws.
 */
export async function signSubmissionFromFile(params: SignSubmissionFromFileParams): Promise<SignedFromFiles> {
  const provider: Ed25519Provider = params.provider ?? nodeEd25519;
  const network = await readNetworkFile(params.networkFile);
  const definition = network.election(params.election);
  if (definition === undefined) {
    const known = network.elections.map((e) => e.id).join(', ') || 'none';
    throw new SubmissionRefusedError('unknown-election', `election ${params.election} is not defined in ${params.networkFile} (defined: ${known})`);
  }
  const keyPair = await readKeyFile(params.keyFile, provider);
  const credential = await readCredentialFile(params.credentialFile);
  const summaryWarning = summaryMismatchWarning(params.credentialFile, await credentialSummaryMismatches(params.credentialFile, credential));
  const form = await readFormFile(params.formFile);
  const { keyFile: _k, credentialFile: _c, networkFile: _n, formFile: _f, ...rest } = params;
  const fileWarnings = summaryWarning === '' ? [] : [summaryWarning];
  const record = await signSubmission({
    ...rest,
    keyPair,
    chain: credential,
    form,
    electionDefinition: definition,
    root: network.root,
    provider,
    onWarning: (warning) => {
      fileWarnings.push(warning);
      rest.onWarning?.(warning);
    },
  });
  return { record, network, report: checkCHasil(form, definition), fileWarnings };
}
