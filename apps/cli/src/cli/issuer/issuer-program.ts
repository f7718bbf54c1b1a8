import type { Command, Program } from '../command.js';
import { keygenCommand } from '../shared-commands.js';
import { initRootCommand } from './init-root-command.js';
import { injectCommand } from './inject-command.js';
import { issueCommand } from './issue-command.js';
import { networkCommand } from './network-command.js';
import { revokeCommand } from './revoke-command.js';

/** The `titip-issuer` program: root key, network file, key pairs and credentials. */
export const issuerProgram: Program = {
  name: 'titip-issuer',
  summary: 'KPU credential issuer: root key, network file, key pairs, credentials and their revocation',
  commands: [
    initRootCommand,
    networkCommand,
    keygenCommand('an issuer, server, relay or operator', 'keygen --out kpu-1906.key.json --label "KPU Kabupaten Belitung Timur"'),
    issueCommand,
    revokeCommand,
    injectCommand,
  ] as unknown as readonly Command<never>[],
  notes: ['Typical order: init-root, network, keygen (each holder), issue (issuer and server by the root; operator and relay by the issuer); revoke when a key is lost or rotated.'],
};
