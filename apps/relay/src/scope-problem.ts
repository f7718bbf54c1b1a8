import { InvalidRegionCodeError, parseRegionCode } from '@titip/election';

/** Why `scope` cannot be a relay scope (`''` for the nation, else a Kemendagri region code), or null. */
export function scopeProblem(scope: string): string | null {
  if (scope === '') return null;
  try {
    parseRegionCode(scope);
    return null;
  } catch (error) {
    if (error instanceof InvalidRegionCodeError) return error.reason;
    throw error;
  }
}
