import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZaloClient, toZaloBody } from "../../src/channel/zalo/client.js";
import { ZaloApiError } from "../../src/channel/zalo/errors.js";
import { silentLogger } from "../helpers/logger.js";

const API = "https://openapi.zalo.test";
const USER = "2468458835291979229";

function client(tokens = { getAccessToken: async () => "tok-1", forceRefresh: async () => "tok-2" }) {
  const sleeps: number[] = [];
  const c = new ZaloClient(tokens, silentLogger, {
    baseUrl: API, timeoutMs: 500, maxAttempts: 3, baseDelayMs: 100, random: () => 0.5,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { c, sleeps };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("Zalo client", () => {
  it("posts a customer-service text with the access_token header and returns the message id", async () => {
    const scope = nock(API, { reqheaders: { access_token: "tok-1", "content-type": /application\/json/ } })
      .post("/v3.0/oa/message/cs", { recipient: { user_id: USER }, message: { text: "Xin chào" } })
      .reply(200, { error: 0, message: "Success", data: { message_id: "m1", user_id: USER } });
    await expect(client().c.send(USER, { text: "Xin chào" })).resolves.toBe("m1");
    expect(scope.isDone()).toBe(true);
  });

  it("maps buttons to oa.query.show, oa.open.url and oa.open.phone", () => {
    const body = toZaloBody(USER, {
      text: "Chọn",
      buttons: [
        { kind: "query", title: "Gặp cán bộ", payload: "Gặp cán bộ" },
        { kind: "url", title: "Nộp trực tuyến", url: "https://dichvucong.gov.vn" },
        { kind: "phone", title: "Gọi", phone: "84912345678" },
      ],
    });
    expect(body).toEqual({
      recipient: { user_id: USER },
      message: {
        text: "Chọn",
        attachment: { type: "template", payload: { buttons: [
          { title: "Gặp cán bộ", type: "oa.query.show", payload: "Gặp cán bộ" },
          { title: "Nộp trực tuyến", type: "oa.open.url", payload: { url: "https://dichvucong.gov.vn" } },
          { title: "Gọi", type: "oa.open.phone", payload: { phone_code: "84912345678" } },
        ] } },
      },
    });
  });

  it("retries -32 and HTTP 5xx with growing, jittered delays, then succeeds", async () => {
    nock(API).post("/v3.0/oa/message/cs").reply(200, { error: -32, message: "Your application reached limit call api" });
    nock(API).post("/v3.0/oa/message/cs").reply(503, "busy");
    nock(API).post("/v3.0/oa/message/cs").reply(200, { error: 0, data: { message_id: "m2" } });
    const { c, sleeps } = client();
    await expect(c.send(USER, { text: "x" })).resolves.toBe("m2");
    expect(sleeps).toEqual([100, 200]);
  });

  it("retries a timeout, and gives up after the bounded number of attempts", async () => {
    nock(API).post("/v3.0/oa/message/cs").times(3).delay(800).reply(200, { error: 0, data: { message_id: "late" } });
    const { c, sleeps } = client();
    await expect(c.send(USER, { text: "x" })).rejects.toMatchObject({ kind: "retryable" });
    expect(sleeps).toHaveLength(2);
  });

  it("does not retry an interaction-window error (-230)", async () => {
    const scope = nock(API).post("/v3.0/oa/message/cs").reply(200, { error: -230, message: "User has not interacted with the OA in the past 7 days" });
    const { c, sleeps } = client();
    const error = await c.send(USER, { text: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error).toMatchObject({ code: -230, kind: "window" });
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it("does not retry a permanent error (-201)", async () => {
    nock(API).post("/v3.0/oa/message/cs").reply(200, { error: -201, message: "user_id is invalid!" });
    await expect(client().c.send(USER, { text: "x" })).rejects.toMatchObject({ code: -201, kind: "permanent" });
  });

  it("on -216 refreshes once and retries once with the new token, and never loops", async () => {
    let refreshes = 0;
    const tokens = { getAccessToken: async () => "old", forceRefresh: async () => (refreshes++, "new") };
    nock(API, { reqheaders: { access_token: "old" } }).post("/v3.0/oa/message/cs").reply(200, { error: -216, message: "Access token is invalid" });
    nock(API, { reqheaders: { access_token: "new" } }).post("/v3.0/oa/message/cs").reply(200, { error: -216, message: "Access token is invalid" });
    await expect(client(tokens).c.send(USER, { text: "x" })).rejects.toMatchObject({ kind: "auth" });
    expect(refreshes).toBe(1);
  });
});
