#!/usr/bin/env node
// titip-operator: the TPS operator tool (see apps/cli/README.md).
import { operatorProgram } from './cli/operator/operator-program.js';
import { main } from './main-entry.js';

await main(operatorProgram);
