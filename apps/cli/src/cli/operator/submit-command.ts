import { readNetworkFile } from '@titip/config/node';
import { keyId } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { verifyRecord } from '@titip/records';
import { z } from 'zod';
import { ReceiptTimeoutError, SubmissionRefusedError } from '../../errors.js';
import { readSubmissionFile } from '../../files/read-input-files.js';
import { awaitSyncQuiet } from '../../operator/await-sync-quiet.js';
import { operatorStatus } from '../../operator/operator-status.js';
import { matchPhotoFiles, readPhotoFiles } from '../../operator/read-photo-file.js';
import { reuseHeldSubmission } from '../../operator/reuse-held-submission.js';
import { sendOperatorPhotos } from '../../operator/send-operator-photos.js';
import { recordServedTps } from '../../operator/served-tps-file.js';
import { signSubmissionFromFile } from '../../operator/sign-submission-from-file.js';
import { submitAndAwaitReceipt } from '../../operator/submit-and-await-receipt.js';
import { durationArg, filePathArg, multiaddrArg } from '../arg-schemas.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printJson } from '../output.js';
import { printable } from '../printable.js';
import { REQUIRED_FOR_SIGNING, refineSignValues, signOptionSpecs, signParamsOf, signValuesShape } from './sign-options.js';

