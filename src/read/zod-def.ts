/**
 * The parts of a zod schema that "did you mean" and salvaging walk, read through zod's public classes and
 * accessors (`shape`, `element`, `options`, `unwrap()`, a pipe's `in`), not its internal definitions.
 */
import { z } from 'zod';

/** The schema beneath `optional`, `nullable`, `default` and `prefault`. */
export function withoutWrappers(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodPrefault
  )
    current = current.unwrap() as z.ZodType;
  return current;
}

/** The input side of a pipe (a checked or transformed value), all the way down. */
export function pipeInput(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodPipe) current = current.in as z.ZodType;
  return current;
}

/** An object schema's keys and their schemas, or undefined for anything else. */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  return schema instanceof z.ZodObject ? schema.shape : undefined;
}

/** A list schema's item schema, or undefined. */
export function elementOf(schema: z.ZodType): z.ZodType | undefined {
  return schema instanceof z.ZodArray ? (schema.element as z.ZodType) : undefined;
}

/** A union's branches (a discriminated union is one too), or undefined. */
export function optionsOf(schema: z.ZodType): readonly z.ZodType[] | undefined {
  return schema instanceof z.ZodUnion ? (schema.options as readonly z.ZodType[]) : undefined;
}

/** Whether a schema checks a string or picks one of named values: a failed value is still the name written. */
export function isTextual(schema: z.ZodType): boolean {
  // `type` is public; string formats (e-mail, ISO date) are classes of their own, each of type 'string'.
  return schema.type === 'string' || schema.type === 'enum';
}
