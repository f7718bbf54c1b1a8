import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyError, KeyFileError } from '../../src/errors.js';
import { keyPairFromKeyFile, parseKeyFile, serialiseKeyFile } from '../../src/keys/key-file.js';
import { fuzzParams, fuzzTimeout, mutatedJson, mutatedText, typedOutcome, typedOutcomeAsync } from '@titip/testkit/fuzz';
import { issuer, operator, provider, root } from './fuzz-seeds.js';

describe('fuzz: key files', () => {
  const keyFiles = [serialiseKeyFile(operator, 'operator TPS 001'), serialiseKeyFile(root), JSON.stringify(JSON.parse(serialiseKeyFile(issuer)))];
  /** parseKeyFile refuses with KeyFileError, keyPairFromKeyFile with KeyError; what is accepted is a matching key pair. */
  async function checkKeyFile(text: string): Promise<void> {
    const parsed = typedOutcome(() => parseKeyFile(text), [KeyFileError]);
    if (!parsed.ok) return;
    const pair = await typedOutcomeAsync(() => keyPairFromKeyFile(parsed.value, provider), [KeyError]);
    if (pair.ok) expect(await provider.publicKeyOf(pair.value.secretKey)).toEqual(pair.value.publicKey);
  }
  it('mutated key file text', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedText(keyFiles), checkKeyFile), fuzzParams(2000, 0.6, 38));
  });
  it('key files with values replaced', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(mutatedJson(keyFiles.map((t) => JSON.parse(t) as unknown)).map((v) => JSON.stringify(v) ?? 'undefined'), checkKeyFile), fuzzParams(1000, 0.3, 39));
  });
  it('random text', { timeout: fuzzTimeout }, async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), checkKeyFile), fuzzParams(300, 0.1, 40));
  });
});
