// @titip/relay — the store-and-forward daemon for PPS/PPK laptops and carriers.
export { startRelay, type Relay, type RelayOptions, type RelayPhotoStatus, type RelayStatus } from './relay.js';
export { formatBytes, parseByteSize } from './byte-size.js';
export { startAttesting, type AttestationSigner } from './attestation-policy.js';
export {
  deriveAttestationSigner,
  checkAttestationSigner,
  type AttestationSignerInput,
  type CheckAttestationSignerOptions,
} from './attestation-signer.js';
export { formatStatusLine } from './status-line.js';
export { statusDisplay, type StatusDisplay } from './status-display.js';
export { textLogger } from './text-logger.js';
export { relayLogger, type RelayLoggerOptions } from './relay-logger.js';
export { quietRepeatsLogger, type QuietRepeatsOptions } from '@titip/log';
export { withIsoTimes, readableTimesLogger } from '@titip/log';
export { parseRelayArgs, relayUsage, type RelayArgs } from './relay-args.js';
export { listenAddressProblem, dialAddressProblem } from './multiaddr-problem.js';
export { UsageError } from './usage-error.js';
export { RelayError, type RelayErrorCode } from './errors.js';
