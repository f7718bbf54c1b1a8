import { describe, expect, it } from 'vitest';
import { deviceClockWarning } from '../../src/operator/device-clock-warning.js';

const window = { validFrom: Date.UTC(2024, 10, 27), validUntil: Date.UTC(2024, 11, 27) };
const hour = 3_600_000;

describe('deviceClockWarning', () => {
  it('is null inside the window and within the skew on either side', () => {
    expect(deviceClockWarning(window, window.validFrom, hour)).toBeNull();
    expect(deviceClockWarning(window, window.validFrom - hour + 1, hour)).toBeNull();
    expect(deviceClockWarning(window, window.validUntil + hour - 1, hour)).toBeNull();
  });

  it('names the device clock and the window edge when the clock is before or after it', () => {
    const early = deviceClockWarning(window, Date.UTC(2000, 0, 1), hour);
    expect(early).toContain('2000-01-01T00:00:00.000Z');
    expect(early).toContain('before');
    expect(early).toContain('2024-11-27T00:00:00.000Z');
    const late = deviceClockWarning(window, window.validUntil + hour, hour);
    expect(late).toContain('after');
    expect(late).toContain('not counted');
  });
});
