// @titip/sync — replication of signed objects with Automerge over libp2p (universal entry: Node and browsers).
export { SYNC_PROTOCOL_ID, WIRE_VERSION, DEFAULT_MAX_OBJECT_BYTES } from './replication/constants.js';
export {
  SyncError,
  WireMessageError,
  WireVersionError,
  MergeRejectedError,
  OutOfScopeError,
  AutomergeBackendError,
  type SyncErrorCode,
  type MergeRejection,
} from './replication/errors.js';
export type { ObjectEntry, ObjectValidator, ObjectVerdict } from './replication/object-validator.js';
export { isInInterest, isCoveredBy, sharedInterest, type RegionScopes } from './replication/scope.js';
export { digestOfHeads, sameDigest } from './replication/digest.js';
export { emptyRegionDoc, addObjects, listObjects, sortedHeads, type RegionDoc, type RegionDocContent } from './replication/region-document.js';
export {
  validateRemoteSyncMessage,
  mergeRemoteSyncMessage,
  type AcceptedMerge,
  type AcceptedBackendMerge,
  type ValidateMergeOptions,
} from './replication/validate-merge.js';
export type { DocBackend } from './replication/automerge-backend.js';
export { DocumentPersistence } from './replication/document-persistence.js';
export { Replica, type ReplicaOptions, type ObjectsAddedEvent, type ObjectOrigin } from './replication/replica.js';
export type { MergeCompanion } from './replication/merge-companion.js';
export {
  wireMessageSchema,
  type WireMessage,
  type HelloMessage,
  type DigestMessage,
  type HeadsMessage,
  type SyncMessage,
  type RejectMessage,
} from './replication/messages.js';
export { encodeWireMessage, decodeWireMessage } from './replication/message-codec.js';
export { SyncSession, type SyncSessionOptions, type SessionStats, type SessionPhase, type Misbehaviour } from './replication/sync-session.js';
export { SyncEngine, PeerBannedError, type SyncEngineOptions } from './replication/sync-engine.js';
export { TitipPeer, type TitipPeerOptions } from './peer/titip-peer.js';
export {
  DEFAULT_MAX_SESSIONS_PER_PEER,
  DEFAULT_MAX_SESSIONS_PER_PEER_PER_MINUTE,
  DEFAULT_MAX_BYTES_PER_PEER_PER_MINUTE,
  DEFAULT_MAX_FRAMES_PER_PEER_PER_MINUTE,
  resolvePeerSyncLimits,
  type PeerSyncLimits,
  type ResolvedPeerSyncLimits,
} from './peer/peer-limits.js';
export { TokenBucket } from './peer/token-bucket.js';
export { PeerBudgets, type PeerBudget } from './peer/peer-budgets.js';
export { meteredChannel } from './peer/metered-channel.js';
export { KeepConnected, type KeepConnectedOptions } from './peer/keep-connected.js';
export * from './transport/index.js';
export { recordObjectValidator } from './records/record-object-validator.js';
export { RecordLedger, ReceiptTimeoutError, type CustodyCounts, type LedgerEntry, type RecordLedgerOptions } from './records/record-ledger.js';
export { WitnessLog, WITNESS_LOG_PREFIX, type WitnessLogOptions } from './records/witness-log.js';
export {
  CredentialStanding,
  type CredentialStandingOptions,
  type StandingReport,
  type StandingChange,
} from './records/credential-standing.js';
export { AuthoringQueue, type AuthoringQueueOptions } from './replication/authoring-queue.js';
export { BundleError, type BundleErrorCode, type BundleErrorDetail } from './bundle/bundle-error.js';
export {
  BUNDLE_MAGIC,
  BUNDLE_VERSION,
  MIN_BUNDLE_VERSION,
  DEFAULT_MAX_BUNDLE_BLOBS,
  DEFAULT_MAX_BUNDLE_BLOB_BYTES,
  DEFAULT_MAX_BUNDLE_BYTES,
  DEFAULT_MAX_BUNDLE_OBJECTS,
  DEFAULT_MAX_BUNDLE_OBJECT_BYTES,
  MAX_BUNDLE_HEADER_BYTES,
  type BundleLimits,
} from './bundle/bundle-format.js';
export { bundleHeaderSchema, bundleHeaderV2Schema, type BundleHeader, type BundleSource } from './bundle/bundle-header.js';
export type { BundleBlob, BundleEntry } from './bundle/bundle-entry.js';
export { encodeBundle } from './bundle/encode-bundle.js';
export { decodeBundle, type DecodedBundle } from './bundle/decode-bundle.js';
export { heldHeads, type HeldByPeer } from './bundle/held-objects.js';
export { exportBundle, type ExportBundleOptions } from './bundle/export-bundle.js';
export { importBundle, importDecodedBundle, type BundleImportResult, type BundleRejection } from './bundle/import-bundle.js';
