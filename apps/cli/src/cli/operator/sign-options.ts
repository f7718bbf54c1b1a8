import { isHardRuleId, isOverridableRule } from '@titip/election';
import { z } from 'zod';
import type { OptionSpec } from '../command.js';
import {
  electionArg,
  filePathArg,
  isoTimeArg,
  objectIdArg,
  overridesArg,
  photosArg,
  revisionArg,
  tpsArg,
} from '../arg-schemas.js';
import { photoFilesArg } from './photo-file-arg.js';

/** The options that say what to sign (shared by `sign` and `submit`). */
export const signOptionSpecs = {
  key: { type: 'string', placeholder: 'FILE', description: "the operator's key file" },
  credential: { type: 'string', placeholder: 'FILE', description: "the operator's credential file (from the KPU kabupaten)" },
  network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file' },
  form: { type: 'string', placeholder: 'FILE', description: 'the C.Hasil JSON file' },
  tps: { type: 'string', placeholder: 'CODE', description: 'the TPS code (13 digits)' },
  election: { type: 'string', placeholder: 'ID', description: 'the election id, e.g. pkwkk' },
  revision: { type: 'string', placeholder: 'N', description: 'revision number, 2+ for a correction (default 1)' },
  supersedes: { type: 'string', placeholder: 'ID', description: 'id of the submission a revision 2+ replaces' },
  override: { type: 'string', multiple: true, placeholder: 'RULE=REASON', description: 'sign despite a failing hard rule, stating why' },
  photo: { type: 'string', multiple: true, placeholder: 'SHA256:PAGE:SIZE:TYPE', description: 'a photographed page by reference, e.g. <hash>:1:245760:image/jpeg' },
  'photo-file': { type: 'string', multiple: true, placeholder: 'PAGE=PATH', description: 'the photo of a page (JPEG, PNG or WebP), e.g. 1=halaman-1.jpg: its reference is signed, the photo kept and sent' },
  'device-time': { type: 'string', placeholder: 'ISO', description: 'the signing time to record (default now)' },
} as const satisfies Record<string, OptionSpec>;

/** Zod shape of {@link signOptionSpecs}. */
export const signValuesShape = {
  key: filePathArg.optional(),
  credential: filePathArg.optional(),
  network: filePathArg,
  form: filePathArg.optional(),
  tps: tpsArg.optional(),
  election: electionArg.optional(),
  revision: revisionArg.optional(),
  supersedes: objectIdArg.optional(),
  override: overridesArg.optional(),
  photo: photosArg.optional(),
  'photo-file': photoFilesArg.optional(),
  'device-time': isoTimeArg.optional(),
};

/** The parsed sign values. */
export type SignValues = z.infer<z.ZodObject<typeof signValuesShape>>;

/** The options `sign` needs (all of them but revision/supersedes/override/photo/device-time). */
export const REQUIRED_FOR_SIGNING = ['key', 'credential', 'form', 'tps', 'election'] as const;

/** Cross-option checks of the sign values: revision and supersedes go together, required options present. */
export function refineSignValues(values: SignValues, ctx: z.RefinementCtx, required: boolean): void {
  if (required) {
    for (const name of REQUIRED_FOR_SIGNING) {
      if (values[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required' });
    }
  }
  const revision = values.revision ?? 1;
  if (revision === 1 && values.supersedes !== undefined) ctx.addIssue({ code: 'custom', path: ['supersedes'], message: 'revision 1 supersedes nothing: give --revision 2 or more' });
  if (revision > 1 && values.supersedes === undefined) ctx.addIssue({ code: 'custom', path: ['supersedes'], message: `revision ${revision} must name the submission it replaces` });
  const rules = (values.override ?? []).map((o) => o.rule);
  const twice = rules.find((r, i) => rules.indexOf(r) !== i);
  if (twice !== undefined) ctx.addIssue({ code: 'custom', path: ['override'], message: `rule ${twice} is overridden twice` });
  const unliftable = rules.find((r) => isHardRuleId(r) && !isOverridableRule(r));
  if (unliftable !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['override'], message: `no override lifts ${unliftable}: record votes for exactly the election's paslon (fix the form)` });
  }
}

/**
 * The arguments of `signSubmissionFromFile` from sign values that passed {@link refineSignValues} with `required`.
 * `photos` holds the `--photo` references only: the commands add those of the `--photo-file` files (`readPhotoFiles`).
 */
export function signParamsOf(values: SignValues) {
  return {
    keyFile: values.key!,
    credentialFile: values.credential!,
    networkFile: values.network,
    formFile: values.form!,
    tps: values.tps!,
    election: values.election!,
    revision: values.revision ?? 1,
    supersedes: values.supersedes ?? null,
    overrides: values.override ?? [],
    photos: values.photo ?? [],
    ...(values['device-time'] !== undefined ? { deviceTime: values['device-time'] } : {}),
  };
}
