-- Knowledge in the database: items, versions (draft → publish), decisions on unanswered questions.
CREATE TABLE "KnowledgeItem" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "publishedVersionId" INTEGER,
    "draftVersionId" INTEGER,
    "upstreamContent" TEXT,
    "pendingUpstream" TEXT,
    "updatedAt" DATETIME NOT NULL
);

CREATE TABLE "KnowledgeVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "authorId" INTEGER,
    "authorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    "publishedById" INTEGER,
    CONSTRAINT "KnowledgeVersion_key_fkey" FOREIGN KEY ("key") REFERENCES "KnowledgeItem" ("key") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "UnansweredDecision" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entryKey" TEXT,
    "decidedById" INTEGER NOT NULL,
    "decidedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX "KnowledgeVersion_key_id_idx" ON "KnowledgeVersion"("key", "id");
CREATE INDEX "KnowledgeVersion_status_idx" ON "KnowledgeVersion"("status");
