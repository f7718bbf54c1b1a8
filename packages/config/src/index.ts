// @titip/config — the JSON files every app shares: the network file (root key + elections) and credential files.
export { ConfigFileError, type ConfigErrorCode } from './errors.js';
export { networkFileSchema, parseNetworkFile, serialiseNetworkFile, type NetworkFile, type Network } from './network-file.js';
export { credentialFileSchema, parseCredentialFile, serialiseCredentialFile, type CredentialFile, type CredentialChain } from './credential-file.js';
