import { jsonLinesLogger, type Logger } from '@titip/log';
import { quietRepeatsLogger } from '@titip/log';
import { readableTimesLogger } from '@titip/log';
import { textLogger } from './text-logger.js';

/** Options of {@link relayLogger}. */
export interface RelayLoggerOptions {
  /** Where each line goes (stderr, or the status display). */
  readonly write: (line: string) => void;
  /** JSON lines (`--log-json`) instead of readable lines. @default false */
  readonly json?: boolean;
  /** Clock (ms). @default Date.now */
  readonly now?: () => number;
}

/**
 * The logger of `titip-relay`: readable lines (or JSON lines) at `info`, credential times shown as ISO times, and
 * each warning said once per 10 minutes (a banned peer redialling every few seconds gives one `warn`, then `debug`
 * lines: see {@link quietRepeatsLogger}).
 */
export function relayLogger(options: RelayLoggerOptions): Logger {
  const now = options.now ?? Date.now;
  const base = options.json ? jsonLinesLogger({ write: options.write, component: 'titip-relay', now }) : textLogger(options.write, 'titip-relay', 'info', now);
  return quietRepeatsLogger(readableTimesLogger(base), { now });
}
