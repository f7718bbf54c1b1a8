// @titip/relay — the store-and-forward daemon for PPS/PPK laptops and carriers.
export { startRelay, type Relay, type RelayOptions, type RelayStatus } from './relay.js';
export { startAttesting, type AttestationSigner } from './attestation-policy.js';
export { formatStatusLine } from './status-line.js';
export { parseRelayArgs, relayUsage, type RelayArgs } from './relay-args.js';
export { UsageError } from './usage-error.js';
