import type { Ed25519Provider } from './ed25519-provider.js';

/** One signature to check: the public key, the exact signed bytes and the signature. */
export interface VerifyItem {
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

/**
 * Something that verifies many signatures at once, e.g. the worker pool of `@titip/identity/node`
 * (`createWorkerVerifier`). Results are in the order of `items`; malformed items are `false`, never an error.
 */
export interface BatchVerifier {
  verifyBatch(items: readonly VerifyItem[]): Promise<boolean[]>;
}

/** A {@link BatchVerifier} that checks items one after another with `provider` (the fallback without a pool). */
export function providerBatchVerifier(provider: Ed25519Provider): BatchVerifier {
  return {
    async verifyBatch(items) {
      const out: boolean[] = [];
      for (const item of items) out.push(await provider.verify(item.publicKey, item.message, item.signature));
      return out;
    },
  };
}
