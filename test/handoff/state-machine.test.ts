import { describe, expect, it } from "vitest";
import { buildOfficeCalendar, SAMPLE_OFFICE_SCHEDULE } from "../../src/handoff/calendar-schema.js";
import {
  type HandoffEvent, type HandoffSnapshot, InvalidTransition, isOpen, releaseDue, STATUS_LABELS, transition,
} from "../../src/handoff/state-machine.js";

const vn = (local: string): number => Date.parse(`${local}:00+07:00`);
const MIN = 60_000;
const HOUR = (n: number): number => n * 60 * MIN;

const cal = buildOfficeCalendar(SAMPLE_OFFICE_SCHEDULE, {
  2026: {
    holidays: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"].map((date) => ({ date, name: "Tết" })),
    working_days: [],
  },
});

const OPEN_AT = vn("2026-03-10T09:00"); // a Tuesday morning

/** Applies events in order, each at its own instant, and returns the last result with all effects seen. */
function run(events: Array<[HandoffEvent, number]>, start: HandoffSnapshot | null = null) {
  let snapshot = start;
  const all = [];
  for (const [event, at] of events) {
    const result = transition(snapshot, event, at, cal);
    snapshot = result.snapshot;
    all.push(...result.effects);
  }
  return { snapshot: snapshot!, effects: all };
}

const opened = (at = OPEN_AT) => transition(null, { type: "open", reason: "asked", teamSlug: "dat-dai" }, at, cal).snapshot!;
const claimed = (at = OPEN_AT + MIN) => transition(opened(), { type: "assign", agentId: 7, how: "claim" }, at, cal).snapshot!;

describe("opening a handoff", () => {
  it("waits for the team, acknowledges once and tells the team during office hours", () => {
    const { snapshot, effects } = transition(null, { type: "open", reason: "asked", teamSlug: "dat-dai" }, OPEN_AT, cal);
    expect(snapshot).toEqual({
      status: "waiting", reason: "asked", teamSlug: "dat-dai", assigneeId: null, createdAt: OPEN_AT, claimedAt: null,
      firstResponseAt: null, closedAt: null, lastStaffReplyAt: null, outOfHoursNoticeDay: null, viaOaManager: false,
    });
    expect(effects).toEqual([
      { type: "status_changed", from: null, to: "waiting" },
      { type: "acknowledge", outOfHours: false, nextOpening: null },
      { type: "notify_team", teamSlug: "dat-dai" },
    ]);
  });

  it("gives the next opening time in an acknowledgement out of hours (Saturday → Monday 7:30)", () => {
    const { snapshot, effects } = transition(null, { type: "open", reason: "repeated_failure", teamSlug: "chung" }, vn("2026-03-14T10:00"), cal);
    expect(effects).toContainEqual({ type: "acknowledge", outOfHours: true, nextOpening: vn("2026-03-16T07:30") });
    expect(snapshot?.outOfHoursNoticeDay).toBe("2026-03-14");
  });

  it("gives the first working day after Tết in an acknowledgement during Tết", () => {
    const { effects } = transition(null, { type: "open", reason: "entry_always", teamSlug: "ho-tich" }, vn("2026-02-17T09:00"), cal);
    expect(effects).toContainEqual({ type: "acknowledge", outOfHours: true, nextOpening: vn("2026-02-23T07:30") });
  });

  it("does nothing when a handoff is already open", () => {
    const s = claimed();
    expect(transition(s, { type: "open", reason: "not_helpful", teamSlug: "chung" }, OPEN_AT + 5 * MIN, cal)).toEqual({ snapshot: s, effects: [] });
  });

  it("starts a new handoff after a closed one", () => {
    const closed = transition(claimed(), { type: "close" }, OPEN_AT + 10 * MIN, cal).snapshot;
    const { snapshot, effects } = transition(closed, { type: "open", reason: "entry_offer_accepted", teamSlug: "kinh-doanh" }, OPEN_AT + HOUR(1), cal);
    expect(snapshot).toMatchObject({ status: "waiting", reason: "entry_offer_accepted", teamSlug: "kinh-doanh", assigneeId: null, closedAt: null });
    expect(effects[0]).toEqual({ type: "status_changed", from: null, to: "waiting" });
  });

  it("does not acknowledge a handoff opened for an OA Manager reply", () => {
    const { effects } = transition(null, { type: "open", reason: "oa_manager", teamSlug: "chung" }, OPEN_AT, cal);
    expect(effects.map((e) => e.type)).toEqual(["status_changed", "notify_team"]);
  });
});

