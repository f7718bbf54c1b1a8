import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeEd25519 } from '@titip/identity/node';
import { createReceipt } from '@titip/records';
import { tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import { readElectionsFile, readFormFile, readSubmissionFile } from '../../src/files/read-input-files.js';
import { signSubmission } from '../../src/operator/sign-submission.js';
import { examplePath, exampleForm } from '../fixtures/forms.js';
import { makeTestTrust } from '../fixtures/trust.js';

let dir: { path: string; remove: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await dir.remove();
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, content);
  return path;
}

async function inputError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputFileError);
  expect((error as InputFileError).code).toBe('CLI_INPUT_FILE');
  return (error as InputFileError).message;
}

describe('readFormFile', () => {
  it('reads the example form', async () => {
    expect((await readFormFile(examplePath('c-hasil-pkwkk.json'))).suara.total).toBe(400);
  });

  it('refuses a device or a pipe unread (a form of /dev/zero once ate all memory)', async () => {
    expect(await inputError(readFormFile('/dev/zero'))).toContain('not a regular file (a device)');
    expect(await inputError(readFormFile(dir.path))).toContain('not a regular file (a directory)');
  });

  it('refuses a missing file, bad JSON, a wrong shape, unknown keys, floats and oversized files', async () => {
    expect(await inputError(readFormFile(join(dir.path, 'missing.json')))).toContain('cannot read');
    expect(await inputError(readFormFile(await file('bad.json', '{"form": "kwk",')))).toContain('is not JSON');
    expect(await inputError(readFormFile(await file('shape.json', '{"form": "dpr"}')))).toContain('not a valid C.Hasil form');
    const form = exampleForm('c-hasil-pkwkk.json');
    expect(await inputError(readFormFile(await file('extra.json', JSON.stringify({ ...form, catatan: 'x' }))))).toContain('not a valid C.Hasil form');
    expect(await inputError(readFormFile(await file('float.json', JSON.stringify({ ...form, suara: { ...form.suara, sah: 390.5 } }))))).toContain('suara.sah');
    expect(await inputError(readFormFile(await file('huge.json', ' '.repeat(1_048_577))))).toContain('more than');
  });
});

describe('readElectionsFile', () => {
  it('reads the example elections and refuses a non-array or an invalid definition', async () => {
    expect((await readElectionsFile(examplePath('elections.json'))).map((e) => e.id)).toEqual(['pkwkp', 'pkwkk']);
    expect(await inputError(readElectionsFile(await file('obj.json', '{"id":"pkwkk"}')))).toContain('elections file');
    expect(await inputError(readElectionsFile(await file('empty.json', '[]')))).toContain('elections file');
    expect(await inputError(readElectionsFile(await file('bad-def.json', '[{"id":"pkwkk","paslon":[]}]')))).toContain('0.');
  });
});

describe('readSubmissionFile', () => {
  it('reads a signed submission and refuses junk and other record kinds', async () => {
    const trust = await makeTestTrust('read-files');
    const op = await trust.operator('1906012001001');
    const submission = await signSubmission({ keyPair: op.keyPair, chain: op.chain, tps: '1906012001001', election: 'pkwkk', form: exampleForm('c-hasil-pkwkk.json'), deviceTime: trust.now });
    expect((await readSubmissionFile(await file('s.cbor', submission.bytes))).id).toBe(submission.id);
    expect(await inputError(readSubmissionFile(await file('junk.cbor', Uint8Array.of(1, 2, 3))))).toContain('not a signed submission');
    expect(await inputError(readSubmissionFile(await file('form.json', '{"form":"kwk"}')))).toContain('it looks like JSON: --submission takes the signed .cbor file');
    const receipt = await createReceipt({ keyPair: trust.server.keyPair, credentials: trust.server.chain, submission }, nodeEd25519);
    expect(await inputError(readSubmissionFile(await file('r.cbor', receipt.bytes)))).toContain('holds a receipt');
  });
});
