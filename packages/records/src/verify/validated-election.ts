import { parseElectionDefinition, type ElectionDefinition } from '@titip/election';

/** Definition object → its schema-validated copy. Keyed by identity, so it forgets definitions nobody holds. */
const validated = new WeakMap<ElectionDefinition, ElectionDefinition>();

/**
 * The schema-validated copy of an election definition, validated once per definition object (definitions are
 * configuration: treated as immutable once handed to a verifier). The rules then run on it without re-parsing.
 * @throws {InvalidElectionDefinitionError} (from `@titip/election`) when the definition is invalid.
 */
export function validatedElection(definition: ElectionDefinition): ElectionDefinition {
  let parsed = validated.get(definition);
  if (parsed === undefined) {
    parsed = parseElectionDefinition(definition);
    validated.set(definition, parsed);
    validated.set(parsed, parsed);
  }
  return parsed;
}
