import express, { type Router } from "express";
import { baseOf } from "../../knowledge/content.js";
import { contentsOf, loadItems } from "../../knowledge/repository.js";
import { importKnowledgeZip, knowledgeZip, MAX_ZIP_BYTES } from "../../knowledge/zip.js";
import type { KnowledgeScreens } from "./routes.js";

/**
 * Export and import from the app, in the format of knowledge/ (the same code as kb:export and kb:import),
 * one .zip each way. The upload is the raw .zip posted by knowledge.js with the session's CSRF token in the
 * x-csrf-token header, which the admin router's checkCsrf verifies before this route runs.
 */
export function exchangeRoutes(router: Router, s: KnowledgeScreens): void {
  const { kit, db, knowledge } = s;
  router.get("/knowledge/export.zip", async (req, res) => {
    const drafts = req.query.drafts === "1";
    const kb = baseOf(contentsOf(await loadItems(db), drafts));
    const day = new Date(kit.now()).toISOString().slice(0, 10);
    const zip = knowledgeZip(kb, kit.now());
    await kit.audit(req, { action: "knowledge.export", targetType: "knowledge", targetId: drafts ? "drafts" : "published", after: { entries: kb.entries.length } });
    res.set({ "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="tri-thuc-${day}${drafts ? "-ban-nhap" : ""}.zip"`, "Cache-Control": "no-store" });
    res.send(Buffer.from(zip));
  });
  router.post("/knowledge/import", express.raw({ type: "application/zip", limit: MAX_ZIP_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      return res.status(415).json({ ok: false, problems: [{ file: "(tệp .zip)", field: "(gốc)", message: "hãy chọn một tệp .zip" }] });
    }
    const result = await importKnowledgeZip(db, knowledge.publisher, s.editor(req), new Uint8Array(req.body));
    const name = String(req.get("x-file-name") ?? "").slice(0, 200);
    await kit.audit(req, { action: result.ok ? "knowledge.import" : "knowledge.import.refused", targetType: "knowledge", targetId: name || null, after: result.ok ? { drafts: result.drafts } : { problems: result.problems.length } });
    res.status(result.ok ? 200 : 422).json(result);
  });
}
