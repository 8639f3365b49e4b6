/**
 * Server-side request forgery: an endpoint URL is chosen by a customer but requested by
 * AgentPay, from inside the deployment's network. So the URL is checked when it is registered
 * (scheme, no credentials, an IP literal must be allowed) and every address its host name
 * resolves to is checked again when a delivery connects — the check sits in the socket's DNS
 * lookup, so a name that resolves to a public address at registration and to 10.0.0.1 at
 * delivery (DNS rebinding) is still refused. Redirects are never followed.
 *
 * Policies (`AGENTPAY_WEBHOOK_ALLOW_PRIVATE`): `public` allows only globally routable
 * addresses; `loopback` adds this machine (127.0.0.0/8, ::1; for development and tests);
 * `any` allows private networks too (a deployment whose receivers live on its own LAN).
 */
import dns from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import type { TargetPolicy } from "./settings.js";

export const URL_LENGTH_MAX = 2_048;

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** Not globally routable: private, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved. */
const special = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  special.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  special.addSubnet(net, prefix, "ipv6");
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function normalise(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return { address: mapped[1], family: "ipv4" };
  return { address, family: isIP(address) === 4 ? "ipv4" : "ipv6" };
}

export function addressAllowed(raw: string, policy: TargetPolicy): boolean {
  if (policy === "any") return true;
  const { address, family } = normalise(raw);
  if (loopback.check(address, family)) return policy === "loopback";
  return !special.check(address, family);
}

/** Why a URL cannot be an endpoint, or null. Host names are checked again at each delivery. */
export function urlRefusal(text: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "must be an absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http or https URL";
  if (url.username !== "" || url.password !== "") return "must not carry credentials";
  if (url.hash !== "") return "must not have a fragment";
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) !== 0 && !addressAllowed(host, policy)) return `must not point at a ${policy === "public" ? "non-public" : "private"} address`;
  if (policy === "public" && (host === "localhost" || host.endsWith(".localhost"))) return "must not point at this machine";
  return null;
}

export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

/** A DNS lookup for sockets that refuses names resolving to any address the policy forbids. */
export function guardedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, "", 4);
      const blocked = addresses.find((a) => !addressAllowed(a.address, policy));
      if (blocked !== undefined) return callback(new BlockedAddressError(`${hostname} resolves to ${blocked.address}, which is not allowed`), "", 4);
      if (options.all === true) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(new BlockedAddressError(`${hostname} has no address`), "", 4);
      return callback(null, first.address, first.family);
    });
  };
}
