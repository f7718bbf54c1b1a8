import { z } from 'zod';
import { MAX_HEADS_ENTRIES, MAX_SCOPES, WIRE_VERSION } from './constants.js';

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected a byte string');
const digest = bytes.refine((b) => b.byteLength === 32, 'a digest is 32 bytes');
/** A region code used as a scope or document id: '' (nation) or 2–13 digits. */
const regionCode = z.string().regex(/^(\d{2,13})?$/, 'a region code of 2–13 digits');
const docId = z.string().regex(/^\d{2,13}$/, 'a document id is a region code');
const head = z.string().regex(/^[0-9a-f]{64}$/, 'a change hash is 64 hex digits');
const version = z.literal(WIRE_VERSION);

/** Opens a session: who I am, what I serve, and the digest of everything I hold in that scope. */
export const helloMessageSchema = z.strictObject({
  t: z.literal('hello'),
  v: version,
  scopes: z.array(regionCode).min(1).max(MAX_SCOPES),
  digest,
  role: z.string().max(32).optional(),
});

/** The digest over the documents both peers share, sent when my hello digest covered more than that. */
export const digestMessageSchema = z.strictObject({ t: z.literal('digest'), v: version, digest });

/** The heads of every shared document I hold, sent when the digests differ. */
export const headsMessageSchema = z.strictObject({
  t: z.literal('heads'),
  v: version,
  docs: z.array(z.tuple([docId, z.array(head).max(1024)])).max(MAX_HEADS_ENTRIES),
});

/** One Automerge sync message for one document. */
export const syncMessageSchema = z.strictObject({ t: z.literal('sync'), v: version, doc: docId, data: bytes });

/** Tells the peer its message was refused and why; the session closes after it. */
export const rejectMessageSchema = z.strictObject({
  t: z.literal('reject'),
  v: version,
  doc: docId.optional(),
  reason: z.string().max(64),
  detail: z.string().max(1024),
});

/** Every message of the replication protocol, discriminated by `t`. */
export const wireMessageSchema = z.discriminatedUnion('t', [
  helloMessageSchema,
  digestMessageSchema,
  headsMessageSchema,
  syncMessageSchema,
  rejectMessageSchema,
]);

export type HelloMessage = z.infer<typeof helloMessageSchema>;
export type DigestMessage = z.infer<typeof digestMessageSchema>;
export type HeadsMessage = z.infer<typeof headsMessageSchema>;
export type SyncMessage = z.infer<typeof syncMessageSchema>;
export type RejectMessage = z.infer<typeof rejectMessageSchema>;
/** A message of the replication protocol. */
export type WireMessage = z.infer<typeof wireMessageSchema>;
