import { describe, expect, it } from 'vitest';
import { receiptRefusal } from '../../src/ingest/receipt-eligibility.js';
import { testElection, testGovernorElection } from '../fixtures/scenario.js';

const network = { election: (id: string) => [testElection, testGovernorElection].find((e) => e.id === id) };
const credential = { regions: [''], elections: ['pkwkk', 'pkwkp'], validFrom: 1_000, validUntil: 2_000 };
const sub = (tps: string, election: string) => ({ body: { tps, election } }) as Parameters<typeof receiptRefusal>[0];

describe('receiptRefusal', () => {
  it.each([
    ['1906012001001', 'pkwkk', credential, 1_500, null],
    ['1906012001001', 'pkwkp', credential, 1_000, null],
    ['1906012001001', 'ppwp', credential, 1_500, 'unknown-election'],
    ['1971011001001', 'pkwkk', credential, 1_500, 'outside-election'],
    ['3101011001001', 'pkwkp', credential, 1_500, 'outside-election'],
    ['1906012001001', 'pkwkp', { ...credential, elections: ['pkwkk'] }, 1_500, 'outside-credential'],
    ['1906012001001', 'pkwkk', { ...credential, regions: ['1971'] }, 1_500, 'outside-credential'],
    ['1906012001001', 'pkwkk', credential, 999, 'credential-expired'],
    ['1906012001001', 'pkwkk', credential, 2_000, 'credential-expired'],
  ] as const)('%s %s → %s', (tps, election, cred, now, expected) => {
    expect(receiptRefusal(sub(tps, election), network, cred, now)).toBe(expected);
  });
});
