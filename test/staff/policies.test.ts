import { describe, expect, it } from "vitest";
import * as p from "../../src/admin/policies.js";
import type { StaffPrincipal } from "../../src/staff/principal.js";
import type { Role } from "../../src/staff/roles.js";

const who = (roles: Role[], teamIds: number[] = []): StaffPrincipal => ({ id: 1, username: "u", displayName: "U", roles, teamIds });

describe("policies", () => {
  it("user management, teams and the audit log are for admins only", () => {
    for (const check of [p.mayManageUsers, p.mayManageTeams, p.mayViewAudit]) {
      expect(check(who(["admin"]))).toBe(true);
      expect(check(who(["editor", "agent", "analyst"]))).toBe(false);
    }
  });

  it("an agent sees and answers only their teams' conversations; an admin sees all but answers only as an agent of the team", () => {
    const h = { teamId: 7 };
    expect(p.maySeeHandoff(who(["agent"], [7]), h)).toBe(true);
    expect(p.mayReplyHandoff(who(["agent"], [7]), h)).toBe(true);
    expect(p.maySeeHandoff(who(["agent"], [8]), h)).toBe(false);
    expect(p.mayReplyHandoff(who(["agent"], [8]), h)).toBe(false);
    expect(p.maySeeHandoff(who(["admin"]), h)).toBe(true);
    expect(p.mayReplyHandoff(who(["admin"]), h)).toBe(false);
    expect(p.maySeeHandoff(who(["editor"], [7]), h)).toBe(false);
    expect(p.mayUseInbox(who(["agent"]))).toBe(true);
    expect(p.mayUseInbox(who(["admin"]))).toBe(false);
  });

  it("knowledge is for editors and admins, reports for analysts and admins", () => {
    expect(p.mayEditKnowledge(who(["editor"]))).toBe(true);
    expect(p.mayEditKnowledge(who(["analyst"]))).toBe(false);
    expect(p.mayViewReports(who(["analyst"]))).toBe(true);
    expect(p.mayViewReports(who(["agent"]))).toBe(false);
    expect(p.mayEditKnowledge(who(["admin"])) && p.mayViewReports(who(["admin"]))).toBe(true);
  });
});