describe("citizen messages while handed over", () => {
  it("stays silent during office hours", () => {
    expect(transition(opened(), { type: "citizen_message" }, OPEN_AT + MIN, cal).effects).toEqual([]);
  });

  it("sends the out-of-hours notice at most once a day", () => {
    const { snapshot, effects } = run([
      [{ type: "citizen_message" }, vn("2026-03-10T18:00")],
      [{ type: "citizen_message" }, vn("2026-03-10T21:00")],
      [{ type: "citizen_message" }, vn("2026-03-11T06:00")],
      [{ type: "citizen_message" }, vn("2026-03-11T06:30")],
    ], opened());
    expect(effects).toEqual([
      { type: "out_of_hours_notice", nextOpening: vn("2026-03-11T07:30") },
      { type: "out_of_hours_notice", nextOpening: vn("2026-03-11T07:30") },
    ]);
    expect(snapshot.outOfHoursNoticeDay).toBe("2026-03-11");
  });

  it("does not repeat the notice on the day an out-of-hours acknowledgement was sent", () => {
    const saturday = transition(null, { type: "open", reason: "asked", teamSlug: "chung" }, vn("2026-03-14T10:00"), cal).snapshot;
    expect(transition(saturday, { type: "citizen_message" }, vn("2026-03-14T10:05"), cal).effects).toEqual([]);
    expect(transition(saturday, { type: "citizen_message" }, vn("2026-03-15T08:00"), cal).effects).toEqual([
      { type: "out_of_hours_notice", nextOpening: vn("2026-03-16T07:30") },
    ]);
  });

  it("also notifies out of hours while a cán bộ has the conversation", () => {
    expect(transition(claimed(), { type: "citizen_message" }, vn("2026-03-10T12:00"), cal).effects).toEqual([
      { type: "out_of_hours_notice", nextOpening: vn("2026-03-10T13:30") },
    ]);
  });

  it("says nothing out of hours while a cán bộ is writing (OA Manager, or a reply within the hour)", () => {
    const replied = { ...claimed(), lastStaffReplyAt: vn("2026-03-10T11:40") };
    expect(transition(replied, { type: "citizen_message" }, vn("2026-03-10T12:00"), cal).effects).toEqual([]);
    expect(transition({ ...claimed(), viaOaManager: true }, { type: "citizen_message" }, vn("2026-03-10T12:00"), cal).effects).toEqual([]);
  });
});

describe("assignment and staff replies", () => {
  it("moves to the cán bộ on an automatic assignment", () => {
    const at = OPEN_AT + MIN;
    const { snapshot, effects } = transition(opened(), { type: "assign", agentId: 3, how: "auto" }, at, cal);
    expect(snapshot).toMatchObject({ status: "with_agent", assigneeId: 3, claimedAt: at, firstResponseAt: null });
    expect(effects).toEqual([{ type: "status_changed", from: "waiting", to: "with_agent" }]);
  });

  it("lets a claim reassign a conversation someone already has, restarting the claim clock", () => {
    const at = OPEN_AT + 20 * MIN;
    const { snapshot, effects } = transition(claimed(), { type: "assign", agentId: 9, how: "claim" }, at, cal);
    expect(snapshot).toMatchObject({ status: "with_agent", assigneeId: 9, claimedAt: at });
    expect(effects).toEqual([]);
  });

  it("ignores a second claim by the same cán bộ", () => {
    const s = claimed();
    expect(transition(s, { type: "assign", agentId: 7, how: "claim" }, OPEN_AT + HOUR(1), cal)).toEqual({ snapshot: s, effects: [] });
  });

  it("refuses an automatic assignment of a conversation that already has a cán bộ", () => {
    expect(() => transition(claimed(), { type: "assign", agentId: 9, how: "auto" }, OPEN_AT, cal)).toThrow("Cuộc trò chuyện đã có cán bộ nhận.");
  });

  it("records the first response once and every later reply", () => {
    const { snapshot } = run([
      [{ type: "staff_reply", agentId: 7 }, OPEN_AT + 5 * MIN],
      [{ type: "staff_reply", agentId: 7 }, OPEN_AT + 9 * MIN],
    ], claimed());
    expect(snapshot).toMatchObject({ firstResponseAt: OPEN_AT + 5 * MIN, lastStaffReplyAt: OPEN_AT + 9 * MIN, assigneeId: 7 });
  });

  it("takes a waiting conversation for the cán bộ who replies to it", () => {
    const at = OPEN_AT + 2 * MIN;
    const { snapshot, effects } = transition(opened(), { type: "staff_reply", agentId: 4 }, at, cal);
    expect(snapshot).toMatchObject({ status: "with_agent", assigneeId: 4, claimedAt: at, firstResponseAt: at, lastStaffReplyAt: at });
    expect(effects).toEqual([{ type: "status_changed", from: "waiting", to: "with_agent" }]);
  });
});

