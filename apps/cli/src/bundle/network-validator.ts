import type { Network } from '@titip/config';
import { createCredentialCache } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { createRecordValidator, type RecordValidator } from '@titip/records';
import { recordObjectValidator, type ObjectValidator } from '@titip/sync';

/** The validator of a peer of `network`, both as the record validator and as the replica's object validator. */
export interface NetworkValidator {
  readonly records: RecordValidator;
  readonly objects: ObjectValidator;
}

/**
 * The validation a Titip peer applies to every object arriving over the network (`startNodePeer` on the main
 * thread): hash, canonical decoding, schema, election rules and candidates, credential chain up to the KPU root of
 * `network`, signature. Bundles go through exactly this.
 */
export function networkValidator(network: Pick<Network, 'root' | 'elections'>): NetworkValidator {
  const elections = new Map(network.elections.map((e) => [e.id, e]));
  const records = createRecordValidator({ root: network.root, provider: nodeEd25519, cache: createCredentialCache(), elections: (id) => elections.get(id) });
  return { records, objects: recordObjectValidator(records) };
}
