import { describe, expect, it } from 'vitest';
import { PeerKeyInvalidError, decodePeerKey, encodePeerKey, generatePeerKey } from '../../src/transport/index.js';

describe('peer keys', () => {
  it('round-trips an Ed25519 key through its protobuf bytes', async () => {
    const key = await generatePeerKey();
    expect(key.type).toBe('Ed25519');
    const decoded = decodePeerKey(encodePeerKey(key));
    expect(decoded.equals(key)).toBe(true);
    expect(decoded.publicKey.toString()).toBe(key.publicKey.toString());
  });

  it('refuses bytes that are not a private key protobuf with PeerKeyInvalidError', () => {
    for (const bytes of [new Uint8Array(0), Uint8Array.of(1, 2, 3), new Uint8Array(68).fill(0xff)]) {
      let error: unknown;
      try {
        decodePeerKey(bytes, 'test bytes');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PeerKeyInvalidError);
      expect(error).toMatchObject({ code: 'PEER_KEY_INVALID', source: 'test bytes' });
    }
  });
});
