export { runKeyValueStoreTests } from './run-key-value-store-tests.js';
export type {
  ComplianceAssertion,
  ComplianceFramework,
  ComplianceOptions,
  ComplianceSetup,
  ComplianceStore,
} from './test-framework.js';
