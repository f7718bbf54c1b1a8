import { readNetworkFile } from '@titip/config/node';
import type { Replica } from '@titip/sync';
import { z } from 'zod';
import { UsageError } from '../../errors.js';
import { heldRecords } from '../../operator/held-records.js';
import { operatorStatus, type OperatorStatus } from '../../operator/operator-status.js';
import { readServedTps } from '../../operator/served-tps-file.js';
import { filePathArg, tpsArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';

const INDENT = ' '.repeat(49);

function formatStatus(status: OperatorStatus): string {
  const lines: string[] = [];
  const mine = status.submissions;
  if (mine.length === 0) lines.push(`No submissions of ${status.tps.length > 0 ? `TPS ${status.tps.join(', ')}` : 'yours'} in this data dir.`);
  else {
    lines.push('TPS            ELECTION  REV  SUBMISSION         STATUS');
    for (const s of mine) {
      const state = s.receipt === null ? 'queued, no receipt yet' : `received by the server ${s.receipt.receivedAt} (receipt ${s.receipt.id.slice(0, 16)}…)`;
      lines.push(`${s.tps}  ${s.election.padEnd(8)}  ${String(s.revision).padStart(3)}  ${s.id.slice(0, 16)}…  ${state}`);
      if (s.equivocated) lines.push(`${INDENT}!! EQUIVOCATED: another submission claims revision ${s.revision} (see the warning below)`);
      for (const a of s.attestations) lines.push(`${INDENT}seen at ${a.stage.toUpperCase()} ${a.region} ${a.seenAt}`);
      if (s.overrides.length > 0) lines.push(`${INDENT}overrides: ${s.overrides.join(', ')}`);
    }
    const received = mine.filter((s) => s.receipt !== null).length;
    lines.push(`${mine.length} submission(s) of TPS ${status.tps.join(', ')}: ${received} with a receipt, ${mine.length - received} queued.`);
  }
  for (const e of status.equivocations) {
    lines.push('', `PERINGATAN: ${e.message.id}`, `WARNING: ${e.message.en}`);
  }
  const n = status.neighbours;
  if (n.submissions > 0) {
    lines.push(
      '',
      `This data dir also carries ${n.submissions} submission(s) of ${n.tps.length} other TPS (${n.tps.join(', ')}): your neighbours' results, relayed for them, not listed above.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The operator's TPS: `--tps`, else what `submit` recorded in the data dir, else the one TPS of the submissions held.
 * @throws {UsageError} when none of these tells (several TPS held, nothing recorded).
 */
async function ownTps(values: { 'data-dir': string; tps?: string[] | undefined }, replica: Pick<Replica, 'doc' | 'docIds'>): Promise<string[]> {
  if (values.tps !== undefined) return [...new Set(values.tps)];
  const recorded = await readServedTps(values['data-dir']);
  if (recorded !== undefined) return recorded;
  const held = new Set<string>();
  for (const record of heldRecords(replica)) if (record.kind === 'submission') held.add(record.body.tps);
  if (held.size <= 1) return [...held];
  throw new UsageError(
    `this data dir does not record which TPS is yours and holds results of ${held.size} TPS (${[...held].sort().join(', ')}): pass --tps CODE`,
    'status',
  );
}

/** `titip-operator status`: the operator's own results in the queue, their receipts and any equivocation. */
export const statusCommand = defineCommand({
  name: 'status',
  summary: "list your TPS's submissions in a data dir, whether each has a receipt, and any equivocation",
  usage: ['status --data-dir DIR --network FILE [--tps CODE]… [--json]'],
  description: [
    'Opens the data dir without networking (stop a running submit first) and lists every submission of your TPS',
    'held, its receipt and the chain-of-custody attestations seen. Your TPS is the one submit recorded in the data',
    'dir (or --tps). Two different submissions of the same revision (an equivocation: the server flags the result',
    'as contested and does not count it) are flagged with a warning. Results of neighbouring TPS the data dir also',
    'carries (the whole desa travels together) are only counted.',
  ],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: "the operator's queue" },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file' },
    tps: { type: 'string', multiple: true, placeholder: 'CODE', description: 'your TPS (default: the one submit recorded in the data dir)' },
    json: { type: 'boolean', description: 'print JSON instead of a table' },
  },
  schema: z.object({ 'data-dir': filePathArg, network: filePathArg, tps: z.array(tpsArg).optional(), json: z.boolean().optional() }),
  examples: ['status --data-dir ./titip-data --network network.json', 'status --data-dir ./titip-data --network network.json --tps 1906012001001 --json'],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const { startOperatorPeer } = await import('../../operator/open-operator-peer.js'); // libp2p loads only when needed
    const peer = await startOperatorPeer({ dataDir: values['data-dir'], network, scopes: [''], mustExist: true });
    try {
      const status = await operatorStatus(peer.replica, await ownTps(values, peer.replica), { root: network.root });
      if (values.json) printJson(io, status);
      else io.stdout(formatStatus(status));
      for (const e of status.equivocations) if (values.json) io.stderr(`PERINGATAN: ${e.message.id}\nWARNING: ${e.message.en}\n`);
      return EXIT.ok;
    } finally {
      await peer.stop();
    }
  },
});
