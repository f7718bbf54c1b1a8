import { ConfigFileError } from '@titip/config';
import { describe, expect, it } from 'vitest';
import { startFailure } from '../../src/cli/start-failure.js';
import { ServerError } from '../../src/errors.js';

describe('startFailure', () => {
  it('turns a taken libp2p port into one line with the hint, no stack', () => {
    const error = new Error(
      'Some configured addresses failed to be listened on, you may need to remove one or more listen addresses from your configuration or set `transportManager.faultTolerance` to NO_FATAL:\n\n' +
        '  /ip4/127.0.0.1/tcp/4001: Error: listen EADDRINUSE: address already in use 127.0.0.1:4001\n      at Server.setupListenHandle [as _listen2] (node:net:1940:16)\n',
    );
    expect(startFailure(error)).toBe(
      'cannot listen on /ip4/127.0.0.1/tcp/4001: EADDRINUSE address already in use 127.0.0.1:4001; the port is taken (another titip-server on this laptop?): choose another port in --listen',
    );
  });

  it('shows configuration and server errors as they are, anything else by its first line', () => {
    expect(startFailure(new ConfigFileError('CONFIG_NOT_JSON', 'titip-network v1 file is not JSON', 'n.json'))).toBe('n.json: titip-network v1 file is not JSON');
    expect(startFailure(new ServerError('SERVER_HTTP_LISTEN', 'cannot listen on 127.0.0.1:8080: boom'))).toBe('cannot listen on 127.0.0.1:8080: boom');
    expect(startFailure(new Error('something broke\n    at somewhere (file.js:1:1)'))).toBe('cannot start: something broke');
  });
});
