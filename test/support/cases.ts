import { expect, it } from 'vitest';

/** One row of a table test: a name, what is given, and what is wanted. */
export type Case<Given, Want> = [name: string, spec: { given: Given; want: Want }];

/** Runs a table of cases through `run`, one test per row, comparing with `toEqual`. */
export function runCases<Given, Want>(
  cases: readonly Case<Given, Want>[],
  run: (given: Given) => Want | Promise<Want>,
): void {
  it.each(cases.map(([name, spec]) => [name, spec] as const))('%s', async (_name, { given, want }) => {
    expect(await run(given)).toEqual(want);
  });
}