describe("replies from Zalo OA Manager", () => {
  it("opens a handoff already with a cán bộ when the assistant had the citizen", () => {
    const { snapshot, effects } = transition(null, { type: "oa_manager_reply" }, OPEN_AT, cal);
    expect(snapshot).toMatchObject({
      status: "with_agent", reason: "oa_manager", teamSlug: "chung", viaOaManager: true, assigneeId: null, firstResponseAt: OPEN_AT,
    });
    expect(effects).toEqual([{ type: "status_changed", from: null, to: "with_agent" }]);
  });

  it("takes over a waiting conversation without changing its team", () => {
    const { snapshot, effects } = transition(opened(), { type: "oa_manager_reply" }, OPEN_AT + MIN, cal);
    expect(snapshot).toMatchObject({ status: "with_agent", teamSlug: "dat-dai", viaOaManager: true, lastStaffReplyAt: OPEN_AT + MIN });
    expect(effects).toEqual([{ type: "status_changed", from: "waiting", to: "with_agent" }]);
  });

  it("starts over after a closed handoff", () => {
    const closed = transition(claimed(), { type: "close" }, OPEN_AT + 10 * MIN, cal).snapshot;
    const { snapshot } = transition(closed, { type: "oa_manager_reply" }, OPEN_AT + HOUR(2), cal);
    expect(snapshot).toMatchObject({ status: "with_agent", reason: "oa_manager", createdAt: OPEN_AT + HOUR(2), closedAt: null });
  });
});

describe("transfer, release and close", () => {
  it("puts a transferred conversation in the new team's queue, unassigned", () => {
    const { snapshot, effects } = transition(claimed(), { type: "transfer", teamSlug: "ho-tich" }, OPEN_AT + 5 * MIN, cal);
    expect(snapshot).toMatchObject({ status: "waiting", teamSlug: "ho-tich", assigneeId: null, claimedAt: null });
    expect(effects).toEqual([{ type: "status_changed", from: "with_agent", to: "waiting" }, { type: "notify_team", teamSlug: "ho-tich" }]);
  });

  it("moves a waiting conversation to another queue without a status change", () => {
    expect(transition(opened(), { type: "transfer", teamSlug: "chung" }, OPEN_AT + MIN, cal).effects).toEqual([{ type: "notify_team", teamSlug: "chung" }]);
  });

  it("releases an unanswered claim back to the queue and alerts the lead", () => {
    const { snapshot, effects } = transition(claimed(), { type: "release" }, OPEN_AT + HOUR(1), cal);
    expect(snapshot).toMatchObject({ status: "waiting", teamSlug: "dat-dai", assigneeId: null, claimedAt: null });
    expect(effects).toEqual([
      { type: "status_changed", from: "with_agent", to: "waiting" },
      { type: "notify_team", teamSlug: "dat-dai" },
      { type: "alert_lead", teamSlug: "dat-dai" },
    ]);
  });

  it("closes with a closing message and keeps the times for the reports", () => {
    const at = OPEN_AT + HOUR(1);
    const { snapshot, effects } = transition(claimed(), { type: "close" }, at, cal);
    expect(snapshot).toMatchObject({ status: "closed", closedAt: at, createdAt: OPEN_AT, assigneeId: 7 });
    expect(effects).toEqual([{ type: "status_changed", from: "with_agent", to: "closed" }, { type: "closing_message" }]);
    expect(isOpen(snapshot)).toBe(false);
  });
});

