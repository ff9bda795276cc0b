// The independent check of the event contracts: AsyncAPI's own parser (@asyncapi/parser,
// the one the AsyncAPI CLI and Studio use) reads each document with its references and
// its Spectral rules. Any error or warning fails; information (e.g. "a newer AsyncAPI
// version exists") is printed only. Run by ./millgate contracts asyncapi-lint and
// ./millgate test, with NODE_PATH naming the parser's node_modules.
'use strict';
const { Parser, fromFile } = require('@asyncapi/parser');

const SEVERITY = ['error', 'warning', 'info', 'hint'];

async function main(files) {
  if (files.length === 0) {
    console.error('usage: validate-asyncapi.cjs FILE.yaml ...');
    return 2;
  }
  const parser = new Parser();
  let failed = 0;
  for (const file of files) {
    const { document, diagnostics } = await fromFile(parser, file).parse();
    const findings = diagnostics.filter((d) => d.severity <= 1);
    for (const d of diagnostics) {
      console.log(`${file}: ${SEVERITY[d.severity]} ${d.code} ${d.path.join('.')}: ${d.message}`);
    }
    if (!document || findings.length > 0) {
      failed++;
    } else {
      console.log(`${file}: valid AsyncAPI ${document.version()}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
