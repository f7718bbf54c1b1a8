/** Who failed to listen, for the hints: the program and the option that sets its address. */
export interface ListenHintContext {
  /** The program, e.g. `titip-relay` (named in "another … on this laptop?"). @default 'titip peer' */
  readonly program?: string;
  /** The option that sets the address, e.g. `--listen`. @default '--listen' */
  readonly option?: string;
}

/**
 * The advice for a `listen` error code (`EADDRINUSE`, `EADDRNOTAVAIL`, `EACCES`), or undefined for any other code.
 */
export function listenHint(code: string | undefined, context: ListenHintContext = {}): string | undefined {
  const program = context.program ?? 'titip peer';
  const option = context.option ?? '--listen';
  switch (code) {
    case 'EADDRINUSE':
      return `the port is taken (another ${program} on this laptop?): choose another port in ${option}`;
    case 'EADDRNOTAVAIL':
      return "this machine has no such address (check the laptop's IP with `ip addr`; the LAN address changes with the Wi-Fi)";
    case 'EACCES':
      return 'ports below 1024 need root: use a port from 1024 up';
    default:
      return undefined;
  }
}

/**
 * One line per address libp2p could not listen on (`cannot listen on ADDR: CODE detail; hint`), from the error
 * {@link startNodePeer} throws when listening fails (libp2p lists each failed address on its own line, with a
 * stack); null when `error` is not such a failure.
 */
export function listenFailure(error: unknown, context: ListenHintContext = {}): string | null {
  const message = error instanceof Error ? error.message : String(error);
  const failed = [...message.matchAll(/^\s*(\/\S+): (\w*Error): (.*)$/gm)];
  if (failed.length === 0) return null;
  return failed
    .map(([, address, , detail]) => {
      const listen = /^listen (E[A-Z]+):? ?(.*)$/.exec(detail!);
      if (listen === null) return `cannot listen on ${address}: ${detail!.trim()}`;
      const [, code, rest] = listen;
      const hint = listenHint(code, context);
      return `cannot listen on ${address}: ${code} ${rest}${hint ? `; ${hint}` : ''}`;
    })
    .join('\n');
}
