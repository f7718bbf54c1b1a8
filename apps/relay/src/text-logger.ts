import type { LogFields, LogLevel, Logger } from '@titip/log';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing one readable line per record: `time level component: message key=value …`. */
export function textLogger(write: (line: string) => void, component = 'titip-relay', min: LogLevel = 'info', now: () => number = Date.now): Logger {
  const make = (name: string): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields) => {
      if (RANK[level] < RANK[min]) return;
      const extra = Object.entries(fields ?? {})
        .map(([k, v]) => `${k}=${show(v)}`)
        .join(' ');
      write(`${new Date(now()).toISOString()} ${level.padEnd(5)} ${name}: ${message}${extra ? ` ${extra}` : ''}\n`);
    };
    return {
      debug: (m, f) => emit('debug', m, f),
      info: (m, f) => emit('info', m, f),
      warn: (m, f) => emit('warn', m, f),
      error: (m, f) => emit('error', m, f),
      child: (child) => make(`${name}:${child}`),
    };
  };
  return make(component);
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
