import { describe, expect, it } from 'vitest';
import { chainWindowFailure } from '../../src/credential/chain-window.js';

const chain = [
  { validFrom: 1_000, validUntil: 2_000 },
  { validFrom: 500, validUntil: 3_000 },
];

describe('chainWindowFailure', () => {
  it('accepts a time inside every window, validFrom inclusive and validUntil exclusive', () => {
    expect(chainWindowFailure(chain, 1_000)).toBeNull();
    expect(chainWindowFailure(chain, 1_999)).toBeNull();
  });

  it('names the first credential a time falls outside of', () => {
    expect(chainWindowFailure(chain, 2_000)).toMatchObject({ code: 'expired', detail: { index: 0, at: 2_000, validUntil: 2_000 } });
    expect(chainWindowFailure(chain, 999)).toMatchObject({ code: 'not-yet-valid', detail: { index: 0 } });
    expect(chainWindowFailure([chain[1]!, { validFrom: 0, validUntil: 600 }], 700)).toMatchObject({ code: 'expired', detail: { index: 1 } });
  });

  it('widens each window by the skew on both sides', () => {
    expect(chainWindowFailure(chain, 2_099, 100)).toBeNull();
    expect(chainWindowFailure(chain, 2_100, 100)?.code).toBe('expired');
    expect(chainWindowFailure(chain, 900, 100)).toBeNull();
    expect(chainWindowFailure(chain, 899, 100)?.code).toBe('not-yet-valid');
  });
});
