/**
 * The scheduled drift check (.github/workflows/drift.yml) cannot run here (it needs GitHub and
 * the network), so this checks what can go wrong before it ever runs: it parses, it is scheduled
 * weekly, every shell step is valid bash, every `npm run` names a script of package.json and
 * every `npm run sync` call is one the sync accepts, the SDK it compares is the newest `openai`
 * installed in a temporary folder, and the issue is opened only when a comparison exits 1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSyncArgs } from '../../../scripts/sync/sync.ts';
import { readJson } from '../../support/json.ts';
import { ROOT } from './support.ts';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
}
const WORKFLOW = '.github/workflows/drift.yml';
const workflow = parse(readFileSync(`${ROOT}${WORKFLOW}`, 'utf8')) as {
  on: { schedule: { cron: string }[] };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const scripts = steps.flatMap((step) => (step.run ? [step.run] : []));
/** Every command line of the shell steps, continuation lines joined. */
const commands = scripts.flatMap((script) => script.replace(/\\\n\s*/g, ' ').split('\n')).map((line) => line.trim());
/** `npm run [--silent] <script> [-- args]`, with the words after `--` (quotes and shell variables resolved to placeholders). */
const npmRuns = commands.flatMap((line) => {
  // What the issue's text quotes is not run.
  if (line.startsWith('echo ')) return [];
  const match = /\bnpm run (?:--silent )?(\S+)(?: -- ([^>|&]*))?/.exec(line);
  if (!match) return [];
  const args = (match[2] ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/"/g, '').replace(/\$\w+/g, '/tmp/placeholder'));
  return [{ script: match[1]!, args }];
});
const stepWith = (pattern: RegExp) => steps.find((step) => step.run !== undefined && pattern.test(step.run));

describe(WORKFLOW, () => {
  it('runs weekly (one day of the week, any day of the month), and by hand', () => {
    expect(workflow.on.schedule).toHaveLength(1);
    const fields = workflow.on.schedule[0]!.cron.split(' ');
    expect(fields).toHaveLength(5);
    expect([fields[2], fields[3], /^[0-6]$/.test(fields[4]!)]).toEqual(['*', '*', true]);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', issues: 'write' });
  });

  it.each(scripts.map((script, index) => [index, script] as const))('shell step %i is valid bash', (_index, script) => {
    const check = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect([check.status, check.stderr]).toEqual([0, '']);
  });

  it('runs only npm scripts that exist, and sync with arguments it accepts', () => {
    const defined = Object.keys(readJson<{ scripts: Record<string, string> }>(`${ROOT}package.json`).scripts);
    expect(npmRuns.length).toBeGreaterThan(0);
    for (const { script, args } of npmRuns) {
      expect([script, defined.includes(script)]).toEqual([script, true]);
      if (script === 'sync') expect(() => parseSyncArgs(args, 'https://example.com/openapi.yaml')).not.toThrow();
    }
    const syncs = npmRuns.filter((run) => run.script === 'sync').map((run) => run.args[0]);
    expect(syncs).toEqual(['--latest', '--sdk']);
  });

  it('compares the newest openai, installed in a temporary folder, and records both exit codes', () => {
    const sdk = stepWith(/sync -- --sdk/)!;
    expect(sdk.run).toMatch(/(\w+)="\$\(mktemp -d\)"/);
    const folder = /(\w+)="\$\(mktemp -d\)"/.exec(sdk.run!)![1]!;
    expect(sdk.run).toContain(`npm install --prefix "$${folder}"`);
    expect(sdk.run).toMatch(/\sopenai@latest\b/);
    expect(sdk.run).toContain(`--sdk "$${folder}/node_modules/openai"`);
    for (const step of [stepWith(/sync -- --latest/)!, sdk]) {
      expect(step.id).toBeDefined();
      // The exit code is kept (not the step's failure), so that a difference still reaches the issue step.
      expect(step.run).toMatch(/^set \+e$/m);
      expect(step.run).toMatch(/echo "code=\$code" >> "\$GITHUB_OUTPUT"/);
    }
  });

  it('opens or updates the issue when either comparison exits 1, and fails when one exits 2', () => {
    const ids = [stepWith(/sync -- --latest/)!.id, stepWith(/sync -- --sdk/)!.id];
    const issue = stepWith(/gh issue create/)!;
    expect(issue.if).toBe(ids.map((id) => `steps.${id}.outputs.code == '1'`).join(' || '));
    expect(issue.run).toMatch(/gh issue list --state open --label drift/);
    expect(issue.run).toMatch(/gh issue edit "\$number"/);
    const failure = steps.find((step) => step.if?.includes("== '2'"))!;
    expect(failure.if).toBe(ids.map((id) => `steps.${id}.outputs.code == '2'`).join(' || '));
    expect(failure.run).toMatch(/exit 1/);
  });

  // Named, not linked: a relative link breaks on the npm page (test/package/readme.test.ts).
  it('CONTRIBUTING.md names it in the catch-up section', () => {
    const contributing = readFileSync(`${ROOT}CONTRIBUTING.md`, 'utf8');
    const section = contributing.slice(contributing.indexOf('## When OpenAI changes the event types'));
    expect(section.slice(0, section.indexOf('\n## ', 3))).toContain(`\`${WORKFLOW}\``);
  });
});
