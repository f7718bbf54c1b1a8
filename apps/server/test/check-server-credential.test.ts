import { beforeAll, describe, expect, it } from 'vitest';
import { checkServerCredential } from '../src/check-server-credential.js';
import { ServerError } from '../src/errors.js';
import { startServer } from '../src/start-server.js';
import { credentialChainOf, provider, scenario, TPS_A, type Scenario } from './fixtures/scenario.js';

let s: Scenario;
let other: Scenario;
beforeAll(async () => {
  s = await scenario('check-credential');
  other = await scenario('another-network');
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServerError);
    return `${(error as ServerError).code}: ${(error as ServerError).message}`;
  }
  return 'resolved';
}

describe('checkServerCredential', () => {
  it('accepts a root-signed server credential for the key, valid now', async () => {
    await expect(checkServerCredential(s.server.credential, s.server.keyPair, s.trust.network.root, provider, Date.now())).resolves.toBeUndefined();
  });

  it('refuses another key', async () => {
    const op = await s.operator(TPS_A);
    expect(await codeOf(checkServerCredential(s.server.credential, op.keyPair, s.trust.network.root, provider, Date.now()))).toMatch(/^SERVER_KEY_MISMATCH/);
  });

  it('refuses a credential of another role or another root', async () => {
    const op = await s.operator(TPS_A);
    expect(await codeOf(checkServerCredential(credentialChainOf(op.chain), op.keyPair, s.trust.network.root, provider, Date.now()))).toMatch(
      /^SERVER_CREDENTIAL_INVALID: .*wrong-role/,
    );
    expect(await codeOf(checkServerCredential(other.server.credential, other.server.keyPair, s.trust.network.root, provider, Date.now()))).toMatch(
      /^SERVER_CREDENTIAL_INVALID: .*unknown-root/,
    );
  });

  it('refuses a credential not valid now', async () => {
    const inTwoYears = Date.now() + 2 * 365 * 24 * 3600 * 1000;
    expect(await codeOf(checkServerCredential(s.server.credential, s.server.keyPair, s.trust.network.root, provider, inTwoYears))).toMatch(
      /^SERVER_CREDENTIAL_INVALID: .*not now/,
    );
  });
});

describe('startServer options', () => {
  const base = () => ({ dataDir: '/nonexistent/never-created', network: s.trust.network, keyPair: s.server.keyPair, credential: s.server.credential });
  it.each([
    [{ dataDir: '' }, /dataDir/],
    [{ scopes: [] }, /at least one scope/],
    [{ scopes: ['1906010'] }, /scope "1906010"/],
    [{ verifierThreads: -1 }, /verifierThreads/],
    [{ verifierThreads: 1.5 }, /verifierThreads/],
    [{ http: { port: 70_000 } }, /http.port/],
  ])('refuses %j before touching the disk', async (patch, message) => {
    const result = await codeOf(startServer({ ...base(), ...patch }));
    expect(result).toMatch(/^SERVER_INVALID_OPTION/);
    expect(result).toMatch(message);
  });

  it('refuses a key that is not the credential subject before touching the disk', async () => {
    const op = await s.operator(TPS_A);
    expect(await codeOf(startServer({ ...base(), keyPair: op.keyPair }))).toMatch(/^SERVER_KEY_MISMATCH/);
  });
});
