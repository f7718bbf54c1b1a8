import type { LogFields, LogLevel, Logger } from './logger.js';

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Options of {@link jsonLinesLogger}. */
export interface JsonLinesLoggerOptions {
  /** Where each JSON line is written (e.g. `line => process.stderr.write(line)`). */
  write: (line: string) => void;
  /** Records below this level are dropped. @default 'info' */
  level?: LogLevel;
  /** Name of the top component. @default 'titip' */
  component?: string;
  /** Clock for the `time` field. @default Date.now */
  now?: () => number;
}

/** A logger writing one JSON object per line: `{time, level, component, msg, ...fields}`. */
export function jsonLinesLogger(options: JsonLinesLoggerOptions): Logger {
  const min = levelRank[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const make = (component: string): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (levelRank[level] < min) return;
      const record = { time: new Date(now()).toISOString(), level, component, msg, ...fields };
      options.write(`${JSON.stringify(record, jsonSafe)}\n`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (name) => make(`${component}:${name}`),
    };
  };
  return make(options.component ?? 'titip');
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return value;
}
