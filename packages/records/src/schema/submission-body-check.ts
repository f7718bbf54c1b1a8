import { isRegionCode, passesCHasilSchema } from '@titip/election';
import { MAX_CREDENTIAL_BYTES } from '@titip/identity';
import { ELECTION_ID_PATTERN, HEX_SHA256_PATTERN, MAX_EMBEDDED_CHAIN } from './common.js';
import { MAX_OVERRIDE_REASON, RULE_ID_PATTERN } from './override.js';
import { MAX_PHOTO_BYTES, MAX_PHOTO_PAGE, PHOTO_TYPES } from './photo-ref.js';
import { MAX_OVERRIDES, MAX_PHOTOS, MAX_REVISION, type SubmissionBody } from './submission-body.js';

const BODY_KEYS = ['tps', 'election', 'form', 'photos', 'revision', 'supersedes', 'overrides', 'deviceTime', 'credentials'] as const;
const PHOTO_KEYS = ['sha256', 'page', 'size', 'type'] as const;
const OVERRIDE_KEYS = ['rule', 'reason'] as const;

function hasExactly(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}

function isInt(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Code points of a string (a surrogate pair counts once): how zod measures a string's length. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--;
      i++;
    }
  }
  return count;
}

function isPhoto(value: unknown): boolean {
  return (
    hasExactly(value, PHOTO_KEYS) &&
    typeof value.sha256 === 'string' &&
    HEX_SHA256_PATTERN.test(value.sha256) &&
    isInt(value.page, 1, MAX_PHOTO_PAGE) &&
    isInt(value.size, 1, MAX_PHOTO_BYTES) &&
    (PHOTO_TYPES as readonly unknown[]).includes(value.type)
  );
}

function isOverride(value: unknown): boolean {
  if (!hasExactly(value, OVERRIDE_KEYS)) return false;
  const { rule, reason } = value;
  if (typeof rule !== 'string' || !RULE_ID_PATTERN.test(rule) || typeof reason !== 'string') return false;
  if (reason.length > MAX_OVERRIDE_REASON && codePoints(reason) > MAX_OVERRIDE_REASON) return false;
  return reason.trim().length > 0;
}

function isCredentialChain(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_EMBEDDED_CHAIN) return false;
  for (let i = 0; i < value.length; i++) {
    const envelope: unknown = value[i];
    if (!(envelope instanceof Uint8Array) || envelope.length < 1 || envelope.length > MAX_CREDENTIAL_BYTES) return false;
  }
  return true;
}

/** A dense array of at most `max` elements that all pass `check` and are distinct by `key`. */
function isUniqueList(value: unknown, max: number, check: (item: unknown) => boolean, key: string): boolean {
  if (!Array.isArray(value) || value.length > max) return false;
  const seen = new Set<unknown>();
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!check(item)) return false;
    seen.add((item as Record<string, unknown>)[key]);
  }
  return seen.size === value.length;
}

/**
 * Whether a decoded body passes `submissionBodySchema`, decided without zod: the same rules (strict keys, TPS
 * code, election id, a complete form per `passesCHasilSchema`, photos, revision and `supersedes`, overrides
 * with reasons, device time, the embedded chain), several times faster and without copying the body. For the
 * verification hot path, where bodies are almost always valid: on `false` the schema is asked for the issues.
 * Only plain objects are recognised; the tests compare it with the schema on valid bodies and on mutations of
 * every field, and it never passes what the schema refuses.
 */
export function passesSubmissionBodySchema(body: unknown): body is SubmissionBody {
  if (!hasExactly(body, BODY_KEYS)) return false;
  const { tps, election, photos, revision, supersedes, overrides } = body;
  if (typeof tps !== 'string' || tps.length !== 13 || !isRegionCode(tps)) return false;
  if (typeof election !== 'string' || !ELECTION_ID_PATTERN.test(election)) return false;
  if (!isInt(revision, 1, MAX_REVISION) || !isInt(body.deviceTime, 0, Number.MAX_SAFE_INTEGER)) return false;
  if (supersedes !== null && (typeof supersedes !== 'string' || !HEX_SHA256_PATTERN.test(supersedes))) return false;
  if ((revision === 1) !== (supersedes === null)) return false;
  if (!isUniqueList(photos, MAX_PHOTOS, isPhoto, 'sha256') || !isUniqueList(overrides, MAX_OVERRIDES, isOverride, 'rule')) return false;
  return isCredentialChain(body.credentials) && passesCHasilSchema(body.form);
}
