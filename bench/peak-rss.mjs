// Loaded with --import: writes the process's peak resident memory (KiB) to the file named by RUNBOOK_BENCH_RSS.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.RUNBOOK_BENCH_RSS, String(process.resourceUsage().maxRSS)));
