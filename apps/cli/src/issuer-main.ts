#!/usr/bin/env node
// titip-issuer: the KPU credential issuer (see apps/cli/README.md).
import { issuerProgram } from './cli/issuer/issuer-program.js';
import { main } from './main-entry.js';

await main(issuerProgram);
