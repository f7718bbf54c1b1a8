/**
 * `@titip/chaos`: a seeded chaos simulation of the Belitung Timur network (PPS and PPK relays, operators, carriers,
 * the KPU server) with random link flaps and relays killed with SIGKILL and restarted from disk.
 * @packageDocumentation
 */
export {};
