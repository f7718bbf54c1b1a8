import type { Command, Program } from '../command.js';
import { exportCommand } from './export-command.js';
import { haveCommand } from './have-command.js';
import { importCommand } from './import-command.js';
import { inspectCommand } from './inspect-command.js';

/** The `titip-bundle` program: carry signed results between devices on a file when there is no network at all. */
export const bundleProgram: Program = {
  name: 'titip-bundle',
  summary: 'carry results on a USB stick: export a data dir into a bundle file, inspect it, import it elsewhere',
  commands: [exportCommand, haveCommand, importCommand, inspectCommand] as unknown as readonly Command<never>[],
  notes: [
    'Stop the peer (titip-relay, titip-operator, titip-server) before export, have or import: its data dir is locked while it runs.',
    'A trip: on the receiver have → stick → on the sender export --have → stick → on the receiver inspect, then import.',
  ],
};
