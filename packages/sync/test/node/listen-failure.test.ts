import { describe, expect, it } from 'vitest';
import { listenFailure, listenHint } from '../../src/node/listen-failure.js';

const HEAD =
  'Some configured addresses failed to be listened on, you may need to remove one or more listen addresses from your configuration or set `transportManager.faultTolerance` to NO_FATAL:\n\n';

describe('listenFailure', () => {
  it('turns a taken port (libp2p lists each address with a stack) into one line naming the program and option', () => {
    const error = new Error(
      `${HEAD}  /ip4/127.0.0.1/tcp/4001: Error: listen EADDRINUSE: address already in use 127.0.0.1:4001\n      at Server.setupListenHandle [as _listen2] (node:net:1940:16)\n      at listenInCluster (node:net:1997:12)\n`,
    );
    expect(listenFailure(error, { program: 'titip-server', option: '--listen' })).toBe(
      'cannot listen on /ip4/127.0.0.1/tcp/4001: EADDRINUSE address already in use 127.0.0.1:4001; the port is taken (another titip-server on this laptop?): choose another port in --listen',
    );
  });

  it('keeps one line per failed address, and the detail of one with no transport', () => {
    const error = new Error(
      `${HEAD}  /ip4/10.9.9.9/tcp/4001: Error: listen EADDRNOTAVAIL: address not available 10.9.9.9\n      at x (node:net:1:1)\n` +
        '  /ip4/127.0.0.1/udp/1: UnsupportedListenAddressError: No transport was configured to listen on this address\n      at y (z.js:1:1)\n',
    );
    expect(listenFailure(error)?.split('\n')).toEqual([
      "cannot listen on /ip4/10.9.9.9/tcp/4001: EADDRNOTAVAIL address not available 10.9.9.9; this machine has no such address (check the laptop's IP with `ip addr`; the LAN address changes with the Wi-Fi)",
      'cannot listen on /ip4/127.0.0.1/udp/1: No transport was configured to listen on this address',
    ]);
  });

  it('is null for anything that is not a failed listen', () => {
    expect(listenFailure(new Error('the store is locked'))).toBeNull();
    expect(listenFailure('a string')).toBeNull();
    expect(listenFailure(undefined)).toBeNull();
  });
});

describe('listenHint', () => {
  it('advises on the usual listen codes and says nothing of others', () => {
    expect(listenHint('EADDRINUSE', { program: 'titip-server', option: '--http' })).toBe('the port is taken (another titip-server on this laptop?): choose another port in --http');
    expect(listenHint('EACCES')).toBe('ports below 1024 need root: use a port from 1024 up');
    expect(listenHint('ENOENT')).toBeUndefined();
    expect(listenHint(undefined)).toBeUndefined();
  });
});
