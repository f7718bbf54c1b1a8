import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCredentialFile, serialiseCredentialFile } from '@titip/config';
import { tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialSummaryMismatches, summaryMismatchWarning } from '../../src/files/credential-summary-check.js';
import { makeTestTrust } from '../fixtures/trust.js';

let dir: { path: string; remove: () => Promise<void> };
let text: string;
beforeAll(async () => {
  dir = await tempDir('titip-cred-summary-');
  const trust = await makeTestTrust('summary');
  text = serialiseCredentialFile((await trust.operator('1906012001001')).chain);
});
afterAll(() => dir.remove());

async function mismatchesOf(change: (file: Record<string, unknown>) => void) {
  const file = JSON.parse(text);
  change(file);
  const path = join(dir.path, 'op.cred.json');
  await writeFile(path, JSON.stringify(file));
  return credentialSummaryMismatches(path, parseCredentialFile(JSON.stringify(file), path));
}

describe('credentialSummaryMismatches', () => {
  it('finds nothing in a file as issued', async () => {
    expect(await mismatchesOf(() => {})).toEqual([]);
  });

  it('names every summary field that disagrees with the signed leaf, with both values', async () => {
    const found = await mismatchesOf((f) => {
      f['regions'] = ['1906012001002'];
      f['elections'] = ['pkwkk'];
      f['validUntil'] = '2099-01-01T00:00:00.000Z';
      f['label'] = 'not what was signed';
    });
    expect(found.map((m) => m.field)).toEqual(['regions', 'elections', 'validUntil', 'label']);
    expect(found[0]).toEqual({ field: 'regions', summary: ['1906012001002'], signed: ['1906012001001'] });
    expect(found[3]).toEqual({ field: 'label', summary: 'not what was signed', signed: undefined });
    expect(summaryMismatchWarning('op.cred.json', found)).toMatch(
      /^warning: op\.cred\.json: the readable summary does not match the signed credential \(regions: the summary says \["1906012001002"\], the signed chain \["1906012001001"\]; .*label: the summary says "not what was signed", the signed chain \(none\)\)\. The signed chain is what counts/,
    );
    expect(summaryMismatchWarning('op.cred.json', [])).toBe('');
  });
});
