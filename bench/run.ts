/**
 * `npm run bench -- <suite...> [--ops N] [--duration S] [--engine sqlite|postgres] [--concurrency N] [--request-max N]
 *   [--scenario NAME]...`
 *
 * Each suite lives in bench/<suite>.ts and exports `run(options)`. `--scenario` runs only the named
 * scenarios of the suites that support it (payments), e.g. with BENCH_CPU_PROFILE=<dir> to profile one. Every scenario prints one JSON
 * line to stdout; progress goes to stderr. SQLite always runs; PostgreSQL runs too when
 * DATABASE_URL is postgres://… (a fresh database is created on that server and dropped after).
 * Flags may also come from the environment: BENCH_OPS, BENCH_DURATION, BENCH_ENGINES,
 * BENCH_CONCURRENCY, BENCH_REQUEST_MAX.
 */
import { parseArgs } from "node:util";
import type { Engine } from "../src/store/index.js";
import { type BenchOptions, log } from "./harness.js";

interface Suite {
  run(options: BenchOptions): Promise<void>;
}

const SUITES: Readonly<Record<string, () => Promise<Suite>>> = {
  ledger: () => import("./ledger.js"),
  payments: () => import("./payments.js"),
  usage: () => import("./usage.js"),
};

const CONCURRENCY_MAX = 4_096;
const DURATION_S_MAX = 3_600;
const REQUEST_TRANSFERS_MAX_DEFAULT = 10;

function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ops: { type: "string" },
      duration: { type: "string" },
      scenario: { type: "string", multiple: true },
      engine: { type: "string", multiple: true },
      concurrency: { type: "string" },
      "request-max": { type: "string" },
    },
  });
  const names = positionals.length > 0 ? positionals : Object.keys(SUITES);
  for (const name of names) {
    if (SUITES[name] === undefined) throw new Error(`unknown suite "${name}"; known: ${Object.keys(SUITES).join(", ")}`);
  }
  const env = process.env;
  const url = env.DATABASE_URL ?? "";
  const pgAdminUrl = /^postgres(ql)?:\/\//.test(url) ? url : null;
  const engineList = (values.engine?.join(",") ?? env.BENCH_ENGINES ?? (pgAdminUrl === null ? "sqlite" : "sqlite,postgres")).split(",");
  const options: BenchOptions = {
    engines: engineList.map(parseEngine),
    ops: optionalInt(values.ops ?? env.BENCH_OPS, "--ops", 1, 100_000_000),
    pgAdminUrl,
    concurrency: optionalInt(values.concurrency ?? env.BENCH_CONCURRENCY, "--concurrency", 1, CONCURRENCY_MAX),
    durationS: optionalInt(values.duration ?? env.BENCH_DURATION, "--duration", 1, DURATION_S_MAX),
    scenarios: values.scenario ?? null,
    requestTransfersMax:
      optionalInt(values["request-max"] ?? env.BENCH_REQUEST_MAX, "--request-max", 1, 8_190) ?? REQUEST_TRANSFERS_MAX_DEFAULT,
  };
  if (options.engines.includes("postgres") && pgAdminUrl === null) throw new Error("--engine postgres needs DATABASE_URL=postgres://…");
  return runSuites(names, options);
}

async function runSuites(names: readonly string[], options: BenchOptions): Promise<void> {
  for (const name of names) {
    log(`suite ${name}: engines ${options.engines.join(", ")}`);
    const suite = await SUITES[name]!();
    await suite.run(options);
  }
}

function parseEngine(value: string): Engine {
  if (value === "sqlite" || value === "postgres") return value;
  throw new Error(`engine must be sqlite or postgres (got "${value}")`);
}

function optionalInt(value: string | undefined, name: string, min: number, max: number): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in ${min}..${max} (got "${value}")`);
  return n;
}

// Exit explicitly (a stray handle must not keep a finished run alive), once stdout is flushed.
main().then(
  () => process.stdout.write("", () => process.exit(0)),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
