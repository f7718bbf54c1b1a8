import { multiaddr } from '@multiformats/multiaddr';
import { describe, expect, it } from 'vitest';
import { addressScope } from '../../src/transport/index.js';

describe('addressScope', () => {
  it.each([
    ['/ip4/127.0.0.1/tcp/4001', 'loopback'],
    ['/ip4/127.8.9.1/tcp/4001/ws', 'loopback'],
    ['/ip6/::1/tcp/4001', 'loopback'],
    ['/dns4/localhost/tcp/80/ws', 'loopback'],
    ['/ip4/10.77.0.2/tcp/4001', 'private'],
    ['/ip4/172.16.0.1/tcp/1', 'private'],
    ['/ip4/172.31.255.254/tcp/1', 'private'],
    ['/ip4/192.168.1.20/tcp/8080/ws', 'private'],
    ['/ip6/fd12:3456::1/tcp/1', 'private'],
    ['/dns4/ppk-190601.local/tcp/443/ws', 'private'],
    ['/ip4/169.254.10.1/tcp/1', 'link-local'],
    ['/ip6/fe80::1/tcp/1', 'link-local'],
    ['/ip4/172.32.0.1/tcp/1', 'public'],
    ['/ip4/8.8.8.8/tcp/443/wss', 'public'],
    ['/ip6/2001:db8::1/tcp/1', 'public'],
    ['/dns4/sirekap.kpu.go.id/tcp/443/wss', 'public'],
    ['/ip6/::ffff:192.168.0.1/tcp/1', 'private'],
    ['/ip4/0.0.0.0/tcp/0', 'unspecified'],
    ['/ip6/::/tcp/0', 'unspecified'],
    ['/p2p/12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK', 'unknown'],
    [
      '/ip4/192.168.1.2/tcp/1/ws/p2p/12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK/p2p-circuit/webrtc/p2p/12D3KooWLRPJAA5o6mCHF4uiDRLJbmKBEjVhHmDpUGkdWZ9UMiZa',
      'private',
    ],
  ])('%s is %s', (address, scope) => {
    expect(addressScope(multiaddr(address))).toBe(scope);
  });
});
