// A lint worker: parses and checks the files it is given, and sends back problems, values and positions.
import { parentPort, workerData } from 'node:worker_threads';
import { loadForLint } from './load-files.js';

const { paths, cwd } = workerData as { paths: string[]; cwd: string };
parentPort!.postMessage(loadForLint(paths, cwd));
