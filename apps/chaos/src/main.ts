// Placeholder entry point of `pnpm chaos`; the simulation lands in following commits.
process.stdout.write('titip-chaos: not yet implemented\n');
process.exit(1);
