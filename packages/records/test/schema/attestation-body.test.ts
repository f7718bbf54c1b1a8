import { describe, expect, it } from 'vitest';
import { attestationBodySchema } from '../../src/schema/attestation-body.js';
import { receiptBodySchema } from '../../src/schema/receipt-body.js';
import { TPS } from '../helpers/scenario.js';

const base = { submission: 'c'.repeat(64), tps: TPS, election: 'pkwkk', stage: 'ppk', region: '190601', seenAt: 1, credentials: [Uint8Array.of(1)] };

describe('attestationBodySchema', () => {
  it('binds the stage to the region level and the TPS to the region', () => {
    expect(attestationBodySchema.safeParse(base).success).toBe(true);
    expect(attestationBodySchema.safeParse({ ...base, stage: 'pps', region: '1906012001' }).success).toBe(true);
    expect(attestationBodySchema.safeParse({ ...base, stage: 'pps' }).success).toBe(false);
    expect(attestationBodySchema.safeParse({ ...base, region: '190602' }).success).toBe(false);
    expect(attestationBodySchema.safeParse({ ...base, stage: 'kpu' }).success).toBe(false);
  });
});

describe('receiptBodySchema', () => {
  it('accepts a receipt and refuses a bad submission id', () => {
    const receipt = { submission: 'c'.repeat(64), tps: TPS, election: 'pkwkk', revision: 1, receivedAt: 5, credentials: [Uint8Array.of(1)] };
    expect(receiptBodySchema.safeParse(receipt).success).toBe(true);
    expect(receiptBodySchema.safeParse({ ...receipt, submission: 'xyz' }).success).toBe(false);
  });
});
