import { describe, expect, it } from 'vitest';
import { dialAddressProblem, listenAddressProblem } from '../src/multiaddr-problem.js';

const PEER = '12D3KooWPXbojhkG5ydbGZmUMWcY9F7aVmSnXQas6hyTJAbLRU7j';

describe('listenAddressProblem', () => {
  it.each(['/ip4/127.0.0.1/tcp/0', '/ip4/0.0.0.0/tcp/4001', '/ip4/192.168.1.10/tcp/4002/ws', '/ip6/::/tcp/4001', '/ip6/fe80::1/tcp/65535/ws'])('accepts %s', (address) => {
    expect(listenAddressProblem(address)).toBeNull();
  });

  it.each([
    ['', 'starts with "/"'],
    ['/ip4', 'address is missing'],
    ['/ip4/127.0.0.1', 'expected /tcp/<port>'],
    ['/ip4/127.0.0.1/tcp', 'port ""'],
    ['/ip4/127.0.0.1/tcp/-1', 'port "-1"'],
    ['/ip4/127.0.0.01/tcp/1', 'not an IPv4 address'],
    ['/ip4/127.0.0.1/tcp/1/webrtc', 'unexpected /webrtc'],
  ])('refuses %j (%s)', (address, problem) => {
    expect(listenAddressProblem(address)).toContain(problem);
  });
});

describe('dialAddressProblem', () => {
  it.each([
    `/ip4/127.0.0.1/tcp/4001/p2p/${PEER}`,
    `/ip4/10.0.0.2/tcp/4002/ws/p2p/${PEER}`,
    `/ip6/::1/tcp/4001/p2p/${PEER}`,
    `/dns4/kpu.example.org/tcp/443/wss/p2p/${PEER}`,
    `/dns/ppk.local/tcp/443/tls/ws/p2p/${PEER}`,
  ])('accepts %s', (address) => {
    expect(dialAddressProblem(address)).toBeNull();
  });

  it.each([
    ['/ip4/127.0.0.1/tcp/4001', 'must end with /p2p/<peer id>'],
    ['/ip4/127.0.0.1/tcp/4001/p2p/', 'is not a peer id'],
    [`/ip4/127.0.0.1/tcp/4001/p2p/${PEER}/p2p-circuit`, 'unexpected /p2p-circuit'],
    [`/dns4/bad_host!/tcp/4001/p2p/${PEER}`, 'not a host name'],
    [`${PEER}`, 'starts with "/"'],
  ])('refuses %j (%s)', (address, problem) => {
    expect(dialAddressProblem(address)).toContain(problem);
  });
});
