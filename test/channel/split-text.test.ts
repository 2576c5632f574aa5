import { describe, expect, it } from "vitest";
import { splitMessage } from "../../src/channel/zalo/client.js";
import { splitText, ZALO_TEXT_LIMIT } from "../../src/channel/zalo/split-text.js";

const cp = (s: string) => [...s].length;

describe("message splitting", () => {
  it("keeps a short text whole and normalises it to NFC", () => {
    const nfd = "Đăng ký khai sinh".normalize("NFD");
    expect(splitText(nfd)).toEqual(["Đăng ký khai sinh"]);
  });

  it("splits long answers on paragraph boundaries, each part within 2,000 code points", () => {
    const paragraph = "Giấy tờ cần chuẩn bị gồm tờ khai và giấy chứng sinh. ".repeat(15).trim();
    const text = Array.from({ length: 5 }, () => paragraph).join("\n\n");
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(cp(part)).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    expect(parts[0]).toBe([paragraph, paragraph].join("\n\n"));
    expect(parts.join("\n\n")).toBe(text);
  });

  it("counts code points, not UTF-16 units, and falls back to words for one huge paragraph", () => {
    const text = "😀 chữ ".repeat(900);
    const parts = splitText(text, 100);
    for (const part of parts) expect(cp(part)).toBeLessThanOrEqual(100);
    expect(parts.join(" ").replace(/\s+/g, " ")).toBe(text.trim().replace(/\s+/g, " "));
  });

  it("puts the buttons on the last part only", () => {
    const parts = splitMessage({ text: `${"a ".repeat(900)}\n\n${"b ".repeat(900)}`, buttons: [{ kind: "query", title: "Gặp cán bộ", payload: "Gặp cán bộ" }] });
    expect(parts).toHaveLength(2);
    expect(parts[0]?.buttons).toBeUndefined();
    expect(parts[1]?.buttons).toHaveLength(1);
  });
});
