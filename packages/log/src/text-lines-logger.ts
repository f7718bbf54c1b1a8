import type { LogFields, LogLevel, Logger } from './logger.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Options of {@link textLinesLogger}. */
export interface TextLinesLoggerOptions {
  /** Where each line is written (e.g. `line => process.stderr.write(line)`). */
  write: (line: string) => void;
  /** Name of the top component. @default 'titip' */
  component?: string;
  /** Records below this level are dropped. @default 'info' */
  level?: LogLevel;
  /** Clock for the time stamp. @default Date.now */
  now?: () => number;
}

/** A logger for people: one readable line per record, `time level component: message key=value …`. */
export function textLinesLogger(options: TextLinesLoggerOptions): Logger {
  const min = RANK[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const make = (name: string): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields) => {
      if (RANK[level] < min) return;
      const extra = Object.entries(fields ?? {})
        .map(([k, v]) => `${k}=${show(v)}`)
        .join(' ');
      options.write(`${new Date(now()).toISOString()} ${level.padEnd(5)} ${name}: ${message}${extra ? ` ${extra}` : ''}\n`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (child) => make(`${name}:${child}`),
    };
  };
  return make(options.component ?? 'titip');
}

function show(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  if (typeof value === 'string') return /^[\w./:@-]+$/.test(value) ? value : JSON.stringify(value);
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
