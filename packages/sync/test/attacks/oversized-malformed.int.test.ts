import * as A from '@automerge/automerge';
import { multiaddr } from '@multiformats/multiaddr';
import { sha256 } from '@noble/hashes/sha2.js';
import { eventually } from '@titip/testkit';
import { encode } from 'cborg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_ID } from '../../src/replication/constants.js';
import { hex } from '../replication/fixtures.js';
import { DESA, expectIntact, expectReported, HonestNetwork, rejectOf, snapshot, type StoredSnapshot } from './fixtures/honest-network.js';

const SINK_MAX_FRAME = 256 * 1024;

// One honest network for the whole file: every attack comes from a new attacker (a new peer id), so each is judged
// alone, and the honest operator keeps submitting through the same relay and sink in between.
let network: HonestNetwork;
let before: StoredSnapshot;
beforeAll(async () => {
  network = await HonestNetwork.start({ sinkMaxFrameBytes: SINK_MAX_FRAME });
  await network.submitHonest('the first result');
  before = snapshot(network.sink);
});
afterAll(async () => {
  await network?.stop();
});

/** After an attack: the attacker is reported with `code`, honest traffic flows, and nothing stored is harmed. */
async function expectContained(peerId: string, code: string, detail?: string): Promise<void> {
  await eventually(() => network.sink.peer.engine.reports().some((r) => r.peer === peerId), 'the attacker is reported');
  expectReported(network.sink, peerId, code, detail);
  await eventually(() => !network.sink.peer.sessionWith(peerId), 'the attacker is hung up on');
  await network.submitHonest('a result after the attack');
  expectIntact(before, network.sink, network.honestIds);
}

/** A raw libp2p stream of the sync protocol to the sink, for bytes no frame channel would send. */
async function rawStream() {
  const { node, peerId } = await network.attacker(network.sink);
  const connection = await node.dial(multiaddr(network.sink.address));
  const stream = await connection.newStream(SYNC_PROTOCOL_ID);
  return { stream, peerId };
}

describe('attack: oversized and malformed messages', () => {
  it('a length prefix announcing 10 MiB is refused from the prefix alone (FRAME_TOO_LARGE, nothing buffered), reported and banned', async () => {
    const { stream, peerId } = await rawStream();
    stream.send(new Uint8Array([0x80, 0x80, 0x80, 0x05])); // varint 10,485,760, no body
    await expectContained(peerId, 'FRAME_TOO_LARGE', `limit of ${SINK_MAX_FRAME} bytes`);
  });

  it('a frame over the limit, sent whole, is refused (FRAME_TOO_LARGE), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.sendRaw(new Uint8Array(SINK_MAX_FRAME + 1)).catch(() => undefined);
    await expectContained(peerId, 'FRAME_TOO_LARGE');
  });

  it('a length prefix that is not a minimal varint is refused (FRAME_MALFORMED), reported and banned', async () => {
    const { stream, peerId } = await rawStream();
    stream.send(new Uint8Array([0x85, 0x80, 0x00])); // 5, padded with continuation bytes
    await expectContained(peerId, 'FRAME_MALFORMED');
  });

  it('a frame that is not CBOR is refused (WIRE_MALFORMED), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.sendRaw(new Uint8Array([0xff, 0x00, 0x13, 0x37]));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)?.reason).toBe('WIRE_MALFORMED');
    await expectContained(peerId, 'WIRE_MALFORMED', 'not valid CBOR');
  });

  it('a CBOR map outside the schema (heads with a malformed head and an unknown field) is refused (WIRE_MALFORMED), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.sendRaw(encode({ t: 'heads', v: 1, docs: [[DESA, ['not a head']]], extra: Array.from({ length: 65 }, () => '19') }));
    await eventually(() => attacker.rejected, 'the sink refuses');
    await expectContained(peerId, 'WIRE_MALFORMED', 'invalid message');
  });

  it('a message of another wire version is refused (WIRE_VERSION), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.sendRaw(encode({ t: 'digest', v: 2, digest: new Uint8Array(32) }));
    await expectContained(peerId, 'WIRE_VERSION');
  });

  it('a sync message that is not an Automerge sync message is refused (undecodable), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    await attacker.send({ t: 'sync', v: 1, doc: DESA, data: new Uint8Array([0x42, 1, 2, 3, 4, 5]) });
    await eventually(() => attacker.rejected, 'the sink refuses');
    await expectContained(peerId, 'undecodable');
  });

  it('an object over the object limit (64 KiB) inside a well-formed sync message is refused (oversized), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const big = new Uint8Array(65 * 1024).fill(7);
    await attacker.tamper(DESA, (doc) => void (doc[hex(sha256(big))] = big));
    await eventually(() => attacker.rejected, 'the sink refuses');
    expect(rejectOf(attacker)?.reason).toBe('oversized');
    await expectContained(peerId, 'oversized');
  });

  it('a sync message for a document outside the shared scope is refused (OUT_OF_SCOPE), reported and banned', async () => {
    const { attacker, peerId } = await network.attacker(network.sink);
    await attacker.holds(DESA, network.sink.replica.heads(DESA));
    const [, opening] = A.generateSyncMessage(A.init(), A.initSyncState());
    await attacker.send({ t: 'sync', v: 1, doc: '1906022001', data: opening! }); // another kecamatan's desa
    await eventually(() => attacker.rejected, 'the sink refuses');
    await expectContained(peerId, 'OUT_OF_SCOPE');
  });
});
