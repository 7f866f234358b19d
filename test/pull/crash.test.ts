/**
 * The crash test: `pull --out --state` is killed with SIGKILL at seeded random moments (once or
 * twice a trial), then run again until it completes; the output must then hold exactly the
 * server's logs, each once, every line whole. A moment is a seeded request of the run (as the
 * server receives it) and a seeded delay of up to 20 ms after it, so that the kills land mid-run
 * however loaded the machine is: while a page is in flight, between a write and its state, during
 * a retry. Pages of 100 through seconds shared by 40 logs, and a few injected 503s. A last test
 * checks that the kills did land mid-run, so the trials can fail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeLogs, startAuditLogServer, type AuditLogServer } from '../../harness/audit-log-server.ts';
import { random as seededRandom } from '../../harness/corpus.ts';
import { idsOfLines, KEY, usePullWorkspace } from './run-pull.ts';

const TRIALS = 20;
const SEED = 1919;
const LOGS = 2000;

const workspace = usePullWorkspace();
const random = seededRandom(SEED);
let server: AuditLogServer;
let wanted: string;
/** How many requests a whole run makes, counted once: the kills are spread over them. */
let runRequests = 0;
let interrupted = 0;

const args = (n: number) => [
  '--base-url',
  server.baseUrl,
  '--out',
  `crash-${n}.jsonl`,
  '--state',
  `crash-${n}.state.json`,
  '--retry-delay',
  '1ms',
  '--timeout',
  '5s',
  '-q',
];

beforeAll(async () => {
  const logs = makeLogs(LOGS, { perSecond: 40 });
  server = await startAuditLogServer(KEY, logs);
  wanted = JSON.stringify(logs.map((log) => log.id).sort());
  const faults = seededRandom(SEED + 1);
  server.faultPlan = () => (faults() < 0.03 ? { kind: 'status', status: 503 } : undefined);
  const run = await workspace.run(args(0));
  runRequests = server.requests.length;
  expect(run.code).toBe(0);
});
afterAll(() => server.close());

it.each(Array.from({ length: TRIALS }, (_, i) => i + 1))(
  "trial %i: killed, rerun, the output is the server's logs exactly",
  async (n) => {
    const kills = random() < 0.5 ? 1 : 2;
    for (let k = 0; k < kills; k++) {
      const { child, done } = workspace.start(args(n));
      const first = server.requests.length;
      const at = 1 + Math.floor(random() * runRequests);
      const delay = random() * 20;
      let timer: NodeJS.Timeout | undefined;
      server.onRequest = (_request, number) => {
        if (number - first === at) timer = setTimeout(() => child.kill('SIGKILL'), delay);
      };
      const run = await done;
      server.onRequest = undefined;
      clearTimeout(timer);
      if (run.signal === 'SIGKILL') {
        const partial = idsOfLines(workspace.read(`crash-${n}.jsonl`).replace(/[^\n]*$/, '')).length;
        if (k === 0 && partial > 0 && partial < LOGS) interrupted++;
      } else expect(run.code).toBe(0);
    }
    let final = await workspace.run(args(n));
    for (let attempt = 0; attempt < 2 && final.code !== 0; attempt++) final = await workspace.run(args(n));
    expect(final.code).toBe(0);
    const ids = idsOfLines(workspace.read(`crash-${n}.jsonl`));
    expect(ids.length).toBe(LOGS);
    expect(JSON.stringify([...ids].sort())).toBe(wanted);
  },
);

it('the kills landed mid-run: most first runs left a partial output behind', () => {
  console.log(`${interrupted} of ${TRIALS} first runs were killed mid-run`);
  expect(interrupted).toBeGreaterThanOrEqual(TRIALS / 2);
});
