/**
 * A real webhook receiver for tests: node:http on 127.0.0.1, port 0. It records every request,
 * answers 500 to the next `failNext(n)` requests, and in `hang` mode keeps requests open until
 * `release()`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly json: any;
  /** The status this receiver answered (null while a hanging request is open). */
  status: number | null;
}

export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  /** Requests answered 2xx, in order. */
  delivered(): Received[];
  failNext(n: number): void;
  /** Answer every request with this status until changed (200 by default). */
  setStatus(status: number): void;
  setHang(hang: boolean): void;
  /** Requests held open right now. */
  hanging(): number;
  release(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const held: Array<{ res: http.ServerResponse; entry: Received }> = [];
  let failures = 0;
  let status = 200;
  let hang = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const entry: Received = { headers, body, json: JSON.parse(body), status: null };
      requests.push(entry);
      if (failures > 0) {
        failures--;
        entry.status = 500;
        res.writeHead(500).end("not now");
      } else if (hang) {
        held.push({ res, entry });
      } else {
        entry.status = status;
        res.writeHead(status).end("ok");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const release = () => {
    for (const { res, entry } of held.splice(0)) {
      entry.status = 200;
      if (!res.destroyed) res.writeHead(200).end("late");
    }
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests,
    delivered: () => requests.filter((r) => r.status !== null && r.status >= 200 && r.status < 300),
    failNext: (n) => {
      failures = n;
    },
    setStatus: (s) => {
      status = s;
    },
    setHang: (h) => {
      hang = h;
    },
    hanging: () => held.filter(({ res }) => !res.destroyed && !res.writableEnded).length,
    release,
    close: async () => {
      hang = false;
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Verifies a received request with the standardwebhooks verifier; returns the parsed payload or throws. */
export function verify(secret: string, r: Received): any {
  return new Webhook(secret).verify(r.body, r.headers);
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
