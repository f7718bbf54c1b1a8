import { keygenCommand } from '../shared-commands.js';

/** `titip-operator keygen`: the operator device's key pair. */
export const operatorKeygenCommand = keygenCommand('this operator device', 'keygen --out op.key.json --label "KPPS TPS 001 Lalang Jaya"');
