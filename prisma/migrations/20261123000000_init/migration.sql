-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "userId" TEXT,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "userId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "zaloMessageId" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "OutboundMessage_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "InboundEvent" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Conversation" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL DEFAULT '{}',
    "lastInteractionAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unreachableAt" DATETIME,
    "unreachableCode" INTEGER,
    "followed" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "QueryLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "band" TEXT NOT NULL,
    "matchedId" TEXT,
    "topic" TEXT,
    "score" REAL,
    "outcome" TEXT NOT NULL,
    "latencyMs" REAL NOT NULL,
    "suggestions" TEXT NOT NULL DEFAULT '[]',
    "chosenId" TEXT
);

-- CreateTable
CREATE TABLE "OaToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accessTokenEnc" TEXT NOT NULL,
    "refreshTokenEnc" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "seedHash" TEXT,
    "refreshLockUntil" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'ok',
    "lastError" TEXT,
    "rotatedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_dedupeKey_key" ON "InboundEvent"("dedupeKey");

-- CreateIndex
CREATE INDEX "InboundEvent_status_id_idx" ON "InboundEvent"("status", "id");

-- CreateIndex
CREATE INDEX "OutboundMessage_status_nextAttemptAt_idx" ON "OutboundMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_userId_id_idx" ON "OutboundMessage"("userId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_eventId_sequence_key" ON "OutboundMessage"("eventId", "sequence");

-- CreateIndex
CREATE INDEX "QueryLog_createdAt_idx" ON "QueryLog"("createdAt");

-- CreateIndex
CREATE INDEX "QueryLog_matchedId_idx" ON "QueryLog"("matchedId");

