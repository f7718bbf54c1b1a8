/** The `titip-server --help` text. */
export const USAGE = `titip-server: the KPU sink of Titip. It stores every signed TPS result it receives, signs a receipt
for each (the receipts travel back to the operators), adds up the totals per region and publishes them
over an HTTP JSON API.

Usage:
  titip-server --data-dir DIR --network network.json --key server.key.json --credential server.cred.json
               [--listen MULTIADDR]... [--http HOST:PORT] [--scope CODE]... [--dial MULTIADDR]...
               [--verifier-threads N] [--log-json] [--help]

Required:
  --data-dir DIR            where the store and the libp2p peer key live (created if missing; on disk,
                            not under /proc, /sys or /dev)
  --network FILE            the network file: KPU root key and election definitions
  --key FILE                the server's signing key file (keep it secret)
  --credential FILE         the server's credential file (root -> server)

Options:
  --listen MULTIADDR        libp2p listen address, repeatable
                            (default /ip4/127.0.0.1/tcp/0 and /ip4/127.0.0.1/tcp/0/ws: this machine only, and
                            port 0 picks a new port at every start; give fixed ports, e.g.
                            /ip4/0.0.0.0/tcp/4001, so that relays can --dial the server)
  --http HOST:PORT          where the HTTP API listens (default 127.0.0.1:8080; port 0 picks one)
  --scope CODE              region code served, repeatable; '' is the nation (default '')
  --dial MULTIADDR          a peer to keep connected (ends in /p2p/<peer id>), repeatable
  --verifier-threads N      signature verification threads, 0-64 (default 2)
  --log-json                log JSON lines on stderr (default: readable lines)
  --help                    show this text

Every flag but --listen, --scope and --dial is given at most once.

On start it prints one JSON line on stdout:
  {"ready":true,"peerId":"...","addresses":["..."],"http":"http://127.0.0.1:8080"}
SIGINT or SIGTERM stops it cleanly. Exit codes: 0 stopped, 1 failed to start or run, 2 bad arguments.
`;
