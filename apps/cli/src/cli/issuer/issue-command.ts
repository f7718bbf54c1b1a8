import { readCredentialFile, readKeyFile, readNetworkFile } from '@titip/config/node';
import { CREDENTIAL_ROLES, decodeCredential, keyId } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { z } from 'zod';
import { credentialSummaryMismatches, summaryMismatchWarning } from '../../files/credential-summary-check.js';
import { writeCredentialFile } from '../../files/write-config-files.js';
import { issueOperatorCredential, issueRelayCredential } from '../../issuer/issue-by-issuer.js';
import { issueIssuerCredential, issueServerCredential } from '../../issuer/issue-root-signed.js';
import { electionListArg, filePathArg, isoTimeArg, publicKeyHexArg, regionListArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { printable } from '../printable.js';

const ROOT_SIGNED = new Set(['issuer', 'server']);

/** `titip-issuer issue`: sign a credential, refusing what would not verify. */
export const issueCommand = defineCommand({
  name: 'issue',
  summary: 'sign a credential for an issuer, server, operator or relay',
  usage: [
    'issue --role issuer|server --signer ROOT_KEY --network FILE (--subject KEY_FILE | --subject-public HEX)',
    '      --regions CODE[,CODE…] --elections ID[,ID…] --valid-from ISO --valid-until ISO [--label TEXT] --out FILE',
    'issue --role operator|relay --signer ISSUER_KEY --signer-credential ISSUER_CRED --network FILE',
    '      (--subject KEY_FILE | --subject-public HEX) --regions CODE[,CODE…] --elections ID[,ID…]',
    '      --valid-from ISO --valid-until ISO [--label TEXT] --out FILE',
  ],
  description: [
    'issuer and server credentials are signed with the KPU root key; operator and relay credentials with an issuer',
    "key, whose own credential (--signer-credential) is appended to the chain. Nothing is signed that would not verify:",
    "the signer must be the network's root (issuer/server) or the subject of an issuer credential chaining to it",
    "(operator/relay); operator TPS and relay regions must lie within the issuer's regions, operator TPS also within",
    "each election's region; the elections must be defined in the network and allowed by the issuer, and the window",
    "must lie inside the issuer's.",
    'Operators get TPS codes (13 digits) as regions. --regions "" is the whole nation (issuer/server only).',
    'Times need a zone: 2024-11-27T00:00:00+07:00 (WIB), …+08:00 (WITA), …+09:00 (WIT) or …Z.',
  ],
  options: {
    role: { type: 'string', required: true, placeholder: 'ROLE', description: `the credential's role: ${CREDENTIAL_ROLES.join(' | ')}` },
    signer: { type: 'string', required: true, placeholder: 'FILE', description: 'key file of the signer (root key for issuer/server, issuer key for operator/relay)' },
    'signer-credential': { type: 'string', placeholder: 'FILE', description: "the issuer's credential file (operator/relay only)" },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file (root key and elections checked against)' },
    subject: { type: 'string', placeholder: 'FILE', description: "the subject's key file (only its public key is used)" },
    'subject-public': { type: 'string', placeholder: 'HEX', description: "the subject's public key instead of its key file" },
    regions: { type: 'string', required: true, placeholder: 'CODE[,CODE…]', description: 'region codes; TPS codes for an operator; "" = nation' },
    elections: { type: 'string', required: true, placeholder: 'ID[,ID…]', description: 'election ids, e.g. pkwkp,pkwkk' },
    'valid-from': { type: 'string', required: true, placeholder: 'ISO', description: 'start of validity (inclusive), with a zone' },
    'valid-until': { type: 'string', required: true, placeholder: 'ISO', description: 'end of validity (exclusive), with a zone' },
    label: { type: 'string', placeholder: 'TEXT', description: 'who holds it, e.g. "KPPS TPS 001 Lalang Jaya"' },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the credential file to write' },
    force: { type: 'boolean', description: 'replace an existing file' },
  },
  schema: z
    .object({
      role: z.enum(CREDENTIAL_ROLES, { error: `expected one of ${CREDENTIAL_ROLES.join(', ')}` }),
      signer: filePathArg,
      'signer-credential': filePathArg.optional(),
      network: filePathArg,
      subject: filePathArg.optional(),
      'subject-public': publicKeyHexArg.optional(),
      regions: regionListArg,
      elections: electionListArg,
      'valid-from': isoTimeArg,
      'valid-until': isoTimeArg,
      label: z.string().max(200, 'at most 200 characters').optional(),
      out: filePathArg,
      force: z.boolean().optional(),
    })
    .superRefine((v, ctx) => {
      if ((v.subject === undefined) === (v['subject-public'] === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['subject'], message: 'give exactly one of --subject and --subject-public' });
      }
      if (ROOT_SIGNED.has(v.role) && v['signer-credential'] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['signer-credential'], message: `${v.role} credentials are signed by the root key alone: no signer credential` });
      }
      if (!ROOT_SIGNED.has(v.role) && v['signer-credential'] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['signer-credential'], message: `${v.role} credentials need the issuer's credential file of the signer` });
      }
      if (v.role === 'operator') {
        const notTps = v.regions.filter((r) => r.length !== 13);
        if (notTps.length > 0) ctx.addIssue({ code: 'custom', path: ['regions'], message: `operator credentials name TPS codes (13 digits): ${notTps.map((r) => JSON.stringify(r)).join(', ')} is not one` });
      }
      if (v.role === 'relay' && v.regions.includes('')) ctx.addIssue({ code: 'custom', path: ['regions'], message: "a relay serves regions, not '' (the nation)" });
      if (v['valid-from'] >= v['valid-until']) ctx.addIssue({ code: 'custom', path: ['valid-until'], message: 'must be after --valid-from' });
    }),
  examples: [
    'issue --role issuer --signer root.key.json --network network.json --subject kpu-1906.key.json --regions 1906 --elections pkwkp,pkwkk --valid-from 2024-11-01T00:00:00+07:00 --valid-until 2025-01-01T00:00:00+07:00 --label "KPU Kabupaten Belitung Timur" --out kpu-1906.cred.json',
    'issue --role server --signer root.key.json --network network.json --subject-public 5f1c…e2 --regions "" --elections pkwkp,pkwkk --valid-from 2024-11-01T00:00:00+07:00 --valid-until 2025-01-01T00:00:00+07:00 --label "KPU RI server" --out server.cred.json',
    'issue --role operator --signer kpu-1906.key.json --signer-credential kpu-1906.cred.json --network network.json --subject-public 9a0b…41 --regions 1906012001001 --elections pkwkp,pkwkk --valid-from 2024-11-26T00:00:00+07:00 --valid-until 2024-12-04T00:00:00+07:00 --label "KPPS TPS 001 Lalang Jaya" --out tps-001.cred.json',
    'issue --role relay --signer kpu-1906.key.json --signer-credential kpu-1906.cred.json --network network.json --subject ppk-190601.key.json --regions 190601 --elections pkwkp,pkwkk --valid-from 2024-11-26T00:00:00+07:00 --valid-until 2024-12-20T00:00:00+07:00 --label "PPK Manggar" --out ppk-190601.cred.json',
  ],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const signer = await readKeyFile(values.signer, nodeEd25519);
    const subject = values.subject !== undefined ? (await readKeyFile(values.subject, nodeEd25519)).publicKey : values['subject-public']!;
    const scope = {
      elections: values.elections,
      validFrom: values['valid-from'],
      validUntil: values['valid-until'],
      ...(values.label !== undefined ? { label: values.label } : {}),
      network,
    };
    let chain: Uint8Array[];
    if (values.role === 'issuer' || values.role === 'server') {
      const issue = values.role === 'issuer' ? issueIssuerCredential : issueServerCredential;
      chain = await issue(signer, subject, { ...scope, regions: values.regions });
    } else {
      const issuerChain = await readCredentialFile(values['signer-credential']!);
      const warning = summaryMismatchWarning(values['signer-credential']!, await credentialSummaryMismatches(values['signer-credential']!, issuerChain));
      if (warning !== '') io.stderr(`titip-issuer issue: ${printable(warning)}\n`);
      chain =
        values.role === 'operator'
          ? await issueOperatorCredential(signer, issuerChain, subject, { ...scope, tps: values.regions })
          : await issueRelayCredential(signer, issuerChain, subject, { ...scope, regions: values.regions });
    }
    await writeCredentialFile(values.out, chain, { overwrite: values.force ?? false });
    const leaf = decodeCredential(chain[0]);
    if (!leaf.ok) throw new Error('issued credential does not decode'); // cannot happen: it was just verified
    const body = leaf.obj.body;
    printJson(io, {
      file: values.out,
      id: leaf.obj.hash,
      role: body.role,
      subject: keyId(body.subject),
      signer: keyId(leaf.obj.signer),
      regions: body.regions,
      elections: body.elections,
      validFrom: new Date(body.validFrom).toISOString(),
      validUntil: new Date(body.validUntil).toISOString(),
      ...(body.label !== undefined ? { label: body.label } : {}),
      chainLength: chain.length,
    });
    return EXIT.ok;
  },
});
