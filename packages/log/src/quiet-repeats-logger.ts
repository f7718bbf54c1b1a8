import type { LogFields, Logger } from './logger.js';

/** Options of {@link quietRepeatsLogger}. */
export interface QuietRepeatsOptions {
  /**
   * How long a warning, once logged, counts as already said: repeats within it go out at `debug`.
   * @default 600000 (10 minutes: how long the sync engine bans a misbehaving peer)
   */
  readonly windowMs?: number;
  /** Most distinct warnings remembered (the oldest is forgotten first). @default 1000 */
  readonly maxKeys?: number;
  /** Clock (ms). @default Date.now */
  readonly now?: () => number;
}

/**
 * A logger that says each warning once per window: a `warn` identical to one logged less than `windowMs` ago (same
 * component, message and fields, e.g. "inbound channel handler failed" for the same banned peer on every redial)
 * is logged at `debug` with `repeated: n`; the next `warn` after the window carries `repeatsHidden: n`. Other levels
 * pass through unchanged.
 */
export function quietRepeatsLogger(inner: Logger, options: QuietRepeatsOptions = {}): Logger {
  const windowMs = options.windowMs ?? 600_000;
  const maxKeys = options.maxKeys ?? 1000;
  const now = options.now ?? Date.now;
  const said = new Map<string, { at: number; repeats: number }>();
  const wrap = (logger: Logger, component: string): Logger => ({
    debug: (message, fields) => logger.debug(message, fields),
    info: (message, fields) => logger.info(message, fields),
    warn: (message, fields) => {
      const key = keyOf(component, message, fields);
      const t = now();
      const before = said.get(key);
      if (before !== undefined && t - before.at < windowMs) {
        before.repeats++;
        logger.debug(message, { ...fields, repeated: before.repeats });
        return;
      }
      said.delete(key);
      if (said.size >= maxKeys) said.delete(said.keys().next().value!);
      said.set(key, { at: t, repeats: 0 });
      logger.warn(message, before !== undefined && before.repeats > 0 ? { ...fields, repeatsHidden: before.repeats } : fields);
    },
    error: (message, fields) => logger.error(message, fields),
    child: (name) => wrap(logger.child(name), `${component}:${name}`),
  });
  return wrap(inner, '');
}

function keyOf(component: string, message: string, fields: LogFields | undefined): string {
  let text: string;
  try {
    text = JSON.stringify(fields ?? {}, (_key, value: unknown) =>
      value instanceof Error ? `${value.name}: ${value.message}` : value instanceof Uint8Array ? `<${value.byteLength} bytes>` : typeof value === 'bigint' ? String(value) : value,
    );
  } catch {
    text = '';
  }
  return `${component}\u0000${message}\u0000${text}`;
}
