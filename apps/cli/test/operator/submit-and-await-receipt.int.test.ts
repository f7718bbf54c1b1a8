import { join } from 'node:path';
import { tempDir } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptTimeoutError } from '../../src/errors.js';
import { startOperatorPeer } from '../../src/operator/open-operator-peer.js';
import { receiptFor } from '../../src/operator/receipt-for.js';
import { signSubmission } from '../../src/operator/sign-submission.js';
import { submitAndAwaitReceipt } from '../../src/operator/submit-and-await-receipt.js';
import { exampleForm } from '../fixtures/forms.js';
import { startReceiptingPeer } from '../fixtures/receipting-peer.js';
import { makeTestTrust, type TestTrust } from '../fixtures/trust.js';

let dir: { path: string; remove: () => Promise<void> };
let trust: TestTrust;
beforeAll(async () => {
  dir = await tempDir('titip-cli-await-');
  trust = await makeTestTrust('await-int');
});
afterAll(async () => {
  await dir.remove();
});

describe('submitAndAwaitReceipt between two Node peers (the demo path, in-process)', () => {
  it('an operator peer gets its receipt back from a receipting peer over libp2p; a restart finds it in the store', async () => {
    const server = await startReceiptingPeer({ dataDir: join(dir.path, 'server'), network: trust.network, server: trust.server });
    const op = await trust.operator('1906032002001');
    const submission = await signSubmission({
      keyPair: op.keyPair,
      chain: op.chain,
      tps: '1906032002001',
      election: 'pkwkp',
      form: exampleForm('c-hasil-pkwkp.json'),
      electionDefinition: trust.network.election('pkwkp'),
      root: trust.root.publicKey,
    });
    const dataDir = join(dir.path, 'operator');
    try {
      const peer = await startOperatorPeer({ dataDir, network: trust.network, scopes: ['1906032002001'], dial: [server.address] });
      let receiptId: string;
      try {
        const receipt = await submitAndAwaitReceipt(peer, submission, { timeoutMs: 30_000, root: trust.root.publicKey });
        expect(receipt.body).toMatchObject({ submission: submission.id, tps: '1906032002001', election: 'pkwkp', revision: 1 });
        expect(server.replica.object(receipt.id)).toEqual(receipt.bytes);
        receiptId = receipt.id;
      } finally {
        await peer.stop();
      }
      const reopened = await startOperatorPeer({ dataDir, network: trust.network, scopes: [''], mustExist: true });
      try {
        expect((await receiptFor(reopened.replica, submission.id, { root: trust.root.publicKey }))?.id).toBe(receiptId);
      } finally {
        await reopened.stop();
      }
    } finally {
      await server.stop();
    }
  });

  it('with no peer reachable it times out and the submission survives a restart', async () => {
    const op = await trust.operator('1906032002002');
    const submission = await signSubmission({ keyPair: op.keyPair, chain: op.chain, tps: '1906032002002', election: 'pkwkk', form: exampleForm('c-hasil-pkwkk.json'), root: trust.root.publicKey });
    const dataDir = join(dir.path, 'offline');
    const peer = await startOperatorPeer({ dataDir, network: trust.network, scopes: ['1906032002002'], dial: ['/ip4/127.0.0.1/tcp/9/p2p/12D3KooWLRPJAA5o6Z6z5oTr8SqHdzpb8dwLQKrW5jkEfEH5ZMoK'] });
    try {
      await expect(submitAndAwaitReceipt(peer, submission, { timeoutMs: 500 })).rejects.toThrow(ReceiptTimeoutError);
    } finally {
      await peer.stop();
    }
    const reopened = await startOperatorPeer({ dataDir, network: trust.network, scopes: [''] });
    try {
      expect(reopened.replica.object(submission.id)).toEqual(submission.bytes);
    } finally {
      await reopened.stop();
    }
  });
});
