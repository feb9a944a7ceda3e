// A checking worker: reads and checks the files it is given, and sends back problems, values and positions.
import { parentPort, workerData } from 'node:worker_threads';
import { checkFiles } from './check-files.js';

const { paths, cwd } = workerData as { paths: string[]; cwd: string };
parentPort!.postMessage(checkFiles(paths, cwd));
