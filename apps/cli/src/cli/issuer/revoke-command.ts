import { readCredentialFile, readKeyFile, readNetworkFile } from '@titip/config/node';
import { decodeCredential, keyId } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { z } from 'zod';
import { writeRevocationFile } from '../../issuer/revocation-file.js';
import { signRevocations } from '../../issuer/sign-revocation.js';
import { durationArg, filePathArg, isoTimeArg, multiaddrArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { deliverRevocations } from './deliver-revocations.js';

const revocationRegionList = z
  .string()
  .transform((s) => s.split(',').map((r) => r.trim()))
  .refine((list) => list.length > 0 && list.every((r) => /^(?:\d{2}|\d{4}|\d{6}|\d{10})$/.test(r)), 'expected provinsi, kabupaten, kecamatan or desa codes (2, 4, 6 or 10 digits), comma-separated');

/** `titip-issuer revoke`: sign the revocation of a credential (a stolen phone, a leaked key, a rotation). */
export const revokeCommand = defineCommand({
  name: 'revoke',
  summary: 'revoke a credential from a time on (stolen phone, leaked key, key rotation)',
  usage: [
    'revoke --signer KEY_FILE [--signer-credential ISSUER_CRED] --network FILE --credential CRED_FILE --reason TEXT',
    '       [--from ISO] [--region CODE[,CODE…]] --out FILE [--force] [--peer MULTIADDR]… [--data-dir DIR] [--timeout 60s]',
  ],
  description: [
    'Signs a revocation of the credential in --credential (its leaf): what its key signs and is first witnessed at or',
    'after --from (default: now) is kept but not counted; what was witnessed before stays counted. An issuer revokes',
    'the operator and relay credentials it issued (--signer its key, --signer-credential its credential file); the',
    'root key revokes any credential, issuer credentials included (no --signer-credential). An issuer revocation',
    'reaches back at most 24 h before peers first see it; the root\'s reaches back to --from.',
    'A revocation is filed in region documents so that it reaches every peer holding the key\'s results: by default',
    'the desa of each TPS of an operator, or the regions of a relay or issuer credential; --region names them instead.',
    'Writes the revocations to --out (a CBOR array) and prints their ids; with --peer also hands them to those peers',
    '(a relay or the KPU server) and waits until one confirms holding them (exit 1 if none does in --timeout).',
    "Key rotation: revoke the old key from the switch time, issue a new operator credential for the same TPS, and",
    "sign the next revision with the new key ('titip-operator sign --revision N+1 --supersedes ID').",
  ],
  options: {
    signer: { type: 'string', required: true, placeholder: 'FILE', description: 'key file of the signer (the issuer that issued the credential, or the root)' },
    'signer-credential': { type: 'string', placeholder: 'FILE', description: "the issuer's own credential file (not with the root key)" },
    network: { type: 'string', required: true, placeholder: 'FILE', description: 'the network file (its root key)' },
    credential: { type: 'string', required: true, placeholder: 'FILE', description: 'the credential file of the holder whose credential is revoked' },
    reason: { type: 'string', required: true, placeholder: 'TEXT', description: 'why (shown in the TPS view), e.g. "HP KPPS hilang"' },
    from: { type: 'string', placeholder: 'ISO', description: 'revoked from this time (with a zone); default now' },
    region: { type: 'string', placeholder: 'CODE[,CODE…]', description: 'region documents to file the revocation in (default: from the credential)' },
    out: { type: 'string', required: true, placeholder: 'FILE', description: 'the revocation file to write' },
    force: { type: 'boolean', description: 'replace an existing file' },
    peer: { type: 'string', multiple: true, placeholder: 'MULTIADDR', description: 'a peer to hand the revocations to, /ip4/…/tcp/…/p2p/<id>' },
    'data-dir': { type: 'string', placeholder: 'DIR', description: 'data dir of the local peer that hands them over (default: a temporary one)' },
    timeout: { type: 'string', placeholder: 'DURATION', description: 'how long to wait for a peer to confirm (default 60s)' },
  },
  schema: z.object({
    signer: filePathArg,
    'signer-credential': filePathArg.optional(),
    network: filePathArg,
    credential: filePathArg,
    reason: z.string().trim().min(1, 'a reason is needed').max(200, 'at most 200 characters'),
    from: isoTimeArg.optional(),
    region: revocationRegionList.optional(),
    out: filePathArg,
    force: z.boolean().optional(),
    peer: z.array(multiaddrArg).optional(),
    'data-dir': filePathArg.optional(),
    timeout: durationArg.optional(),
  }),
  examples: [
    'revoke --signer kpu-1906.key.json --signer-credential kpu-1906.cred.json --network network.json --credential tps-001.cred.json --reason "HP KPPS TPS 001 hilang" --from 2024-11-27T14:00:00+07:00 --out tps-001.revocation.cbor --peer /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW…',
    'revoke --signer root.key.json --network network.json --credential kpu-1906.cred.json --reason "kunci KPU 1906 bocor" --out kpu-1906.revocation.cbor',
  ],
  async run(values, io) {
    const network = await readNetworkFile(values.network);
    const signer = await readKeyFile(values.signer, nodeEd25519);
    const revoked = await readCredentialFile(values.credential);
    const signerChain = values['signer-credential'] !== undefined ? await readCredentialFile(values['signer-credential']) : undefined;
    const records = await signRevocations({
      signer,
      ...(signerChain ? { signerChain } : {}),
      revoked,
      root: network.root,
      from: values.from ?? Date.now(),
      reason: values.reason,
      ...(values.region ? { regions: values.region } : {}),
    });
    await writeRevocationFile(values.out, records, { overwrite: values.force ?? false });
    const leaf = decodeCredential(revoked.chain[0]);
    const summary = {
      file: values.out,
      revocations: records.map((r) => ({ id: r.id, region: r.body.region })),
      revoked: leaf.ok ? { credential: leaf.obj.hash, role: leaf.obj.body.role, subject: keyId(leaf.obj.body.subject), regions: leaf.obj.body.regions } : undefined,
      from: new Date(records[0]!.body.from).toISOString(),
      signer: keyId(signer.publicKey),
    };
    if (values.peer === undefined || values.peer.length === 0) {
      printJson(io, summary);
      return EXIT.ok;
    }
    const delivered = await deliverRevocations(
      records,
      { network, peers: values.peer, ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), timeoutMs: values.timeout ?? 60_000 },
      io,
    );
    printJson(io, { ...summary, confirmedBy: delivered.confirmedBy, pending: delivered.pending });
    return EXIT.ok;
  },
});
