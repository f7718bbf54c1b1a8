import type { Command, Program } from '../command.js';
import { checkCommand } from './check-command.js';
import { operatorKeygenCommand } from './keygen-command.js';
import { signCommand } from './sign-command.js';
import { statusCommand } from './status-command.js';
import { submitCommand } from './submit-command.js';

/** The `titip-operator` program: check, sign and submit C.Hasil results, and follow their receipts. */
export const operatorProgram: Program = {
  name: 'titip-operator',
  summary: 'TPS operator: check, sign and submit C.Hasil results; follow their receipts',
  commands: [operatorKeygenCommand, checkCommand, signCommand, submitCommand, statusCommand] as unknown as readonly Command<never>[],
  notes: ['Typical order: keygen (send the public key to the KPU kabupaten), check, sign or submit, status.'],
};
