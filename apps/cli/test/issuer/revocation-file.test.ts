import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/errors.js';
import { parseRevocationFile } from '../../src/issuer/revocation-file.js';

describe('parseRevocationFile', () => {
  it('says a JSON file (a form given by mistake) is not a revocation file, not how its CBOR fails', () => {
    const form = new TextEncoder().encode(JSON.stringify({ kind: 'titip-form', v: 1, note: 'x'.repeat(100) }, null, 2));
    expect(() => parseRevocationFile(form, 'form.json')).toThrow(InputFileError);
    expect(() => parseRevocationFile(form, 'form.json')).toThrow(
      "form.json: is not a revocation file (it is text, e.g. JSON; a revocation file is the binary file 'titip-issuer revoke' writes)",
    );
  });

  it('names the CBOR problem of a binary file, and what it expects of well formed CBOR that is no revocation array', () => {
    expect(() => parseRevocationFile(new Uint8Array([0xff, 0x00, 0x01]), 'x.bin')).toThrow(/^x\.bin: is not a revocation file \(not canonical CBOR: .+\)$/);
    expect(() => parseRevocationFile(new Uint8Array([0x80]), 'empty.cbor')).toThrow(
      "empty.cbor: is not a revocation file (expected an array of 1–1000 revocations; a revocation file is the binary file 'titip-issuer revoke' writes)",
    );
  });
});
