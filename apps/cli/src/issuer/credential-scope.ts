import { isRegionCode, parseRegionCode } from '@titip/election';
import { fromHex, type CredentialRole, type Ed25519Provider } from '@titip/identity';
import type { Network } from '@titip/config';
import { electionIdSchema } from '@titip/records';
import { IssueRefusedError } from '../errors.js';
import { toTimeMs, type TimeInput } from './time-input.js';

/** What a credential allows: regions, elections and a validity window, with an optional label. */
export interface CredentialScope {
  /** Region codes (`'1906'`; `''` = the nation). Operators: TPS codes (13 digits). */
  readonly regions: readonly string[];
  /** Election ids (`'pkwkk'`, `'pkwkp'`). */
  readonly elections: readonly string[];
  /** Start of validity (inclusive). */
  readonly validFrom: TimeInput;
  /** End of validity (exclusive). */
  readonly validUntil: TimeInput;
  /** Who holds it, for people reading the file (`'KPU Kabupaten Belitung Timur'`). */
  readonly label?: string;
}

/** Checks every issuing function can also make. */
export interface IssueChecks {
  /** Ed25519 implementation. @default nodeEd25519 */
  readonly provider?: Ed25519Provider;
  /**
   * The network the credential is for. When given, root-signed credentials must be signed by its root key, issuer
   * chains must lead to it, every election must be defined in it, and operator TPS must lie in each election's region.
   */
  readonly network?: Pick<Network, 'root' | 'election'>;
}

/** A public key as 32 bytes or 64 hex digits. */
export type PublicKeyInput = Uint8Array | string;

/** A scope after validation, times in ms. */
export interface CheckedScope {
  regions: string[];
  elections: string[];
  validFrom: number;
  validUntil: number;
  label?: string;
}

const refuse = (message: string): never => {
  throw new IssueRefusedError('invalid-input', message);
};

/** The 32 bytes of a public key input. @throws {IssueRefusedError} */
export function publicKeyOf(input: PublicKeyInput, what = 'subject public key'): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.length !== 32) refuse(`${what} must be 32 bytes, got ${input.length}`);
    return Uint8Array.from(input);
  }
  if (typeof input !== 'string' || !/^[0-9a-f]{64}$/.test(input)) refuse(`${what} must be 64 lowercase hex digits`);
  return fromHex(input as string, 32);
}

/**
 * Validates a scope for a credential of `role`: non-empty unique regions (TPS codes for operators, valid region codes
 * or `''` otherwise), non-empty unique election ids, `validFrom < validUntil`, label ≤ 200 characters.
 * @throws {IssueRefusedError} (reason `invalid-input`)
 */
export function checkScope(role: CredentialRole, scope: CredentialScope): CheckedScope {
  const regions = [...(scope.regions ?? [])];
  if (regions.length === 0) refuse('at least one region is needed');
  if (regions.length > 1000) refuse(`at most 1000 regions, got ${regions.length}`);
  if (new Set(regions).size !== regions.length) refuse('regions are listed twice');
  for (const region of regions) {
    if (role === 'operator') {
      if (!isRegionCode(region) || parseRegionCode(region).level !== 'tps') {
        refuse(`operator credentials name TPS codes (13 digits, e.g. 1906012001001); ${JSON.stringify(region)} is not one`);
      }
    } else if (region !== '' && !isRegionCode(region)) {
      refuse(`${JSON.stringify(region)} is not a Kemendagri region code (2, 4, 6, 10 or 13 digits) or '' for the nation`);
    }
  }
  const elections = [...(scope.elections ?? [])];
  if (elections.length === 0) refuse('at least one election is needed');
  if (elections.length > 100) refuse(`at most 100 elections, got ${elections.length}`);
  if (new Set(elections).size !== elections.length) refuse('elections are listed twice');
  for (const election of elections) {
    if (!electionIdSchema.safeParse(election).success) refuse(`${JSON.stringify(election)} is not an election id (e.g. pkwkk)`);
  }
  const validFrom = toTimeMs(scope.validFrom, 'validFrom');
  const validUntil = toTimeMs(scope.validUntil, 'validUntil');
  if (validFrom >= validUntil) refuse(`validFrom (${new Date(validFrom).toISOString()}) must be before validUntil (${new Date(validUntil).toISOString()})`);
  if (scope.label !== undefined && (typeof scope.label !== 'string' || scope.label.length > 200)) refuse('label: at most 200 characters');
  return { regions, elections, validFrom, validUntil, ...(scope.label !== undefined ? { label: scope.label } : {}) };
}

/**
 * Checks a scope against the network's election definitions: every election is defined; an operator's TPS lie in
 * each election's region; any other credential's regions overlap it.
 * @throws {IssueRefusedError} (`unknown-election`, `outside-election-region`)
 */
export function checkAgainstNetwork(role: CredentialRole, scope: CheckedScope, network: Pick<Network, 'election'>): void {
  for (const id of scope.elections) {
    const definition = network.election(id);
    if (definition === undefined) throw new IssueRefusedError('unknown-election', `election ${id} is not defined in the network file`);
    for (const region of scope.regions) {
      const fits =
        role === 'operator'
          ? region.startsWith(definition.region)
          : region.startsWith(definition.region) || definition.region.startsWith(region);
      if (!fits) {
        throw new IssueRefusedError(
          'outside-election-region',
          `region ${region || "'' (nation)"} is outside the region ${definition.region || "'' (nation)"} of election ${id}`,
        );
      }
    }
  }
}
