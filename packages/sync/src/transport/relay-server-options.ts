import type { CircuitRelayServerInit } from '@libp2p/circuit-relay-v2';
import { checkInteger } from './channel-options.js';

/**
 * Settings of the circuit relay v2 server a relay laptop runs so browsers can signal WebRTC through it. A relayed
 * connection carries only the signalling: by default it is limited to 128 KiB and 2 minutes, and the sync protocol
 * does not run on limited connections, so replication waits for the direct WebRTC connection.
 */
export interface RelayServerOptions {
  /** Reservations held at once (one per browser listening through this relay). @default 15 */
  readonly maxReservations?: number;
  /** How long a reservation lasts before the browser must renew it. @default 7200000 (2 h) */
  readonly reservationTtlMs?: number;
  /** Apply the data and duration limits below to relayed connections. @default true */
  readonly applyDefaultLimit?: boolean;
  /** Bytes a relayed connection may carry, both directions together. @default 131072 (128 KiB) */
  readonly defaultDataLimitBytes?: number;
  /** Milliseconds a relayed connection may stay open. @default 120000 (2 min) */
  readonly defaultDurationLimitMs?: number;
}

/** The `circuitRelayServer` init for {@link RelayServerOptions}. */
export function relayServerInit(options: RelayServerOptions): CircuitRelayServerInit {
  const maxReservations = options.maxReservations ?? 15;
  const reservationTtl = options.reservationTtlMs ?? 2 * 60 * 60 * 1000;
  const defaultDataLimit = options.defaultDataLimitBytes ?? 128 * 1024;
  const defaultDurationLimit = options.defaultDurationLimitMs ?? 2 * 60 * 1000;
  checkInteger('relayServer.maxReservations', maxReservations, 1, 100_000);
  checkInteger('relayServer.reservationTtlMs', reservationTtl, 1_000, 2 ** 31 - 1);
  checkInteger('relayServer.defaultDataLimitBytes', defaultDataLimit, 1, Number.MAX_SAFE_INTEGER);
  checkInteger('relayServer.defaultDurationLimitMs', defaultDurationLimit, 1_000, 2 ** 31 - 1);
  return {
    reservations: {
      maxReservations,
      reservationTtl,
      applyDefaultLimit: options.applyDefaultLimit ?? true,
      defaultDataLimit: BigInt(defaultDataLimit),
      defaultDurationLimit,
    },
  };
}
