/**
 * `@titip/photos`: the photos of the C.Hasil pages. A {@link BlobStore} keeps them by SHA-256 in verifiable chunks
 * with a budget for other authors' photos; {@link PhotoTransfer} moves them between Titip peers over
 * `/titip/photos/1.0.0`, oldest and smallest first, never ahead of the signed numbers.
 * @packageDocumentation
 */
export { CHUNK_SIZE, MAX_CHUNKS_PER_WANT, MAX_PHOTOS_PER_MESSAGE, PHOTO_MAX_FRAME_BYTES, PHOTO_PROTOCOL_ID, PHOTO_WIRE_VERSION } from './constants.js';
export {
  ChunkOutOfOrderError,
  ChunkVerificationError,
  InvalidPhotoError,
  InvalidPhotoOptionError,
  PhotoBudgetError,
  PhotoClosedError,
  PhotoCorruptError,
  PhotoError,
  PhotoRefMismatchError,
  PhotoWireError,
  PhotoWireVersionError,
  UnreferencedPhotoError,
  type ChunkFailure,
  type PhotoErrorCode,
} from './errors.js';
export {
  BlobStore,
  type BlobStoreOptions,
  type PutChunkResult,
  type PutPhotoOptions,
  type PutPhotoResult,
} from './store/blob-store.js';
export type {
  BlobStoreEvent,
  BlobUsage,
  DroppedPhoto,
  DropReason,
  PhotoBlobRef,
  PhotoChunk,
  PhotoInfo,
  PhotoType,
} from './store/photo-types.js';
export { chunkCount, chunkLength, chunkOffset } from './store/chunk-layout.js';
export { advanceState, chainStates, finishDigest, SHA256_INITIAL_STATE } from './store/sha256-chain.js';
export {
  photoMessageSchema,
  type AskMessage,
  type ChunkMessage,
  type HaveMessage,
  type ManifestMessage,
  type PhotoMessage,
  type PhotoRejectMessage,
  type WantMessage,
} from './wire/messages.js';
export { decodePhotoMessage, encodePhotoMessage } from './wire/message-codec.js';
export { PhotoCatalog, type CatalogEntry } from './transfer/photo-catalog.js';
export { comparePhotoPriority, DEFAULT_PRIORITY_BUCKET_MS } from './transfer/photo-priority.js';
export { RateMeter } from './transfer/rate-meter.js';
export { SyncActivity, type ObservedSession, type SyncActivityOptions } from './transfer/sync-activity.js';
export { PhotoServer, type PhotoServerOptions } from './transfer/photo-server.js';
export { PhotoClient, type PhotoClientOptions } from './transfer/photo-client.js';
export { PhotoTransfer, type PhotoTransferOptions } from './transfer/photo-transfer.js';
export { startPhotos, type RunningPhotos, type StartPhotosOptions } from './transfer/start-photos.js';
export type {
  PeerProgress,
  PhotoMisbehaviour,
  PhotoProgress,
  PhotoState,
  TransferEvent,
  TransferProgress,
  TransferTotals,
} from './transfer/transfer-progress.js';
export { exportPhotos, type ExportedPhotos, type ExportPhotosOptions, type PhotoLeftOut, type PhotoLeftOutReason } from './bundle/export-photos.js';
export { importPhotos, type PhotoImportResult, type PhotoRefusal } from './bundle/import-photos.js';
