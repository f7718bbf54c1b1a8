import { readNetworkFile } from '@titip/config/node';
import { checkCHasil } from '@titip/election';
import { z } from 'zod';
import { InputFileError } from '../../errors.js';
import { readFormFile } from '../../files/read-input-files.js';
import { electionArg, filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { formatRuleReport } from './format-rule-report.js';

/** `titip-operator check`: the rule report of a C.Hasil form. */
export const checkCommand = defineCommand({
  name: 'check',
  summary: 'check a C.Hasil form against the rules (before signing)',
  usage: ['check --form FILE --election ID --network FILE [--json]'],
  description: [
    "Runs the hard rules and the warnings of the election (with its candidates from the network file) and prints",
    'every problem in Bahasa Indonesia and English. Exit 0 when no hard rule fails, 1 when one does (signing would',
    'then need an override with a reason per failing rule).',
  ],
  options: {
    form: { type: 'string', required: true, placeholder: 'FILE', description: 'the C.Hasil JSON file (cHasilSchema)' },
    election: { type: 'string', required: true, placeholder: 'ID', description: 'the election id, e.g. pkwkk' },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file (election definitions)' },
    json: { type: 'boolean', description: 'print the report as JSON instead of text' },
  },
  schema: z.object({ form: filePathArg, election: electionArg, network: filePathArg, json: z.boolean().optional() }),
  examples: ['check --form examples/c-hasil-pkwkk.json --election pkwkk --network network.json'],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const definition = network.election(values.election);
    if (definition === undefined) {
      throw new InputFileError(values.network, `election ${values.election} is not defined here (defined: ${network.elections.map((e) => e.id).join(', ')})`);
    }
    const form = await readFormFile(values.form);
    const report = checkCHasil(form, definition);
    if (values.json) printJson(io, report);
    else io.stdout(formatRuleReport(report, `C.Hasil ${values.form} — ${definition.id} (${definition.name})`));
    return report.violations.length > 0 ? EXIT.failed : EXIT.ok;
  },
});
