// The library unchanged in a real browser: a Vite bundle of the published entries (@titip/sync + /browser,
// @titip/store/browser, @titip/identity, @titip/records, @titip/election) runs in Debian Chromium as a TPS operator,
// reaches a Node relay over ws:// on loopback, gets its submission to the KPU server app behind the relay and the
// server's signed receipt back, and finds both in IndexedDB after a reload.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { bytesEqual, fromHex, toHex } from '@titip/identity';
import { nodeEd25519 } from '@titip/identity/node';
import { decodeRecord } from '@titip/records';
import { parseCredentialFile, serialiseCredentialFile } from '@titip/config';
import { makeTrust, tempDir, testElection, validKwkForm } from '@titip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script of the repo, without type declarations
import { ensureChromium } from '../../../../scripts/ensure-chromium.mjs';
import { startNodePeer, type RunningNodePeer } from '../../src/node/start-node-peer.js';
import { buildPage, type BuiltPage } from './fixtures/build-page.js';
import { launchChromium } from './fixtures/launch-chromium.js';
import type { OperatorParams, PageApi, ReopenResult, SubmitResult } from './fixtures/page/protocol.js';
import { startServer, type RunningServer } from './fixtures/kpu-server.js';
import { serveDirectory, type StaticServer } from './fixtures/static-server.js';

const TPS = '1906012001001';
const DESA = '1906012001';
const KECAMATAN = '190601';

/** Everything started, stopped in reverse order whatever happens. */
const closers: (() => Promise<unknown>)[] = [];
const pageErrors: string[] = [];
let chromiumPath: string;
let built: BuiltPage;

function started<T>(value: T, close: (value: T) => Promise<unknown>): T {
  closers.push(() => close(value));
  return value;
}

beforeAll(async () => {
  chromiumPath = ensureChromium() as string;
  const dir = started(await tempDir('titip-browser-'), (d) => d.remove());
  built = await buildPage(join(dir.path, 'page'));
});

afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});

function watch(page: Page): void {
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
  });
}

/** Waits until the page module has run and put its API on `window.titip`. */
async function pageReady(page: Page): Promise<void> {
  await page.waitForFunction(() => 'titip' in window, undefined, { timeout: 15_000 });
}

describe('@titip/sync in Chromium', () => {
  it('bundles with Vite, syncs a submission through a Node relay to the server, gets the receipt and keeps both across a reload', async () => {
    // No Node built-in (or anything else) had to be stubbed out for the browser; Automerge's wasm is a separate asset.
    expect(built.warnings).toEqual([]);
    expect(built.files.some((f) => f.path.endsWith('.wasm'))).toBe(true);
    expect(built.totalBytes).toBeLessThan(6 * 1024 * 1024); // 4.5 MB today, 3.6 MB of it Automerge's wasm

    const trust = await makeTrust(nodeEd25519);
    const serverIdentity = await trust.server();
    const dirs = started(await tempDir('titip-browser-peers-'), (d) => d.remove());
    const server: RunningServer = started(
      await startServer({
        dataDir: join(dirs.path, 'kpu'),
        network: trust.network,
        keyPair: serverIdentity.keyPair,
        credential: parseCredentialFile(serialiseCredentialFile(serverIdentity.chain)),
        listen: ['/ip4/127.0.0.1/tcp/0'],
        http: { host: '127.0.0.1', port: 0 },
        verifierThreads: 1,
      }),
      (s) => s.stop(),
    );
    const relay: RunningNodePeer = started(
      await startNodePeer({
        dataDir: join(dirs.path, 'relay'),
        scopes: [KECAMATAN],
        role: 'ppk',
        root: trust.network.root,
        elections: trust.network.elections,
        listen: ['/ip4/127.0.0.1/tcp/0/ws'],
        libp2p: { relayServer: {} },
        dial: [server.addresses[0]!],
      }),
      (r) => r.stop(),
    );
    const relayAddress = relay.peer.addresses.find((a) => a.includes('/ws/'))!;
    expect(relayAddress).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/ws\/p2p\//);

    const http: StaticServer = started(await serveDirectory(built.dir), (h) => h.close());
    const profile = started(await tempDir('titip-chromium-profile-'), (d) => d.remove());
    const context: BrowserContext = started(await launchChromium(chromiumPath, profile.path), (c) => c.close());
    const page = context.pages()[0] ?? (await context.newPage());
    watch(page);
    await page.goto(http.url);
    await pageReady(page);

    const operator = await trust.operator(TPS);
    const params: OperatorParams = {
      storeName: 'titip-operator',
      root: toHex(trust.network.root),
      secretKey: toHex(operator.keyPair.secretKey),
      chain: operator.chain.map((c) => toHex(c)),
      tps: TPS,
      election: testElection,
      form: validKwkForm({ '1000526': 131, '1000527': 207 }),
      relay: relayAddress,
      receiptTimeoutMs: 30_000,
    };
    const submitted: SubmitResult = await page.evaluate((p) => (window as unknown as { titip: PageApi }).titip.submit(p), params);
    expect(pageErrors).toEqual([]);

    // The server holds the browser's submission, byte for byte (in its store and on its HTTP API), and so does the
    // relay it passed through.
    const submissionBytes = fromHex(submitted.submission);
    expect(bytesEqual(server.node.replica.object(submitted.submissionId) ?? new Uint8Array(), submissionBytes)).toBe(true);
    const published = await fetch(`${server.httpUrl}/api/v1/objects/${submitted.submissionId}`);
    expect(published.status).toBe(200);
    expect(bytesEqual(new Uint8Array(await published.arrayBuffer()), submissionBytes)).toBe(true);
    expect(bytesEqual(relay.replica.object(submitted.submissionId) ?? new Uint8Array(), submissionBytes)).toBe(true);
    expect(server.node.replica.locationOf(submitted.submissionId)).toBe(DESA);
    const atServer = decodeRecord(submissionBytes);
    expect(atServer.kind).toBe('submission');
    expect(atServer.signer).toEqual(operator.keyPair.publicKey);

    // The browser holds the server's receipt for it and verified it itself (noble Ed25519, chain to the root).
    expect(server.receipts()).toMatchObject({ issued: 1 });
    expect(server.index.hasReceiptBy(submitted.submissionId, toHex(serverIdentity.keyPair.publicKey))).toBe(true);
    expect(submitted.receiptFor).toBe(submitted.submissionId);
    expect(submitted.receiptVerified).toBe(true);
    expect(submitted.receiptSigner).toBe(toHex(serverIdentity.keyPair.publicKey));
    expect(bytesEqual(server.node.replica.object(submitted.receiptId)!, fromHex(submitted.receipt))).toBe(true);
    // The relay laptop's circuit relay gave the page a WebRTC-reachable address.
    expect(submitted.webrtcAddress).toContain(`/p2p-circuit/webrtc/p2p/${submitted.peerId}`);

    // A reload (nothing closed beforehand) finds both objects in IndexedDB.
    await page.reload();
    await pageReady(page);
    const reopened: ReopenResult = await page.evaluate(
      (p) => (window as unknown as { titip: PageApi }).titip.reopen(p),
      { storeName: params.storeName, root: params.root, tps: TPS, submissionId: submitted.submissionId },
    );
    expect(pageErrors).toEqual([]);
    expect(reopened.docIds).toEqual([DESA]);
    expect(reopened.objects).toEqual({ [submitted.submissionId]: submitted.submission, [submitted.receiptId]: submitted.receipt });
    expect(reopened.counts).toEqual({ held: 1, forwarded: 1, acknowledged: 1 });
    expect(reopened.receiptVerified).toBe(true);
  });
});