describe("invalid transitions", () => {
  const closed = transition(claimed(), { type: "close" }, OPEN_AT + 10 * MIN, cal).snapshot;

  it.each<HandoffEvent>([
    { type: "staff_reply", agentId: 7 },
    { type: "assign", agentId: 7, how: "claim" },
    { type: "citizen_message" },
    { type: "transfer", teamSlug: "chung" },
    { type: "release" },
    { type: "close" },
  ])("refuses $type on a closed conversation with a message for staff", (event) => {
    expect(() => transition(closed, event, OPEN_AT + HOUR(1), cal)).toThrow(new InvalidTransition("Cuộc trò chuyện đã kết thúc."));
  });

  it("refuses to assign or reply when the citizen is with the assistant", () => {
    expect(() => transition(null, { type: "assign", agentId: 1, how: "auto" }, OPEN_AT, cal)).toThrow(InvalidTransition);
    expect(() => transition(null, { type: "staff_reply", agentId: 1 }, OPEN_AT, cal)).toThrow("Người dân chưa được chuyển sang cán bộ.");
  });

  it("refuses to release a conversation nobody has claimed", () => {
    expect(() => transition(opened(), { type: "release" }, OPEN_AT, cal)).toThrow("Cuộc trò chuyện chưa có cán bộ nhận.");
  });
});

describe("release timing", () => {
  const LIMIT = 30 * MIN;

  it("is due once the claim has gone unanswered for the limit in office time", () => {
    const s = claimed(vn("2026-03-10T09:00"));
    expect(releaseDue(s, vn("2026-03-10T09:29"), cal, LIMIT)).toBe(false);
    expect(releaseDue(s, vn("2026-03-10T09:30"), cal, LIMIT)).toBe(true);
  });

  it("counts office time only: lunch, nights, weekends and Tết do not count", () => {
    expect(releaseDue(claimed(vn("2026-03-10T11:15")), vn("2026-03-10T13:44"), cal, LIMIT)).toBe(false);
    expect(releaseDue(claimed(vn("2026-03-10T11:15")), vn("2026-03-10T13:45"), cal, LIMIT)).toBe(true);
    expect(releaseDue(claimed(vn("2026-03-13T16:50")), vn("2026-03-16T07:45"), cal, LIMIT)).toBe(false);
    expect(releaseDue(claimed(vn("2026-02-13T16:50")), vn("2026-02-23T07:50"), cal, LIMIT)).toBe(true);
  });

  it("is not due once a cán bộ has replied since the claim", () => {
    const s = transition(claimed(vn("2026-03-10T09:00")), { type: "staff_reply", agentId: 7 }, vn("2026-03-10T09:10"), cal).snapshot;
    expect(releaseDue(s, vn("2026-03-10T15:00"), cal, LIMIT)).toBe(false);
  });

  it("starts again after a reassignment, even if the earlier cán bộ had replied", () => {
    const replied = transition(claimed(vn("2026-03-10T09:00")), { type: "staff_reply", agentId: 7 }, vn("2026-03-10T09:10"), cal).snapshot;
    const reassigned = transition(replied, { type: "assign", agentId: 9, how: "claim" }, vn("2026-03-10T10:00"), cal).snapshot;
    expect(releaseDue(reassigned, vn("2026-03-10T10:29"), cal, LIMIT)).toBe(false);
    expect(releaseDue(reassigned, vn("2026-03-10T10:30"), cal, LIMIT)).toBe(true);
  });

  it("never releases a waiting, closed or OA Manager conversation", () => {
    expect(releaseDue(opened(), vn("2026-03-11T09:00"), cal, LIMIT)).toBe(false);
    expect(releaseDue(null, vn("2026-03-11T09:00"), cal, LIMIT)).toBe(false);
    const viaOa = transition(null, { type: "oa_manager_reply" }, OPEN_AT, cal).snapshot;
    expect(releaseDue(viaOa, vn("2026-03-12T09:00"), cal, LIMIT)).toBe(false);
  });
});

describe("labels", () => {
  it("names every status for staff in Vietnamese", () => {
    expect(STATUS_LABELS).toEqual({
      assistant: "Trợ lý đang trả lời", waiting: "Đang chờ cán bộ", with_agent: "Cán bộ đang hỗ trợ", closed: "Đã kết thúc",
    });
  });
});
