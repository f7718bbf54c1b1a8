import { isRegionCode, regionLevelOf } from '@titip/election';
import { ApiError } from '../errors.js';

/** Longest request target accepted (path and query), in characters. */
export const MAX_URL_LENGTH = 2048;

/** The API version prefix of every route. */
export const API_PREFIX = '/api/v1/';

/** A request the API understood. `region` `''` is the nation. */
export type ApiRoute =
  | { readonly name: 'status' }
  | { readonly name: 'elections' }
  | { readonly name: 'totals'; readonly election: string; readonly region: string }
  | { readonly name: 'tps'; readonly code: string }
  | { readonly name: 'object'; readonly id: string }
  | { readonly name: 'photo'; readonly sha256: string };

const ELECTION_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const OBJECT_ID = /^[0-9a-f]{64}$/;
const ALLOWED = 'GET, HEAD';

/**
 * Parses a request's method and target into a route, checking the shape of every parameter (whether an election,
 * TPS or object exists is the handler's business).
 * @throws {ApiError} 414 `URL_TOO_LONG`, 400 `BAD_PATH` / `UNEXPECTED_QUERY` / `BAD_ELECTION_ID` / `BAD_REGION_CODE` /
 *   `BAD_TPS_CODE` / `BAD_OBJECT_ID` / `BAD_PHOTO_HASH`, 404 `NOT_FOUND`, 405 `METHOD_NOT_ALLOWED` (with `allow`).
 */
export function parseRequest(method: string | undefined, target: string | undefined): ApiRoute {
  const url = target ?? '';
  if (url.length > MAX_URL_LENGTH) throw new ApiError(414, 'URL_TOO_LONG', `the request URL is longer than ${MAX_URL_LENGTH} characters`);
  if (!url.startsWith('/')) throw new ApiError(400, 'BAD_PATH', 'the request target must be a path');
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (queryAt !== -1 && queryAt < url.length - 1) throw new ApiError(400, 'UNEXPECTED_QUERY', 'this API takes no query parameters');
  if (url.includes('#')) throw new ApiError(400, 'BAD_PATH', 'a request target has no fragment');
  if (!path.startsWith(API_PREFIX)) throw notFound(path);
  const segments = path.slice(API_PREFIX.length).split('/').map(decodeSegment);
  const route = routeOf(segments, path);
  if (method !== 'GET' && method !== 'HEAD') {
    throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${String(method).slice(0, 20)} is not allowed here; use GET`, { allow: ALLOWED });
  }
  return route;
}

function routeOf(segments: string[], path: string): ApiRoute {
  const [head, a, b, ...rest] = segments;
  if (rest.length > 0) throw notFound(path);
  switch (head) {
    case 'status':
      if (a === undefined) return { name: 'status' };
      break;
    case 'elections':
      if (a === undefined) return { name: 'elections' };
      break;
    case 'totals':
      if (a !== undefined) return { name: 'totals', election: electionId(a), region: regionCode(b ?? '') };
      break;
    case 'tps':
      if (a !== undefined && b === undefined) return { name: 'tps', code: tpsCode(a) };
      break;
    case 'objects':
      if (a !== undefined && b === undefined) return { name: 'object', id: objectId(a) };
      break;
    case 'photos':
      if (a !== undefined && b === undefined) return { name: 'photo', sha256: photoHash(a) };
      break;
  }
  throw notFound(path);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, 'BAD_PATH', 'the path has a malformed percent-escape');
  }
}

function notFound(path: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `no such endpoint: ${quote(path)}`);
}

function electionId(value: string): string {
  if (!ELECTION_ID.test(value)) throw new ApiError(400, 'BAD_ELECTION_ID', `not an election id: ${quote(value)}`);
  return value;
}

function regionCode(value: string): string {
  if (value === '' || value === 'all') return '';
  if (!isRegionCode(value)) {
    throw new ApiError(400, 'BAD_REGION_CODE', `not a region code (2, 4, 6, 10 or 13 digits, '' or 'all' for the nation): ${quote(value)}`);
  }
  return value;
}

function tpsCode(value: string): string {
  if (!isRegionCode(value) || regionLevelOf(value) !== 'tps') throw new ApiError(400, 'BAD_TPS_CODE', `not a 13-digit TPS code: ${quote(value)}`);
  return value;
}

function objectId(value: string): string {
  if (!OBJECT_ID.test(value)) throw new ApiError(400, 'BAD_OBJECT_ID', `not an object id (64 lowercase hex digits): ${quote(value)}`);
  return value;
}

function photoHash(value: string): string {
  if (!OBJECT_ID.test(value)) throw new ApiError(400, 'BAD_PHOTO_HASH', `not a photo hash (the SHA-256 of the photo, 64 lowercase hex digits): ${quote(value)}`);
  return value;
}

/** A bounded, JSON-quoted echo of client input for error messages. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
