// Valid inputs of the identity decoders, built from fixed seeds.
import fc from 'fast-check';
import { encodeCanonical } from '../../src/canonical/encode-canonical.js';
import { issueCredential } from '../../src/credential/issue-credential.js';
import { signObject } from '../../src/envelope/sign-object.js';
import { keyPairFromSeed } from '../../src/keys/key-pair.js';
import { nodeEd25519 } from '../../src/node/node-ed25519.js';
import { canonicalValue } from '../helpers/canonical-arbitrary.js';
import { seededBytes } from '../helpers/seeded.js';

export const provider = nodeEd25519;
export const root = await keyPairFromSeed(seededBytes('fuzz/root', 32), provider);
export const issuer = await keyPairFromSeed(seededBytes('fuzz/issuer', 32), provider);
export const operator = await keyPairFromSeed(seededBytes('fuzz/operator', 32), provider);
const FROM = Date.UTC(2024, 10, 1);
const UNTIL = Date.UTC(2025, 0, 1);
export const issuerCredential = await issueCredential(root, { role: 'issuer', subject: issuer.publicKey, regions: ['1906'], elections: ['pkwkk'], validFrom: FROM, validUntil: UNTIL, label: 'KPU Kabupaten Belitung Timur' }, provider);
const operatorCredential = await issueCredential(issuer, { role: 'operator', subject: operator.publicKey, regions: ['1906012001001'], elections: ['pkwkk'], validFrom: FROM, validUntil: UNTIL }, provider);
const note = await signObject('note', { text: 'halo', n: 1, nested: { list: [1, 'dua', new Uint8Array([3])], big: 2n ** 60n, neg: -5, ok: true, none: null } }, operator, provider);
export const credentials = [issuerCredential.bytes, operatorCredential.bytes];
export const envelopes = [note.bytes, ...credentials];
export const canonicalSeeds = [...envelopes, ...fc.sample(canonicalValue, { seed: 7, numRuns: 40 }).map((v) => encodeCanonical(v))];

