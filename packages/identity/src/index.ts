/**
 * `@titip/identity`: keys (Ed25519), canonical CBOR, signed envelopes, content hashes and credential chains.
 * Universal (browser and Node); the Node-native provider and the worker pool are in `@titip/identity/node`.
 */
export {
  ByteEncodingError,
  CanonicalDecodingError,
  CanonicalEncodingError,
  KeyError,
  KeyFileError,
  MalformedObjectError,
  VerificationError,
  WorkerPoolError,
  type CanonicalDecodingReason,
} from './errors.js';

export { toHex, fromHex, isLowerHex } from './bytes/hex.js';
export { toBase64, fromBase64, toBase64Url, fromBase64Url } from './bytes/base64.js';
export { bytesEqual } from './bytes/bytes-equal.js';
export { sha256, hashHex } from './hash/sha256.js';

export {
  PUBLIC_KEY_LENGTH,
  SECRET_KEY_LENGTH,
  SIGNATURE_LENGTH,
  type Ed25519Provider,
  type VerifyBytes,
} from './crypto/ed25519-provider.js';
export { nobleEd25519 } from './crypto/noble-ed25519.js';
export { providerBatchVerifier, type BatchVerifier, type VerifyItem } from './crypto/batch-verifier.js';

export { generateKeyPair, keyPairFromSeed, type KeyPair } from './keys/key-pair.js';
export { keyId, isKeyId, publicKeyOfKeyId, type KeyId } from './keys/key-id.js';
export { keyFileSchema, parseKeyFile, serialiseKeyFile, keyPairFromKeyFile, type KeyFile } from './keys/key-file.js';

export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  type CanonicalMap,
  type CanonicalValue,
} from './canonical/canonical-value.js';
export { encodeCanonical } from './canonical/encode-canonical.js';
export { decodeCanonical, type DecodeCanonicalOptions } from './canonical/decode-canonical.js';

export { ENVELOPE_VERSION, KIND_PATTERN, SIGNATURE_DOMAIN, type SignedObject } from './envelope/signed-object.js';
export { signingBytes, signingBytesOf, verifyItemOf } from './envelope/signing-bytes.js';
export { signObject } from './envelope/sign-object.js';
export { decodeSignedObject, type DecodeSignedObjectOptions } from './envelope/decode-signed-object.js';
export { verifySignature } from './envelope/verify-signature.js';

export {
  CREDENTIAL_KIND,
  CREDENTIAL_ROLES,
  REGION_CODE_PATTERN,
  credentialBodySchema,
  type CredentialBody,
  type CredentialRole,
} from './credential/credential-body.js';
export { issueCredential } from './credential/issue-credential.js';
export { regionWithin, regionWithinAny } from './credential/region-scope.js';
export { failure, type VerificationFailure, type VerificationFailureCode } from './credential/verification-failure.js';
export { createCredentialCache, type CredentialCache, type VerifiedCredential } from './credential/credential-cache.js';
export { MAX_CREDENTIAL_BYTES, decodeCredential, type DecodedCredential } from './credential/decode-credential.js';
export { warmCredentialCache } from './credential/warm-credential-cache.js';
export { chainWindowFailure } from './credential/chain-window.js';
export {
  MAX_CHAIN_LENGTH,
  assertCredentialChain,
  verifyCredentialChain,
  type CredentialChainResult,
  type VerifyCredentialChainOptions,
} from './credential/verify-credential-chain.js';
