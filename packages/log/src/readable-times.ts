import type { LogFields, Logger } from './logger.js';

/**
 * A credential time as the verifiers word it: `valid from 1796144400000`, `expired at …`, `checked at …`, and as the
 * standing judge words it: `revoked from …`, `first witnessed at …`.
 */
const MS_TIME = /\b(valid from|valid until|expired at|checked at|revoked from|witnessed at)(\s+)(\d{12,15})\b/g;

/**
 * `text` with every credential time written in milliseconds (`valid from 1796144400000, checked at 1732665600000`,
 * as `@titip/identity` words its window failures) shown as an ISO time (`valid from 2026-12-01T17:00:00.000Z, …`).
 */
export function withIsoTimes(text: string): string {
  return text.replace(MS_TIME, (whole, label: string, space: string, digits: string) => {
    const date = new Date(Number(digits));
    return Number.isNaN(date.getTime()) ? whole : `${label}${space}${date.toISOString()}`;
  });
}

/** A logger that shows credential times as ISO times ({@link withIsoTimes}) in messages and string fields. */
export function readableTimesLogger(inner: Logger): Logger {
  const fix = (fields: LogFields | undefined): LogFields | undefined => {
    if (fields === undefined) return undefined;
    const out: LogFields = {};
    for (const [key, value] of Object.entries(fields)) out[key] = typeof value === 'string' ? withIsoTimes(value) : value;
    return out;
  };
  const wrap = (logger: Logger): Logger => ({
    debug: (message, fields) => logger.debug(withIsoTimes(message), fix(fields)),
    info: (message, fields) => logger.info(withIsoTimes(message), fix(fields)),
    warn: (message, fields) => logger.warn(withIsoTimes(message), fix(fields)),
    error: (message, fields) => logger.error(withIsoTimes(message), fix(fields)),
    child: (name) => wrap(logger.child(name)),
  });
  return wrap(inner);
}
