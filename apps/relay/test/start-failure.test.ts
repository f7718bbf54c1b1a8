import { ConfigFileError } from '@titip/config';
import { StoreLockedError } from '@titip/store';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../src/errors.js';
import { startFailure } from '../src/start-failure.js';

const where = { dataDir: '/var/lib/titip-relay', credential: 'pps.cred.json' };

describe('startFailure', () => {
  it('names the configuration file at fault', () => {
    expect(startFailure(new ConfigFileError('CONFIG_NOT_JSON', 'titip-network v1 file is not JSON: Unexpected end', 'network.json'), where)).toBe(
      'network.json: titip-network v1 file is not JSON: Unexpected end',
    );
  });

  it('puts the credential file before a credential problem, not before an option problem', () => {
    expect(startFailure(new RelayError('RELAY_KEY_MISMATCH', 'the key abc… is not the subject of the relay credential'), where)).toBe(
      'pps.cred.json: the key abc… is not the subject of the relay credential',
    );
    expect(startFailure(new RelayError('RELAY_INVALID_OPTION', 'give 1 to 64 scopes'), where)).toBe('give 1 to 64 scopes');
    expect(startFailure(new RelayError('RELAY_STAGE_UNKNOWN', 'give --stage'), { dataDir: 'd' })).toBe('give --stage');
  });

  it('says the data directory is in use when the store is locked', () => {
    expect(startFailure(new StoreLockedError('open store: the store is locked'), where)).toBe(
      'the data directory /var/lib/titip-relay is in use by another process (is another titip-relay or peer running on it?)',
    );
  });

  it('turns a failed listen (libp2p lists each address with a stack) into one line per address with a hint', () => {
    const error = new Error(
      'Some configured addresses failed to be listened on, you may need to remove one or more listen addresses from your configuration:\n\n' +
        '  /ip4/192.168.1.10/tcp/4001: Error: listen EADDRNOTAVAIL: address not available 192.168.1.10\n      at Server.setupListenHandle (node:net:2306:21)\n',
    );
    error.name = 'UnsupportedListenAddressesError';
    expect(startFailure(error, where)).toBe(
      "cannot listen on /ip4/192.168.1.10/tcp/4001: EADDRNOTAVAIL address not available 192.168.1.10; this machine has no such address (check the laptop's IP with `ip addr`; the LAN address changes with the Wi-Fi)",
    );
  });

  it('shows only the first line of anything else, and the stack with debug', () => {
    const error = new TypeError('something broke\n    at somewhere (file.js:1:1)');
    expect(startFailure(error, where)).toBe('cannot start: TypeError: something broke');
    expect(startFailure(error, where, true)).toContain(`\n${error.stack}`);
    expect(startFailure('a string', where)).toBe('cannot start: a string');
  });

  it('shows credential times as ISO times, not milliseconds', () => {
    const error = new RelayError('RELAY_CREDENTIAL_INVALID', "the relay credential does not verify against the network's root key: not-yet-valid: credential 1 is valid from 1796144400000, checked at 1732665600000");
    expect(startFailure(error, where)).toBe(
      "pps.cred.json: the relay credential does not verify against the network's root key: not-yet-valid: credential 1 is valid from 2026-12-01T17:00:00.000Z, checked at 2024-11-27T00:00:00.000Z",
    );
  });

  it('turns any other address libp2p could not listen on (no transport for it) into one line', () => {
    const error = new Error(
      'Some configured addresses failed to be listened on, you may need to remove one or more listen addresses from your configuration or set `transportManager.faultTolerance` to NO_FATAL:\n\n' +
        '  /ip4/127.0.0.1/udp/1: UnsupportedListenAddressError: No transport was configured to listen on this address\n' +
        '      at file:///node_modules/libp2p/dist/src/transport-manager.js:166:51\n      at Array.forEach (<anonymous>)\n',
    );
    error.name = 'UnsupportedListenAddressesError';
    expect(startFailure(error, where)).toBe('cannot listen on /ip4/127.0.0.1/udp/1: No transport was configured to listen on this address');
  });

  it('escapes the control bytes of a binary file in the message', () => {
    const error = new ConfigFileError('CONFIG_NOT_JSON', 'titip-network v1 file is not JSON: Unexpected token \'\x1b\', "\x1b[31mRED\x00\x07"... is not valid JSON', 'bin.json');
    expect(startFailure(error, where)).toBe('bin.json: titip-network v1 file is not JSON: Unexpected token \'\\x1b\', "\\x1b[31mRED\\x00\\x07"... is not valid JSON');
  });
});
