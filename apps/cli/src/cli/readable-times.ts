/** A credential time as the verifiers word it: `valid from 1796144400000`, `expired at …`, `checked at …`. */
const MS_TIME = /\b(valid from|valid until|expired at|checked at)(\s+)(\d{12,15})\b/g;

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
