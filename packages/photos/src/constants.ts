/** The libp2p protocol id of photo transfer. */
export const PHOTO_PROTOCOL_ID = '/titip/photos/1.0.0';

/** The version every message of {@link PHOTO_PROTOCOL_ID} carries in its `v` field. */
export const PHOTO_WIRE_VERSION = 1;

/**
 * Bytes of one chunk (the last chunk of a photo is shorter). Fixed by the protocol: the SHA-256 chaining states that
 * make each chunk verifiable are taken at these boundaries, so every peer must cut photos the same way. 16 KiB keeps
 * the bytes a numbers frame can find ahead of it on a 20 KB/s link under a second; it is a multiple of the
 * SHA-256 block (64 bytes), which the chaining states need.
 */
export const CHUNK_SIZE = 16 * 1024;

/** Largest frame of the photo protocol: one chunk message and its envelope, with room to spare. */
export const PHOTO_MAX_FRAME_BYTES = 64 * 1024;

/** Most photos named in one `ask` or `have` message. */
export const MAX_PHOTOS_PER_MESSAGE = 256;

/** Most chunk indices in one `want` message. */
export const MAX_CHUNKS_PER_WANT = 64;
