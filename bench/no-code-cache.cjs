// The bundle started the plain way, without the code cache of dist/cli/boot.cjs (the look-up cache still
// answers): what `npm run bench` compares the code cache against.
require('../dist/cli/cli.cjs').main(['node', 'runbook', ...process.argv.slice(2)]);
