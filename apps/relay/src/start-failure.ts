import { ConfigFileError } from '@titip/config';
import { StoreLockedError } from '@titip/store';
import { RelayError } from './errors.js';
import { printable } from './printable.js';
import { withIsoTimes } from '@titip/log';

const LISTEN_HINTS: Record<string, string> = {
  EADDRINUSE: 'the port is taken (another titip-relay on this laptop?): choose another port in --listen',
  EADDRNOTAVAIL: "this machine has no such address (check the laptop's IP with `ip addr`; the LAN address changes with the Wi-Fi)",
  EACCES: 'ports below 1024 need root: use a port from 1024 up',
};

/**
 * The one line `titip-relay` prints when it cannot start: the configuration file at fault, the data directory in
 * use, the listen address that failed and why, or the error's first line; never a stack trace unless `debug`.
 * Credential times are shown as ISO times, and non-printable characters (a binary file's) escaped.
 */
export function startFailure(error: unknown, where: { dataDir: string; credential?: string | undefined }, debug = false): string {
  return printable(withIsoTimes(describe(error, where, debug)));
}

function describe(error: unknown, where: { dataDir: string; credential?: string | undefined }, debug: boolean): string {
  if (error instanceof ConfigFileError) return error.message;
  if (error instanceof RelayError) {
    return where.credential !== undefined && error.code !== 'RELAY_INVALID_OPTION' ? `${where.credential}: ${error.message}` : error.message;
  }
  if (error instanceof StoreLockedError) {
    return `the data directory ${where.dataDir} is in use by another process (is another titip-relay or peer running on it?)`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // libp2p lists each address that failed on its own line, with a stack: keep one line per address.
  const failed = [...message.matchAll(/^\s*(\/\S+): (\w*Error): (.*)$/gm)];
  if (failed.length > 0) {
    return failed
      .map(([, address, , detail]) => {
        const listen = /^listen (E[A-Z]+):? ?(.*)$/.exec(detail!);
        if (listen === null) return `cannot listen on ${address}: ${detail!.trim()}`;
        const [, code, rest] = listen;
        return `cannot listen on ${address}: ${code} ${rest}${LISTEN_HINTS[code!] ? `; ${LISTEN_HINTS[code!]}` : ''}`;
      })
      .join('\n');
  }
  const name = error instanceof Error ? `${error.name}: ` : '';
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? '';
  return `cannot start: ${name}${firstLine}${debug && error instanceof Error && error.stack ? `\n${error.stack}` : ''}`;
}
