// Preloaded with `node -r` by a test: records every file the CLI compiles through vm.Script (the bundle and the
// libraries it loads), one a line, in the file RUNBOOK_TEST_LOADED names.
const vm = require('node:vm');
const { appendFileSync } = require('node:fs');
const Original = vm.Script;
vm.Script = class extends Original {
  constructor(source, options) {
    super(source, options);
    if (options && options.filename) appendFileSync(process.env.RUNBOOK_TEST_LOADED, `${options.filename}\n`);
  }
};
