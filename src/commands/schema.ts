import { Argument, Command } from '@commander-js/extra-typings';
import type { SchemaName } from '../model/json-schema.js';
import { examples, type MakeContext } from './command.js';

export function schemaCommand(context: MakeContext): Command {
  return new Command('schema')
    .description('print the JSON Schema of a runbook file, generated from the same schema the tool validates with')
    .addArgument(
      new Argument('[kind]', 'which file')
        .choices(['pipeline', 'roster', 'observations', 'overrides', 'lock'] satisfies SchemaName[])
        .default('pipeline'),
    )
    .addHelpText('after', examples('runbook schema pipeline > schema/pipeline.schema.json', 'runbook schema roster'))
    .action(async (kind, _options, command) => {
      const { jsonSchema } = await import('../model/json-schema.js');
      context(command).printJson(jsonSchema(kind));
    }) as unknown as Command;
}
