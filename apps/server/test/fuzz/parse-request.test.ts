import { isRegionCode } from '@titip/election';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { MAX_URL_LENGTH, parseRequest, type ApiRoute } from '../../src/http/parse-request.js';
import { fuzzParams, fuzzTimeout, mutatedText, typedOutcome } from '@titip/testkit/fuzz';

const ID = 'ab'.repeat(32);
const PHOTO = '0f'.repeat(32);
const targets = [
  '/api/v1/status',
  '/api/v1/elections',
  '/api/v1/totals/pkwkk/1906',
  '/api/v1/totals/pkwkk/all',
  '/api/v1/totals/pkwkp/1906012001',
  '/api/v1/totals/ppwp/',
  '/api/v1/totals/pkwkk/%31%39',
  '/api/v1/tps/1906012001001',
  `/api/v1/objects/${ID}`,
  `/api/v1/photos/${PHOTO}`,
  `/api/v1/photos/${'%61'.repeat(64)}`,
  '/api/v1/status?',
];
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'get', '', 'GET ', 'CONNECT'];
const STATUSES = new Set([400, 404, 405, 414]);

/** Only ApiError (with a 4xx status) or a route whose every parameter has its documented shape. */
function check(method: string | undefined, target: string | undefined): void {
  const outcome = typedOutcome(() => parseRequest(method, target), [ApiError]);
  if (!outcome.ok) {
    const error = outcome.error as ApiError;
    expect(STATUSES.has(error.status)).toBe(true);
    expect(error.message.length).toBeLessThan(400);
    if (error.status === 405) expect(error.headers['allow']).toBe('GET, HEAD');
    return;
  }
  expect(['GET', 'HEAD']).toContain(method);
  expect((target ?? '').length).toBeLessThanOrEqual(MAX_URL_LENGTH);
  const route: ApiRoute = outcome.value;
  switch (route.name) {
    case 'totals':
      expect(route.election).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
      expect(route.region === '' || isRegionCode(route.region)).toBe(true);
      break;
    case 'tps':
      expect(route.code).toMatch(/^\d{13}$/);
      break;
    case 'object':
      expect(route.id).toMatch(/^[0-9a-f]{64}$/);
      break;
    case 'photo':
      expect(route.sha256).toMatch(/^[0-9a-f]{64}$/);
      break;
    default:
      expect(['status', 'elections']).toContain(route.name);
  }
}

const method = fc.oneof(fc.constantFrom(...methods), fc.string({ maxLength: 12 }), fc.constant(undefined));

describe('fuzz: parseRequest (the HTTP API request line)', () => {
  it('accepts its seeds', () => {
    for (const t of targets) check('GET', t);
  });
  it('mutated request targets (percent escapes, odd characters, splices)', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(fc.constantFrom('GET', 'HEAD'), mutatedText(targets), check), fuzzParams(3000, 0.6, 71));
  });
  it('any method with valid and mutated targets', { timeout: fuzzTimeout }, () => {
    fc.assert(fc.property(method, fc.oneof(fc.constantFrom(...targets), mutatedText(targets)), check), fuzzParams(1000, 0.15, 72));
  });
  it('random targets, long targets and percent-encoded bytes', { timeout: fuzzTimeout }, () => {
    const encoded = fc
      .tuple(fc.constantFrom('tps', 'photos', 'objects'), fc.uint8Array({ maxLength: 70 }))
      .map(([route, b]) => `/api/v1/${route}/${[...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('')}`);
    const long = fc.nat(3000).map((n) => `/api/v1/status${'/'.repeat(n % 7)}${'a'.repeat(n)}`);
    const arb = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }).map((s) => `/${s}`), encoded, long, fc.constant(undefined));
    fc.assert(fc.property(method, arb, check), fuzzParams(1000, 0.25, 73));
  });
});
