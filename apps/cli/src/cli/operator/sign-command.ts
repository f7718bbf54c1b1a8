import { z } from 'zod';
import { dataDirProblem } from '@titip/sync/node';
import { DataDirError, OutputFileError, RuleViolationError } from '../../errors.js';
import { pathExists } from '../../files/path-exists.js';
import { writeFileAtomic } from '../../files/write-file-atomic.js';
import { readPhotoFiles } from '../../operator/read-photo-file.js';
import { signSubmissionFromFile } from '../../operator/sign-submission-from-file.js';
import { storePhotosInDataDir } from '../../operator/store-photos-in-data-dir.js';
import { filePathArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { printable } from '../printable.js';
import { formatRuleReport } from './format-rule-report.js';
import { refineSignValues, signOptionSpecs, signParamsOf, signValuesShape } from './sign-options.js';

function fileOf(files: readonly { file: string; ref: { page: number } }[], page: number): { file?: string } {
  const file = files.find((f) => f.ref.page === page)?.file;
  return file === undefined ? {} : { file };
}

/** `titip-operator sign`: sign a C.Hasil into a submission file. */
export const signCommand = defineCommand({
  name: 'sign',
  summary: 'sign a C.Hasil form into a submission file',
  usage: [
    'sign --key FILE --credential FILE --network FILE --form FILE --tps CODE --election ID',
    '     [--revision N --supersedes ID] [--override RULE=REASON]… [--photo-file PAGE=PATH]… [--photo SHA256:PAGE:SIZE:TYPE]…',
    '     [--device-time ISO] [--data-dir DIR] --out FILE [--force]',
  ],
  description: [
    'Checks the form with the election rules, then signs it with the operator key. A hard-rule failure blocks signing',
    'unless you sign an override with a reason for that rule (it travels with the result and everyone downstream sees',
    'it). Also refused: a TPS or election outside your credential, a time outside its window, a key that is not the',
    "credential's. A correction is a new revision: --revision 2 --supersedes <id of revision 1>.",
    'Writes the signed submission (CBOR) to --out and prints its id.',
    '--photo-file PAGE=PATH signs the reference of a page photo (its SHA-256, size and type, the type from the image',
    "bytes: JPEG, PNG or WebP); with --data-dir the photo is also kept in that operator data dir, for 'submit' to send.",
    "Without --data-dir, give the same --photo-file to 'submit --submission FILE'.",
  ],
  options: {
    ...signOptionSpecs,
    key: { ...signOptionSpecs.key, required: true },
    credential: { ...signOptionSpecs.credential, required: true },
    form: { ...signOptionSpecs.form, required: true },
    tps: { ...signOptionSpecs.tps, required: true },
    election: { ...signOptionSpecs.election, required: true },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the submission file to write (CBOR)' },
    force: { type: 'boolean', description: 'replace an existing file' },
    'data-dir': { type: 'string', placeholder: 'DIR', description: "keep the --photo-file photos in this operator data dir (submit's; created if missing)" },
  },
  schema: z
    .object({ ...signValuesShape, out: filePathArg, force: z.boolean().optional(), 'data-dir': filePathArg.optional() })
    .superRefine((values, ctx) => refineSignValues(values, ctx, true)),
  examples: [
    'sign --key op.key.json --credential op.cred.json --network network.json --form examples/c-hasil-pkwkk.json --tps 1906012001001 --election pkwkk --out tps-001-pkwkk.cbor',
    "sign --key op.key.json --credential op.cred.json --network network.json --form examples/c-hasil-pkwkk-typo.json --tps 1906012001001 --election pkwkk --override 'gender-total=L dan P di lembar DPT tertukar, J sesuai daftar' --override 'category-sum=ikut dari baris DPT' --out tps-001-pkwkk.cbor",
  ],
  async run(values, io) {
    const photos = await readPhotoFiles(values['photo-file'] ?? [], values.photo ?? []);
    const dataDir = values['data-dir'];
    // Refused before anything is signed or written: an unusable data dir, an output file already there.
    if (dataDir !== undefined && photos.files.length > 0) {
      const problem = dataDirProblem(dataDir);
      if (problem !== null) throw new DataDirError(dataDir, problem.slice(dataDir.length + 1));
    }
    if (!(values.force ?? false) && (await pathExists(values.out))) throw new OutputFileError(values.out, 'already exists (left as it was)', { exists: true });
    let signed;
    try {
      signed = await signSubmissionFromFile({ ...signParamsOf(values), photos: photos.refs });
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      io.stderr(formatRuleReport(error.report, `C.Hasil ${values.form} — ${values.election}`));
      io.stderr(`titip-operator sign: error: not signed, nothing written: hard rules fail without an override: ${error.unoverridden.join(', ')}\n`);
      return EXIT.failed;
    }
    const { record, report } = signed;
    for (const warning of signed.fileWarnings) io.stderr(`titip-operator sign: ${printable(warning)}\n`);
    // The photos first: the submission file is what says the work is done.
    if (photos.files.length > 0 && dataDir !== undefined) await storePhotosInDataDir(dataDir, photos.files);
    await writeFileAtomic(values.out, record.bytes, { overwrite: values.force ?? false });
    if (photos.files.length > 0 && dataDir === undefined) {
      io.stderr(`titip-operator sign: the ${photos.files.length} photo(s) are signed but not kept: give the same --photo-file to 'submit --submission ${printable(values.out)}' (or sign with --data-dir)\n`);
    }
    if (report.warnings.length > 0) io.stderr(formatRuleReport({ ...report, violations: [] }, `C.Hasil ${values.form} — ${values.election}`, { verdict: false }));
    printJson(io, {
      file: values.out,
      id: record.id,
      tps: record.body.tps,
      election: record.body.election,
      revision: record.body.revision,
      supersedes: record.body.supersedes,
      overrides: record.body.overrides.map((o) => o.rule),
      warnings: [...new Set(report.warnings.map((w) => w.rule))],
      deviceTime: new Date(record.body.deviceTime).toISOString(),
      bytes: record.bytes.length,
      photos: record.body.photos.map((ref) => ({ ...ref, ...fileOf(photos.files, ref.page) })),
      photosKeptIn: photos.files.length > 0 && dataDir !== undefined ? dataDir : null,
    });
    return EXIT.ok;
  },
});
