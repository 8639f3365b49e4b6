/**
 * Who is calling. Every API key belongs to exactly one principal; every read and write checks
 * that this principal may touch that object (an agent never sees another user's payment).
 */
export const OPERATOR_ROLES = ["admin", "risk", "finance", "support"] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export type Principal =
  | { readonly type: "operator"; readonly id: string; readonly role: OperatorRole }
  | { readonly type: "user"; readonly id: string }
  | { readonly type: "agent"; readonly id: string; readonly userId: string }
  | { readonly type: "merchant"; readonly id: string };

export type PrincipalType = Principal["type"];

/** The audit trail names actors as `type:id`; the system itself acts as `system:agentpay`. */
export function actorOf(p: Principal | null): { actorType: string; actorId: string } {
  return p === null ? { actorType: "system", actorId: "agentpay" } : { actorType: p.type, actorId: p.id };
}
