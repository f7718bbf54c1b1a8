import { readNetworkFile } from '@titip/config/node';
import { z } from 'zod';
import { listSubmissions, type SubmissionStatus } from '../../operator/submission-status.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';

function formatStatus(statuses: readonly SubmissionStatus[]): string {
  if (statuses.length === 0) return 'No submissions in this data dir.\n';
  const lines = ['TPS            ELECTION  REV  SUBMISSION         STATUS'];
  for (const s of statuses) {
    const state = s.receipt === null ? 'queued, no receipt yet' : `received by the server ${s.receipt.receivedAt} (receipt ${s.receipt.id.slice(0, 16)}…)`;
    lines.push(`${s.tps}  ${s.election.padEnd(8)}  ${String(s.revision).padStart(3)}  ${s.id.slice(0, 16)}…  ${state}`);
    for (const a of s.attestations) lines.push(`${' '.repeat(49)}seen at ${a.stage.toUpperCase()} ${a.region} ${a.seenAt}`);
    if (s.overrides.length > 0) lines.push(`${' '.repeat(49)}overrides: ${s.overrides.join(', ')}`);
  }
  const received = statuses.filter((s) => s.receipt !== null).length;
  lines.push(`${statuses.length} submission(s): ${received} with a receipt, ${statuses.length - received} queued.`);
  return `${lines.join('\n')}\n`;
}

/** `titip-operator status`: what the queue holds. */
export const statusCommand = defineCommand({
  name: 'status',
  summary: 'list the submissions in a data dir and whether each has a receipt',
  usage: ['status --data-dir DIR --network FILE [--json]'],
  description: ['Opens the data dir without networking (stop a running submit first) and lists every submission held,', 'its receipt and the chain-of-custody attestations seen.'],
  options: {
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: "the operator's queue" },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file' },
    json: { type: 'boolean', description: 'print JSON instead of a table' },
  },
  schema: z.object({ 'data-dir': filePathArg, network: filePathArg, json: z.boolean().optional() }),
  examples: ['status --data-dir ./titip-data --network network.json'],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const { startOperatorPeer } = await import('../../operator/open-operator-peer.js'); // libp2p loads only when needed
    const peer = await startOperatorPeer({ dataDir: values['data-dir'], network, scopes: [''], mustExist: true });
    try {
      const statuses = await listSubmissions(peer.replica, { root: network.root });
      if (values.json) printJson(io, statuses);
      else io.stdout(formatStatus(statuses));
      return EXIT.ok;
    } finally {
      await peer.stop();
    }
  },
});
