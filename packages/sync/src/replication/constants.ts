/** The libp2p protocol id of Titip's replication protocol. */
export const SYNC_PROTOCOL_ID = '/titip/sync/1.0.0';

/** Version carried in every wire message; a peer refuses messages of another version. */
export const WIRE_VERSION = 1;

/** Largest single signed object accepted into a document. @default 64 KiB */
export const DEFAULT_MAX_OBJECT_BYTES = 64 * 1024;

/** Most region scopes one peer may announce in its hello. */
export const MAX_SCOPES = 64;

/** Most documents listed in one `heads` message. */
export const MAX_HEADS_ENTRIES = 100_000;
