// @titip/testkit — scenario builders for tests (never shipped in an app).
export { makeTrust, testElection, testGovernorElection, type Identity, type TestTrust } from './trust.js';
export { validKwkForm } from './forms.js';
export { tempDir, eventually } from './temp-dir.js';
export { startThrottledLink, type ThrottledLink } from './throttled-link.js';
export { collectingLogger, type LogRecord } from './collecting-logger.js';
export { photoBytes } from './photo-bytes.js';
