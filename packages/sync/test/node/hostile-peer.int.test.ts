import { decodeCanonical, encodeCanonical, signObject } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { eventually, validKwkForm } from '@titip/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_ID } from '../../src/replication/constants.js';
import { createNodeLibp2p } from '../../src/transport/create-node-peer.js';
import { openFrameChannel } from '../../src/transport/protocol-channel.js';
import { Attacker } from '../replication/attacker.js';
import { hex } from '../replication/fixtures.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { author, PeerSet } from './peers.js';

const TPS = '1906012001001';
const OTHER_TPS = '1906012001002';
const DESA = '1906012001';

let peers: PeerSet;
let stopHostile: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopHostile?.();
  stopHostile = undefined;
  await peers?.stopAll();
});

/** Re-encodes an envelope `[v, kind, body, signer, signature]` after `edit` changed its parts. */
function reEnvelope(bytes: Uint8Array, edit: (parts: unknown[]) => void): { id: string; bytes: Uint8Array } {
  const parts = decodeCanonical(bytes) as unknown[];
  edit(parts);
  const out = encodeCanonical(parts as never);
  return { id: hex(sha256(out)), bytes: out };
}

async function hostileAgainst(victimAddress: string) {
  const node = await createNodeLibp2p({ listen: ['/ip4/127.0.0.1/tcp/0'] });
  stopHostile = async () => {
    await node.stop();
  };
  const channel = await openFrameChannel(node, victimAddress, SYNC_PROTOCOL_ID);
  return { attacker: Attacker.over(channel, [DESA]), peerId: node.peerId.toString() };
}

describe('a hostile peer over a real connection', () => {
  const attacks: [string, string, (honest: { id: string; bytes: Uint8Array }, set: PeerSet) => Promise<(doc: Record<string, unknown>) => void>][] = [
    ['forges a signature', 'bad-signature', async (honest) => {
      const forged = reEnvelope(honest.bytes, (p) => {
        const sig = new Uint8Array(p[4] as Uint8Array);
        sig[0]! ^= 0xff;
        p[4] = sig;
      });
      return (doc) => void (doc[forged.id] = forged.bytes);
    }],
    ['alters the numbers of a signed result', 'bad-signature', async (honest) => {
      const altered = reEnvelope(honest.bytes, (p) => {
        const body = p[2] as { form: { suara: { paslon: Record<string, number> } } };
        body.form.suara.paslon['1000526'] = 999;
      });
      return (doc) => void (doc[altered.id] = altered.bytes);
    }],
    ['relays a valid operator signing another TPS', 'tps-not-allowed', async (_honest, set) => {
      const operator = await set.trust.operator(TPS);
      const body = { tps: OTHER_TPS, election: 'pkwkk', form: validKwkForm({ '1000526': 1, '1000527': 300 }), photos: [], revision: 1, supersedes: null, overrides: [], deviceTime: Date.now(), credentials: operator.chain };
      const obj = await signObject('submission', body as never, operator.keyPair, nodeEd25519);
      return (doc) => void (doc[obj.hash] = obj.bytes);
    }],
    ['deletes a stored result', 'delete', async (honest) => (doc) => void delete doc[honest.id]],
    ['injects junk into the CRDT', 'hash-mismatch', async () => (doc) => void (doc['0'.repeat(64)] = new Uint8Array(100))],
  ];

  // Validation on the main thread (createRecordValidator) and in worker threads (createWorkerRecordValidator).
  for (const [name, expected, makeAttack] of attacks) for (const verifierThreads of [0, 2]) {
    it(`is rejected when it ${name} (${verifierThreads} validation threads); it is reported and banned, the store is untouched, honest traffic flows`, async () => {
      peers = await PeerSet.create();
      const victim = await peers.start([DESA], { verifierThreads });
      const honest = await peers.submission(TPS);
      await author(victim, honest);
      const heads = victim.replica.heads(DESA);
      const { attacker, peerId } = await hostileAgainst(victim.peer.addresses[0]!);
      await attacker.holds(DESA, heads);
      await attacker.tamper(DESA, await makeAttack(honest, peers));
      await eventually(() => attacker.rejected, 'the victim refuses');
      const reject = attacker.received.find((m) => m.t === 'reject') as { reason: string; detail: string };
      expect(`${reject.reason} ${reject.detail}`).toContain(expected);
      expect(victim.peer.engine.reports().map((r) => r.peer)).toEqual([peerId]);
      expect(victim.peer.engine.isBanned(peerId)).toBe(true);
      expect(victim.replica.heads(DESA)).toEqual(heads);
      expect(victim.replica.object(honest.id)).toEqual(honest.bytes);
      // honest traffic keeps flowing
      const friend = await peers.start([DESA], { dial: [victim.peer.addresses[0]!] });
      const next = await peers.submission(OTHER_TPS);
      await author(friend, next);
      await eventually(() => victim.replica.object(next.id) !== undefined, 'an honest result after the attack');
      // and the disk holds exactly what was accepted
      const { dataDir } = victim;
      await victim.stop();
      const reopened = await peers.start([DESA], { dataDir, verifierThreads });
      expect(reopened.replica.objectCount).toBe(2);
      expect(reopened.replica.object(honest.id)).toEqual(honest.bytes);
    });
  }
});
