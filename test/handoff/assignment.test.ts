import { describe, expect, it } from "vitest";
import { type AgentLoad, pickAgent, WAIT_DANGER_MS, WAIT_WARN_MS, waitTone } from "../../src/handoff/assignment.js";

const agent = (id: number, over: Partial<AgentLoad> = {}): AgentLoad => ({
  id, onDuty: true, disabled: false, capacity: 3, open: 0, lastAssignedAt: 1_000, ...over,
});

describe("round-robin assignment", () => {
  it("picks the agent assigned longest ago", () => {
    expect(pickAgent([agent(1, { lastAssignedAt: 3_000 }), agent(2, { lastAssignedAt: 2_000 }), agent(3, { lastAssignedAt: 4_000 })])).toBe(2);
  });

  it("gives a never-assigned agent the first turn", () => {
    expect(pickAgent([agent(1, { lastAssignedAt: 1 }), agent(5, { lastAssignedAt: null }), agent(4, { lastAssignedAt: null })])).toBe(4);
  });

  it("breaks ties by id", () => {
    expect(pickAgent([agent(7), agent(3), agent(5)])).toBe(3);
  });

  it("goes round the team as assignments are recorded", () => {
    let team = [agent(1, { lastAssignedAt: null }), agent(2, { lastAssignedAt: null }), agent(3, { lastAssignedAt: null })];
    const picked: Array<number | null> = [];
    for (let now = 10; now <= 40; now += 10) {
      const id = pickAgent(team);
      picked.push(id);
      team = team.map((a) => (a.id === id ? { ...a, lastAssignedAt: now } : a));
    }
    expect(picked).toEqual([1, 2, 3, 1]);
  });

  it("skips agents off duty, disabled or at capacity", () => {
    const team = [
      agent(1, { onDuty: false, lastAssignedAt: null }),
      agent(2, { disabled: true, lastAssignedAt: null }),
      agent(3, { open: 3, lastAssignedAt: null }),
      agent(4, { open: 2, lastAssignedAt: 9_000 }),
    ];
    expect(pickAgent(team)).toBe(4);
  });

  it("returns null when nobody can take the conversation", () => {
    expect(pickAgent([])).toBeNull();
    expect(pickAgent([agent(1, { open: 3 }), agent(2, { capacity: 0 })])).toBeNull();
  });

  it("does not reorder the caller's list", () => {
    const team = [agent(2, { lastAssignedAt: 5 }), agent(1, { lastAssignedAt: 9 })];
    pickAgent(team);
    expect(team.map((a) => a.id)).toEqual([2, 1]);
  });
});

describe("waiting colour", () => {
  it("changes colour at 5 and 15 office minutes", () => {
    expect(WAIT_WARN_MS).toBe(5 * 60_000);
    expect(WAIT_DANGER_MS).toBe(15 * 60_000);
    expect(waitTone(WAIT_WARN_MS - 1)).toBe("ok");
    expect(waitTone(WAIT_WARN_MS)).toBe("warn");
    expect(waitTone(WAIT_DANGER_MS - 1)).toBe("warn");
    expect(waitTone(WAIT_DANGER_MS)).toBe("danger");
  });
});
