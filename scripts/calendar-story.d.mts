// Types of calendar-story.mjs, for the TypeScript test that shares it.
export interface Step {
  name: string;
  tries?: string[][];
  edit?: { file: string; find: string; replace: string };
}
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
export const WINDOW: string[];
export const NOW: string;
export const PEOPLE: string[];
export function storySteps(seed: number): Step[];
export function runStep(
  step: Step,
  io: {
    run: (args: string[]) => Run | Promise<Run>;
    edit: (file: string, change: (text: string) => string) => void | Promise<void>;
  },
): Promise<{ done: string }>;
export function calendars(): { name: string; args: string[] }[];
