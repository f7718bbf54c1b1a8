import { electionDefinitionSchema, type ElectionDefinition } from '@titip/election';
import { fromHex } from '@titip/identity';
import { z } from 'zod';
import { parseJsonFile } from './parse-json-file.js';

/**
 * The network file every peer is given: the KPU root public key (the one trust anchor) and the election definitions
 * (candidates as data). `{ kind: 'titip-network', v: 1, name, root: hex, elections: [...] }`.
 */
export const networkFileSchema = z.strictObject({
  kind: z.literal('titip-network'),
  v: z.literal(1),
  name: z.string().min(1).max(200),
  root: z.string().regex(/^[0-9a-f]{64}$/, 'the root key is 64 lowercase hex digits'),
  elections: z
    .array(electionDefinitionSchema)
    .max(64)
    .superRefine((elections, ctx) => {
      const seen = new Set<string>();
      elections.forEach((election, index) => {
        if (seen.has(election.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `election ${election.id} is defined twice` });
        seen.add(election.id);
      });
    }),
});

/** The parsed network file. */
export type NetworkFile = z.infer<typeof networkFileSchema>;

/** What a peer needs from the network file. */
export interface Network {
  readonly name: string;
  readonly root: Uint8Array;
  readonly elections: readonly ElectionDefinition[];
  election(id: string): ElectionDefinition | undefined;
}

/** Parses a network file's text. @throws {ConfigFileError} */
export function parseNetworkFile(text: string, file?: string): Network {
  const parsed = parseJsonFile(text, networkFileSchema, 'titip-network v1 file', file);
  const byId = new Map(parsed.elections.map((e) => [e.id, e]));
  return { name: parsed.name, root: fromHex(parsed.root), elections: parsed.elections, election: (id) => byId.get(id) };
}

/** The text of a network file. */
export function serialiseNetworkFile(file: NetworkFile): string {
  return `${JSON.stringify(networkFileSchema.parse(file), null, 2)}\n`;
}
