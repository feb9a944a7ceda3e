/** The commander program: global options, the commands, and the one place that turns errors into exit codes. */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { Context, type GlobalOptions, type Io } from './commands/context.js';
import { colorLevel, makeStyle } from './render/style.js';
import { CheckFailed, RunbookError } from './util/errors.js';
import { commandWord, registerCommands, type AnyCommand } from './commands/index.js';
import { sanitizeLine } from './util/sanitize.js';
import { page, pagerCommand, terminal, writeAll } from './terminal.js';
import { VERSION } from './util/version.js';

export function buildProgram(
  io: Io,
  now: () => Date,
  contexts: Context[] = [],
  args: readonly string[] = [],
): AnyCommand {
  const program = new Command('runbook')
    .description('Data-pipeline runbooks as code: who owns what, how to fix it, what is due, who is on call.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('-d, --dir <path>', 'runbooks folder (default: $RUNBOOK_DIR, else the nearest runbooks/ above)')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--no-color', 'never colour the output (NO_COLOR=1 does the same)')
    .option('--no-cache', 'read and check the runbooks afresh instead of using the look-up cache')
    .option('--no-pager', 'never page output taller than the terminal (else $RUNBOOK_PAGER, $PAGER or less)')
    .helpOption('-h, --help', 'show help')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, helpWidth: 80 })
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      outputError: (text, write) => write(`${parserError(text)}\n`),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ runbook show engagement          what usually breaks and how to fix it
  $ runbook search kafka duplicate   find a known issue across pipelines
  $ runbook list --json              every pipeline, as JSON

Exit codes: 0 success, 1 the check found problems, 2 usage or input error.`,
    );

  const context = (command: AnyCommand): Context => {
    const options = command.optsWithGlobals() as GlobalOptions;
    const level = colorLevel({ flag: options.color, env: io.env, isTTY: io.isTTY });
    const context = new Context(io, options, makeStyle(level), now());
    contexts.push(context);
    return context;
  };
  registerCommands(program, context, commandWord(args));
  return program;
}

/**
 * The argument parser's error as one line in the `runbook:` form, its "did you mean" kept:
 * `runbook: unknown option '--week' (did you mean --weeks?)`.
 */
export function parserError(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => line.trim());
  const message = lines[0]!.replace(/^error: /, '');
  const guess = lines.slice(1).find((line) => /^\(Did you mean /.test(line));
  return `runbook: ${sanitizeLine(message)}${guess ? ` (did you mean ${sanitizeLine(guess.slice('(Did you mean '.length))}` : ''}`;
}

/** Runs the CLI with `args` (without node and script) and returns the exit code. */
export async function run(
  args: readonly string[],
  io: Io,
  now: () => Date = () => new Date(),
  contexts: Context[] = [],
): Promise<number> {
  // `runbook help sla check` is `runbook sla check --help` (commander's help command takes one name), whatever
  // global options come first (`runbook --dir x help sla check`).
  const word = args.indexOf('help');
  if (word >= 0 && commandWord(args) === 'help' && args.length - word > 2)
    args = [...args.slice(0, word), ...args.slice(word + 1), '--help'];
  const program = buildProgram(io, now, contexts, args);
  if (args.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    for (const context of contexts) {
      context.finish();
      context.persist();
    }
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // The one place errors become exit codes: a check that found problems is 1, every other error of runbook's
    // (usage, input, a write that failed, input a rotation cannot use) is 2; anything else is a bug, 70.
    if (error instanceof RunbookError) {
      if (error.message)
        io.err(
          `${error.message
            .split('\n')
            .map((line) => `runbook: ${sanitizeLine(line)}`)
            .join('\n')}\n`,
        );
      // A check that found problems answered all the same: what it loaded is kept for the next run.
      if (error instanceof CheckFailed) {
        for (const context of contexts) context.persist();
        return 1;
      }
      return 2;
    }
    io.err(
      `runbook: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug; please report it with the command you ran.\n`,
    );
    return 70;
  }
}

/**
 * The CLI entry. Returns whether this was a typical run (runbooks answered from the look-up cache): the code
 * cache is made from such a run, so it holds what a warm command compiles, not a first run's parsing code.
 */
/** Runs the command line; `said` is a stderr line the start-up code already wrote (not written again). */
export async function main(argv: readonly string[], said?: string): Promise<boolean> {
  const screen = terminal();
  // On a terminal, output is held until the command ends, then paged when it is taller than the screen.
  const pager = screen.isTTY ? pagerCommand(process.env, argv.slice(2)) : undefined;
  let held = '';
  const io: Io = {
    out: pager ? (text) => void (held += text) : (text) => writeAll(1, text),
    err: (text) => (text === said ? undefined : writeAll(2, text)),
    env: process.env,
    cwd: process.cwd(),
    ...screen,
  };
  const contexts: Context[] = [];
  process.exitCode = await run(argv.slice(2), io, () => new Date(), contexts);
  if (held !== '') {
    const tall = held.split('\n').length - 1 >= (screen.rows ?? 24);
    if (!(pager && tall && page(pager, held, process.env))) writeAll(1, held);
  }
  return contexts.some((context) => context.answeredFromCache);
}
