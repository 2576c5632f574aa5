import { describe, expect, it } from "vitest";
import { DEFAULT_TEAMS, DEFAULT_TOPIC_TEAM, teamForTopic } from "../../src/handoff/routing.js";
import { TOPICS } from "../../src/knowledge/topics.js";

const routes = new Map<string, string>(Object.entries(DEFAULT_TOPIC_TEAM));

describe("routing by field", () => {
  it("maps every topic to a seeded team", () => {
    const slugs = new Set<string>(DEFAULT_TEAMS.map((t) => t.slug));
    expect(Object.keys(DEFAULT_TOPIC_TEAM).sort()).toEqual([...TOPICS].sort());
    for (const team of Object.values(DEFAULT_TOPIC_TEAM)) expect(slugs.has(team)).toBe(true);
  });

  it("sends a land question to the land team and a birth registration to hộ tịch", () => {
    expect(teamForTopic("dat-dai", routes)).toBe("dat-dai");
    expect(teamForTopic("khai-sinh", routes)).toBe("ho-tich");
    expect(teamForTopic("gplx", routes)).toBe("cu-tru-can-cuoc");
  });

  it("falls back to the general team without a topic or a route", () => {
    expect(teamForTopic(null, routes)).toBe("chung");
    expect(teamForTopic("chu-de-moi", routes)).toBe("chung");
    expect(teamForTopic("dat-dai", new Map())).toBe("chung");
  });

  it("follows a route configured in the app", () => {
    expect(teamForTopic("thue", new Map([["thue", "thue-rieng"]]))).toBe("thue-rieng");
  });
});
