/** Whether a path is a regular file: what may be opened as a runbook (kept free of the YAML library, for the cache). */
import { statSync, type Stats } from 'node:fs';

/** What a path is, in words, when it is not a regular file. */
function kindOfNode(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Stats `path`, following symbolic links; says why it cannot be read as a runbook file (a link loop, a FIFO, a
 * device, a folder named *.yaml), so nothing that is not a regular file is ever opened.
 */
export function regularFile(
  path: string,
): { size: number; stamp: string } | { rule: 'file-unreadable' | 'file-not-regular'; message: string } {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ELOOP')
      return {
        rule: 'file-unreadable',
        message: 'the file is a symbolic link that loops back on itself: point it at a real file',
      };
    if (code === 'ENOENT')
      return {
        rule: 'file-unreadable',
        message: 'cannot read the file: it does not exist (a symbolic link to a missing file?)',
      };
    return { rule: 'file-unreadable', message: `cannot read the file: ${code}` };
  }
  if (!stats.isFile())
    return {
      rule: 'file-not-regular',
      message: `this is ${kindOfNode(stats)}, not a file: runbook reads only regular files (or links to them)`,
    };
  return { size: stats.size, stamp: `${stats.size}:${stats.mtimeMs}:${stats.ino}` };
}
