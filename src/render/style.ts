/** The one colour switch: colour only on a terminal, never with NO_COLOR or --no-color. */
import { Chalk, type ChalkInstance } from 'chalk';

export type Style = ChalkInstance;

export interface ColorInputs {
  flag: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

export function colorLevel({ flag, env, isTTY }: ColorInputs): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  return env.COLORTERM === 'truecolor' ? 3 : 2;
}

export function makeStyle(level: 0 | 1 | 2 | 3): Style {
  return new Chalk({ level });
}
