/**
 * `@titip/demo`: the Belitung Timur demo, and the parts other simulations reuse (the dataset is at
 * `@titip/demo/dataset`): the identities, the field peers, the daemons in child processes, the carrier's voyage.
 * @packageDocumentation
 */
export { runDemo, type DemoOptions, type DemoReport } from './run/run-demo.js';
export { createIdentities, type DemoIdentities, type Holder } from './run/identities.js';
export { startPpsRelays, startOperators, startCarrier, type OperatorPhone, type CarrierPhone } from './run/field.js';
export { startDaemon, type Daemon } from './run/child-process.js';
export { sail, ownSubmissions, until, sleep, type VoyageLog, type VoyageOptions } from './run/voyage.js';
export { linkSchedule, type LinkFlap } from './run/link-schedule.js';
