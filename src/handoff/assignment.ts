export interface AgentLoad {
  id: number;
  onDuty: boolean;
  disabled: boolean;
  capacity: number;
  open: number;
  lastAssignedAt: number | null;
}

/** Waiting counted in office time: under WAIT_WARN_MS is fine, from WAIT_DANGER_MS on it is late. */
export const WAIT_WARN_MS = 5 * 60_000;
export const WAIT_DANGER_MS = 15 * 60_000;

function byTurn(a: AgentLoad, b: AgentLoad): number {
  if (a.lastAssignedAt !== b.lastAssignedAt) {
    if (a.lastAssignedAt === null) return -1;
    if (b.lastAssignedAt === null) return 1;
    return a.lastAssignedAt - b.lastAssignedAt;
  }
  return a.id - b.id;
}

/** Round robin: among available agents, the one whose last assignment is oldest (never assigned first). */
export function pickAgent(agents: AgentLoad[]): number | null {
  const available = agents.filter((a) => a.onDuty && !a.disabled && a.open < a.capacity);
  return available.sort(byTurn)[0]?.id ?? null;
}

export function waitTone(officeMsWaited: number): "ok" | "warn" | "danger" {
  if (officeMsWaited < WAIT_WARN_MS) return "ok";
  return officeMsWaited < WAIT_DANGER_MS ? "warn" : "danger";
}
