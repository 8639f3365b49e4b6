/**
 * The dispatcher's cursor over the audit trail: `next` (every sequence number below it was seen
 * or is a gap) and the gaps — numbers below `next` not seen yet, as ranges with the time they
 * were first noticed.
 *
 * Why gaps: on PostgreSQL `seq` comes from a sequence when the row is inserted, not when its
 * transaction commits, so a transaction holding seq 11 can commit after one holding seq 12 has
 * been read. A gap is re-checked on every pass until its event appears — then it is dispatched
 * — or until it is older than the grace period, when it is taken for a rolled-back insert (a
 * sequence number is consumed even when its transaction aborts). On SQLite writers are serial
 * and gaps are only ever rollbacks.
 */
export interface GapRange {
  /** First and last missing sequence numbers, inclusive. */
  readonly from: number;
  readonly to: number;
  readonly seenAtMs: number;
}

/** The ranges between `next` and the sequence numbers just read (ascending), and the new `next`. */
export function advance(next: number, seen: readonly number[], nowMs: number): { next: number; gaps: GapRange[] } {
  const gaps: GapRange[] = [];
  let expected = next;
  for (const seq of seen) {
    if (seq > expected) gaps.push({ from: expected, to: seq - 1, seenAtMs: nowMs });
    expected = Math.max(expected, seq + 1);
  }
  return { next: expected, gaps };
}

/** Removes the numbers found (ascending) from the ranges, splitting them where needed. */
export function fill(gaps: readonly GapRange[], found: readonly number[]): GapRange[] {
  if (found.length === 0) return [...gaps];
  const out: GapRange[] = [];
  for (const g of gaps) {
    let from = g.from;
    for (const seq of found) {
      if (seq < from || seq > g.to) continue;
      if (seq > from) out.push({ from, to: seq - 1, seenAtMs: g.seenAtMs });
      from = seq + 1;
    }
    if (from <= g.to) out.push({ from, to: g.to, seenAtMs: g.seenAtMs });
  }
  return out;
}

/** Drops gaps past their grace period, then the oldest ones beyond `rangesMax`. */
export function prune(gaps: readonly GapRange[], nowMs: number, graceMs: number, rangesMax: number): GapRange[] {
  const live = gaps.filter((g) => nowMs - g.seenAtMs <= graceMs);
  return live.length <= rangesMax ? live : live.slice(live.length - rangesMax);
}

export function parseGaps(text: string): GapRange[] {
  const raw = JSON.parse(text) as unknown;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((g): g is [number, number, number] => Array.isArray(g) && g.length === 3 && g.every((n) => typeof n === "number"))
    .map(([from, to, seenAtMs]) => ({ from, to, seenAtMs }));
}

/** Compact: [[from, to, seenAtMs], …]. */
export const formatGaps = (gaps: readonly GapRange[]): string => JSON.stringify(gaps.map((g) => [g.from, g.to, g.seenAtMs]));
