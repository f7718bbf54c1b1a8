import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { MAX_URL_LENGTH, parseRequest } from '../../src/http/parse-request.js';

const ID = 'ab'.repeat(32);

describe('parseRequest', () => {
  it.each([
    ['/api/v1/status', { name: 'status' }],
    ['/api/v1/elections', { name: 'elections' }],
    ['/api/v1/totals/pkwkk/1906', { name: 'totals', election: 'pkwkk', region: '1906' }],
    ['/api/v1/totals/pkwkk/all', { name: 'totals', election: 'pkwkk', region: '' }],
    ['/api/v1/totals/pkwkk/', { name: 'totals', election: 'pkwkk', region: '' }],
    ['/api/v1/totals/pkwkk', { name: 'totals', election: 'pkwkk', region: '' }],
    ['/api/v1/totals/pkwkp/1906012001', { name: 'totals', election: 'pkwkp', region: '1906012001' }],
    ['/api/v1/totals/pkwkk/%31%39', { name: 'totals', election: 'pkwkk', region: '19' }],
    ['/api/v1/tps/1906012001001', { name: 'tps', code: '1906012001001' }],
    [`/api/v1/objects/${ID}`, { name: 'object', id: ID }],
    [`/api/v1/photos/${ID}`, { name: 'photo', sha256: ID }],
    ['/api/v1/status?', { name: 'status' }],
  ])('GET %s', (target, route) => {
    expect(parseRequest('GET', target)).toEqual(route);
    expect(parseRequest('HEAD', target)).toEqual(route);
  });

  it.each([
    ['/', 404, 'NOT_FOUND'],
    ['/api/v2/status', 404, 'NOT_FOUND'],
    ['/api/v1/', 404, 'NOT_FOUND'],
    ['/api/v1/status/', 404, 'NOT_FOUND'],
    ['/api/v1//status', 404, 'NOT_FOUND'],
    ['/api/v1/tps', 404, 'NOT_FOUND'],
    ['/api/v1/tps/1906012001001/extra', 404, 'NOT_FOUND'],
    ['/api/v1/totals/pkwkk/1906/extra', 404, 'NOT_FOUND'],
    ['/api/v1/../v1/status', 404, 'NOT_FOUND'],
    ['api/v1/status', 400, 'BAD_PATH'],
    ['*', 400, 'BAD_PATH'],
    ['/api/v1/tps/%E0%A4%A', 400, 'BAD_PATH'],
    ['/api/v1/status#x', 400, 'BAD_PATH'],
    ['/api/v1/status?x=1', 400, 'UNEXPECTED_QUERY'],
    ['/api/v1/totals/pkwkk/19?region=1906', 400, 'UNEXPECTED_QUERY'],
    ['/api/v1/totals/PKWKK/19', 400, 'BAD_ELECTION_ID'],
    ['/api/v1/totals/pk%20wk/19', 400, 'BAD_ELECTION_ID'],
    ['/api/v1/totals/pkwkk/1906010', 400, 'BAD_REGION_CODE'],
    ['/api/v1/totals/pkwkk/190A', 400, 'BAD_REGION_CODE'],
    ['/api/v1/totals/pkwkk/0006', 400, 'BAD_REGION_CODE'],
    ['/api/v1/totals/pkwkk/nation', 400, 'BAD_REGION_CODE'],
    ['/api/v1/tps/1906012001', 400, 'BAD_TPS_CODE'],
    ['/api/v1/tps/1906012001000', 400, 'BAD_TPS_CODE'],
    ['/api/v1/tps/19060120010011', 400, 'BAD_TPS_CODE'],
    ['/api/v1/tps/%00', 400, 'BAD_TPS_CODE'],
    [`/api/v1/objects/${ID.toUpperCase()}`, 400, 'BAD_OBJECT_ID'],
    [`/api/v1/objects/${ID}0`, 400, 'BAD_OBJECT_ID'],
    [`/api/v1/photos/${ID.toUpperCase()}`, 400, 'BAD_PHOTO_HASH'],
    [`/api/v1/photos/${ID.slice(1)}`, 400, 'BAD_PHOTO_HASH'],
    [`/api/v1/photos/${ID}.jpg`, 400, 'BAD_PHOTO_HASH'],
    ['/api/v1/photos/..%2Fstatus', 400, 'BAD_PHOTO_HASH'],
    ['/api/v1/photos', 404, 'NOT_FOUND'],
    [`/api/v1/photos/${ID}/raw`, 404, 'NOT_FOUND'],
    [`/api/v1/status?${'x'.repeat(MAX_URL_LENGTH)}`, 414, 'URL_TOO_LONG'],
  ])('GET %s → %i %s', (target, status, code) => {
    const error = catchError(() => parseRequest('GET', target));
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code]).toEqual([status, code]);
    expect(error.message.length).toBeLessThan(300);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'BREW', undefined])('%s on an endpoint → 405 with allow', (method) => {
    const error = catchError(() => parseRequest(method, '/api/v1/status'));
    expect([error.status, error.code, error.headers.allow]).toEqual([405, 'METHOD_NOT_ALLOWED', 'GET, HEAD']);
  });

  it('answers an unknown path with 404 whatever the method', () => {
    expect(catchError(() => parseRequest('POST', '/admin')).status).toBe(404);
  });

  it('bounds the echo of client input in messages', () => {
    const error = catchError(() => parseRequest('GET', `/api/v1/tps/${'9'.repeat(1500)}`));
    expect(error.code).toBe('BAD_TPS_CODE');
    expect(error.message.length).toBeLessThan(200);
  });
});

function catchError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected an error');
}
