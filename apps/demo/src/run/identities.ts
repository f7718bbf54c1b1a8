import { join } from 'node:path';
import {
  createKeyPair,
  createRoot,
  issueIssuerCredential,
  issueOperatorCredential,
  issueRelayCredential,
  issueServerCredential,
  writeCredentialFile,
  writeKeyFile,
  writeNetworkFile,
} from '@titip/cli';
import { parseNetworkFile, serialiseNetworkFile, type CredentialChain, type Network } from '@titip/config';
import { decodeCredential, type KeyPair } from '@titip/identity';
import type { BelitungTimur, PilkadaTps } from '../dataset/index.js';

/** A key pair with its credential chain. */
export interface Holder {
  readonly keyPair: KeyPair;
  readonly credential: CredentialChain;
}

/** Every identity of the demo, and where the files of the child processes are. */
export interface DemoIdentities {
  readonly network: Network;
  readonly networkFile: string;
  readonly server: Holder & { keyFile: string; credentialFile: string };
  readonly ppk: Map<string, Holder & { keyFile: string; credentialFile: string }>;
  readonly pps: Map<string, Holder>;
  readonly operators: Map<string, Holder>;
}

const DAY = 24 * 3600 * 1000;

function holder(keyPair: KeyPair, chain: Uint8Array[]): Holder {
  const leaf = decodeCredential(chain[0]);
  if (!leaf.ok) throw new Error(`demo issued an undecodable credential: ${leaf.failure.message}`);
  return { keyPair, credential: { chain, leaf: leaf.obj.body } };
}

/**
 * Creates the KPU root, the KPU Kabupaten Belitung Timur issuer, the server, one relay credential per PPK
 * (kecamatan) and PPS (desa), and one operator per TPS with a credential for both elections, with the issuer
 * library of `@titip/cli`. Files the child processes read are written into `dir`.
 */
export async function createIdentities(dir: string, data: BelitungTimur, tpsList: readonly PilkadaTps[], now: number): Promise<DemoIdentities> {
  const window = { validFrom: now - DAY, validUntil: now + 30 * DAY };
  const elections = [data.elections.pkwkp, data.elections.pkwkk];
  const electionIds = elections.map((e) => e.id);
  const root = await createRoot();
  const networkFile = join(dir, 'network.json');
  const file = await writeNetworkFile(networkFile, { name: 'Pilkada 2024 Belitung Timur (demo)', root: root.publicKey, elections });
  const network = parseNetworkFile(serialiseNetworkFile(file));
  const checks = { network };
  const issuerKey = await createKeyPair();
  const issuerChain = await issueIssuerCredential(root, issuerKey.publicKey, {
    regions: [data.kabupaten.kode],
    elections: electionIds,
    ...window,
    label: 'KPU Kabupaten Belitung Timur',
    ...checks,
  });
  const serverKey = await createKeyPair();
  const serverChain = await issueServerCredential(root, serverKey.publicKey, { regions: [''], elections: electionIds, ...window, label: 'KPU RI (demo server)', ...checks });
  const serverFiles = { keyFile: join(dir, 'server.key.json'), credentialFile: join(dir, 'server.cred.json') };
  await writeKeyFile(serverFiles.keyFile, serverKey, { label: 'KPU server' });
  await writeCredentialFile(serverFiles.credentialFile, serverChain);

  const ppk = new Map<string, Holder & { keyFile: string; credentialFile: string }>();
  const pps = new Map<string, Holder>();
  for (const kecamatan of data.kecamatan) {
    const key = await createKeyPair();
    const chain = await issueRelayCredential(issuerKey, issuerChain, key.publicKey, { regions: [kecamatan.kode], elections: electionIds, ...window, label: `PPK ${kecamatan.nama}`, ...checks });
    const files = { keyFile: join(dir, `ppk-${kecamatan.kode}.key.json`), credentialFile: join(dir, `ppk-${kecamatan.kode}.cred.json`) };
    await writeKeyFile(files.keyFile, key, { label: `PPK ${kecamatan.nama}` });
    await writeCredentialFile(files.credentialFile, chain);
    ppk.set(kecamatan.kode, { ...holder(key, chain), ...files });
    for (const desa of kecamatan.desa) {
      const desaKey = await createKeyPair();
      const desaChain = await issueRelayCredential(issuerKey, issuerChain, desaKey.publicKey, { regions: [desa.kode], elections: electionIds, ...window, label: `PPS ${desa.nama}`, ...checks });
      pps.set(desa.kode, holder(desaKey, desaChain));
    }
  }
  const operators = new Map<string, Holder>();
  for (const { tps } of tpsList) {
    const key = await createKeyPair();
    const chain = await issueOperatorCredential(issuerKey, issuerChain, key.publicKey, { tps: [tps], elections: electionIds, ...window, label: `KPPS TPS ${tps}`, ...checks });
    operators.set(tps, holder(key, chain));
  }
  return { network, networkFile, server: { ...holder(serverKey, serverChain), ...serverFiles }, ppk, pps, operators };
}
