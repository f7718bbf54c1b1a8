export {
  electionDefinitionSchema,
  parseElectionDefinition,
  formTypeSchema,
  isoDateSchema,
  type ElectionDefinition,
  type FormType,
} from './election-definition.js';
export { paslonSchema, paslonIdSchema, type Paslon } from './paslon.js';
export { knownElections, type KnownElection } from './known-elections.js';
export { electionFromSirekapPaslon, type SirekapPaslonOptions } from './from-sirekap-paslon.js';
