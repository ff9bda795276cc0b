// Verifies one pact file with Pact's reference core (the Rust verifier behind PactNet,
// pact-js, pact-python and pact-go), from the npm package @pact-foundation/pact-core.
// Run by contract-tests' ReferenceCore with NODE_PATH pointing at the installed package:
//   node verify-pacts.cjs PROVIDER_BASE_URL PACT_FILE STATE_SETUP_URL TOKEN
// Exit 0 when every interaction is kept, 1 otherwise; the verifier's report is on stdout.
'use strict';
const pact = require('@pact-foundation/pact-core').default;

const [providerBaseUrl, pactFile, stateUrl, token] = process.argv.slice(2);
pact
  .verifyPacts({
    providerBaseUrl,
    pactUrls: [pactFile],
    providerStatesSetupUrl: stateUrl,
    customProviderHeaders: ['Authorization: Bearer ' + token],
    failIfNoPactsFound: true,
    logLevel: 'warn',
  })
  .then(
    () => {
      console.log('REFERENCE CORE VERIFIED ' + pactFile);
      process.exit(0);
    },
    (error) => {
      console.log('REFERENCE CORE FAILED ' + pactFile + ': ' + error);
      process.exit(1);
    },
  );