/** `titip-operator submit`: queue a submission and wait for its receipt. */
export const submitCommand = defineCommand({
  name: 'submit',
  summary: 'queue a submission in the data dir, send it to a peer and wait for the receipt',
  usage: [
    'submit --network FILE --data-dir DIR --peer MULTIADDR [--peer …] [--timeout 120s] (same options as sign, without --out)',
    'submit --network FILE --data-dir DIR --peer MULTIADDR --submission FILE [--photo-file PAGE=PATH]… [--timeout 120s]',
    '     (without --key, --credential or other sign options)',
  ],
  description: [
    'Signs the form (or takes a submission file from sign), stores it in the data dir (a LevelDB queue that survives',
    'restarts), starts a Titip peer scoped to the TPS, keeps the given peers (a relay, a carrier, the KPU server)',
    'connected and waits for the receipt signed by a KPU server. Prints the receipt id and the time the server',
    'received the submission as JSON and exits 0. Without a receipt in time it exits 3 and the submission stays',
    'queued: run the same command again later (the same signed submission is reused, never signed twice).',
    'When the data dir already holds a submission with the same numbers (same TPS, election, revision and key), that',
    'one is sent instead of the new one (or the --submission file), and stderr and the JSON ("reused": true,',
    '"notSent": <id>) say so. --submission FILE is given without --key, --credential and the other sign options.',
    'Photos: --photo-file PAGE=PATH signs the photo of a page and keeps it in the data dir (with --submission: the photos',
    'that submission signed, checked against it). After the receipt, submit serves the photos (and any kept there by',
    "'sign --data-dir') and waits, up to --timeout again, until a --peer holds every one; the JSON lists them under",
    '"photos". If some are still not there it says which and exits 3: run the same command again to send the rest.',
  ],
  options: {
    ...signOptionSpecs,
    submission: { type: 'string', placeholder: 'FILE', description: 'a submission file written by sign (instead of the sign options)' },
    'data-dir': { type: 'string', required: true, placeholder: 'DIR', description: "the operator's queue (created if missing)" },
    peer: { type: 'string', required: true, multiple: true, placeholder: 'MULTIADDR', description: 'a peer to send through, /ip4/…/tcp/…/p2p/<id>' },
    timeout: { type: 'string', placeholder: 'DURATION', description: 'how long to wait for the receipt (e.g. 120s, 5m; default 120s)' },
  },
  schema: z
    .object({
      ...signValuesShape,
      submission: filePathArg.optional(),
      'data-dir': filePathArg,
      peer: z.array(multiaddrArg).min(1, 'at least one --peer'),
      timeout: durationArg.optional(),
    })
    .superRefine((values, ctx) => {
      if (values.submission !== undefined) {
        const extra = [...REQUIRED_FOR_SIGNING, 'revision', 'supersedes', 'override', 'photo', 'device-time'].filter(
          (name) => values[name as keyof typeof values] !== undefined,
        );
        if (extra.length > 0) ctx.addIssue({ code: 'custom', path: ['submission'], message: `a submission file is already signed: drop ${extra.map((n) => `--${n}`).join(', ')}` });
      } else refineSignValues(values, ctx, true);
    }),
  examples: [
    'submit --key op.key.json --credential op.cred.json --network network.json --form examples/c-hasil-pkwkk.json --tps 1906012001001 --election pkwkk --data-dir ./titip-data --peer /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW… --timeout 120s',
    'submit --network network.json --submission tps-001-pkwkk.cbor --data-dir ./titip-data --peer /ip4/10.0.0.5/tcp/4001/p2p/12D3KooW…',
  ],
  async run(values, io) {
    const timeoutMs = values.timeout ?? 120_000;
    let record;
    let network;
    let photoFiles;
    if (values.submission !== undefined) {
      network = await readNetworkFile(values.network);
      record = await readSubmissionFile(values.submission);
      const verified = await verifyRecord(record, { root: network.root, provider: nodeEd25519, elections: network.election });
      if (!verified.ok) throw new SubmissionRefusedError(verified.failure.code, `${values.submission} does not verify against ${values.network}: ${verified.failure.message}`);
      photoFiles = (await readPhotoFiles(values['photo-file'] ?? [])).files;
      matchPhotoFiles(photoFiles, record.body.photos);
    } else {
      const photos = await readPhotoFiles(values['photo-file'] ?? [], values.photo ?? []);
      photoFiles = photos.files;
      let fileWarnings: string[];
      ({ record, network, fileWarnings } = await signSubmissionFromFile({ ...signParamsOf(values), photos: photos.refs }));
      for (const warning of fileWarnings) io.stderr(`titip-operator submit: ${printable(warning)}\n`);
    }
    const dataDir = values['data-dir'];
    const { startOperatorPeer } = await import('../../operator/open-operator-peer.js'); // libp2p loads only when needed
    const peer = await startOperatorPeer({ dataDir, network, scopes: [record.body.tps], dial: values.peer });
    const { startPhotos } = await import('@titip/photos');
    // The operator's own photos only: it fetches nobody else's (its neighbours' photos are not its to carry).
    const photos = await startPhotos({ peer: peer.peer, store: peer.store, fetch: () => false }).catch(async (error: unknown) => {
      await peer.stop();
      throw error;
    });
    try {
      for (const file of photoFiles) await photos.blobs.put(file.bytes, { type: file.ref.type, own: true });
      await recordServedTps(dataDir, record.body.tps); // so that status tells this TPS from the neighbours' carried
      const toSend = reuseHeldSubmission(peer.replica, record);
      const reused = toSend.id !== record.id;
      if (reused) {
        const given = values.submission !== undefined ? `the submission in ${values.submission} (${record.id})` : `the one just signed (${record.id})`;
        io.stderr(
          `${printable(`Already queued earlier as ${toSend.id} (same numbers, signed ${new Date(toSend.body.deviceTime).toISOString()}): sending that one, NOT ${given}. ` +
            `The two differ only in their signing time; sending both would be two revision-${record.body.revision} submissions (an equivocation).`)}\n`,
        );
      }
      io.stderr(`Submission ${toSend.id} queued in ${dataDir}; waiting up to ${Math.round(timeoutMs / 1000)} s for the receipt…\n`);
      let receipt;
      try {
        receipt = await submitAndAwaitReceipt(peer, toSend, { timeoutMs, root: network.root, ...(io.signal ? { signal: io.signal } : {}) });
      } catch (error) {
        if (error instanceof ReceiptTimeoutError) {
          const refusals = peer.peer.engine.refusals();
          for (const refusal of refusals) {
            io.stderr(`Peer ${printable(refusal.peer)} refused what this device sent: ${printable(refusal.code)}: ${printable(refusal.detail)}\n`);
          }
          io.stderr(
            refusals.length > 0
              ? `The submission stays queued in ${dataDir}, but a peer refused it: check the network file and the credential with the issuer before trying again ('status' shows the queue).\n`
              : `The submission stays queued in ${dataDir}: run the same command again when a peer is reachable ('status' shows the queue).\n`,
          );
        }
        throw error;
      }
      const sent = await sendOperatorPhotos(peer.peer.libp2p, photos.blobs, toSend.body.photos, values.peer, {
        timeoutMs,
        ...(io.signal ? { signal: io.signal } : {}),
        onWait: (count) => io.stderr(`Receipt received; waiting up to ${Math.round(timeoutMs / 1000)} s until the next hop holds the ${count} photo(s)…\n`),
      });
      if (sent.notOnDevice.length > 0) {
        io.stderr(`Not in ${dataDir}, so not sent from here: the photo(s) of page ${sent.notOnDevice.map((p) => p.page).join(', ')} (give them with --photo-file PAGE=PATH).\n`);
      }
      if (sent.pending.length > 0) {
        io.stderr(
          `Still pending: the photo(s) of page ${sent.pending.map((p) => p.page).join(', ')} are not at the next hop yet (${sent.pending.map((p) => `page ${p.page}: ${p.bytesAtPeer} of ${p.size} bytes there`).join('; ')}). ` +
            `The numbers are safe (receipt ${receipt.id}); run the same command again when a peer is reachable to send the rest.\n`,
        );
      }
      await awaitSyncQuiet(peer.peer.engine); // what the peer sent with the receipt (a rival submission) is held
      const contested = (await operatorStatus(peer.replica, [toSend.body.tps], { root: network.root })).equivocations.filter(
        (e) => e.election === toSend.body.election && e.contested,
      );
      for (const e of contested) io.stderr(`PERINGATAN: ${printable(e.message.id)}\nWARNING: ${printable(e.message.en)}\n`);
      printJson(io, {
        submission: toSend.id,
        receipt: receipt.id,
        receivedAt: new Date(receipt.body.receivedAt).toISOString(),
        server: keyId(receipt.signer),
        tps: receipt.body.tps,
        election: receipt.body.election,
        revision: receipt.body.revision,
        reused,
        ...(reused ? { notSent: record.id, ...(values.submission !== undefined ? { file: values.submission } : {}) } : {}),
        photos: {
          atNextHop: sent.atNextHop,
          pending: sent.pending,
          notOnDevice: sent.notOnDevice,
          ...(sent.peer !== undefined ? { peer: sent.peer } : {}),
        },
        ...(contested.length > 0 ? { equivocations: contested.map(({ revision, ids, message }) => ({ revision, ids, message })) } : {}),
      });
      if (sent.pending.length > 0) return EXIT.timeout;
      return contested.length > 0 ? EXIT.contested : EXIT.ok;
    } finally {
      await photos.stop();
      await peer.stop();
    }
  },
});
