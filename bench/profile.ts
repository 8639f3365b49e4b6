/**
 * `tsx bench/profile.ts <file.cpuprofile> [--ops N] [--top N]`: where a profile's CPU time goes.
 * Prints self time by area (our modules, each library, the engine), the top functions by self
 * time and by inclusive time (a function counted once per sample it is on the stack of). With
 * --ops the figures are also given per operation, in microseconds.
 *
 * Profiles come from BENCH_CPU_PROFILE=<dir> (the measured window of each scenario only) or from
 * `node --cpu-prof`.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const TOP_DEFAULT = 30;

/** Groups a script URL into an area: src/<module>, bench, a package, node internals, or the engine. */
function areaOf(frame: ProfileNode["callFrame"]): string {
  const url = frame.url;
  if (url === "") return frame.functionName === "(garbage collector)" ? "(gc)" : frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg !== null) return pkg[1]!;
  const ours = /\/(src\/[^/]+|bench)\//.exec(url);
  if (ours !== null) return ours[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  return url;
}

function nameOf(frame: ProfileNode["callFrame"]): string {
  const file = frame.url.replace(/^.*\/(node_modules\/|src\/|bench\/)/, "$1");
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

function summarise(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === "(idle)") continue;
    totalUs += us;
    addTo(self, nameOf(node.callFrame), us);
    addTo(areas, areaOf(node.callFrame), us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const name = nameOf(byId.get(id)!.callFrame);
      if (!seen.has(name)) addTo(inclusive, name, us);
      seen.add(name);
    }
  }
  return { totalUs, self, inclusive, areas };
}

function print(title: string, map: Map<string, number>, totalUs: number, top: number, ops: number | null): void {
  process.stdout.write(`\n${title}\n`);
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, us] of rows) {
    const share = ((100 * us) / totalUs).toFixed(1).padStart(5);
    const perOp = ops === null ? "" : `${(us / ops).toFixed(1).padStart(8)} µs/op  `;
    process.stdout.write(`${share}%  ${perOp}${name}\n`);
  }
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { ops: { type: "string" }, top: { type: "string" } } });
  const file = positionals[0];
  if (file === undefined) throw new Error("usage: tsx bench/profile.ts <file.cpuprofile> [--ops N] [--top N]");
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const ops = values.ops === undefined ? null : Number(values.ops);
  const top = values.top === undefined ? TOP_DEFAULT : Number(values.top);
  const { totalUs, self, inclusive, areas } = summarise(profile);
  const perOp = ops === null ? "" : `, ${(totalUs / ops).toFixed(1)} µs per op`;
  process.stdout.write(`${file}: ${(totalUs / 1000).toFixed(0)} ms of CPU on the main thread (idle excluded)${perOp}\n`);
  print("self time by area", areas, totalUs, top, ops);
  print("self time by function", self, totalUs, top, ops);
  print("inclusive time by function", inclusive, totalUs, top, ops);
}

main();
