#!/usr/bin/env node
// titip-bundle: carry results between devices on a bundle file, with no network (see apps/cli/README.md).
import { bundleProgram } from './cli/bundle/bundle-program.js';
import { main } from './main-entry.js';

await main(bundleProgram);
