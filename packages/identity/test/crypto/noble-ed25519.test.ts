import { nobleEd25519 } from '../../src/crypto/noble-ed25519.js';
import { runProviderSuite } from '../helpers/provider-suite.js';

runProviderSuite('nobleEd25519', nobleEd25519);
