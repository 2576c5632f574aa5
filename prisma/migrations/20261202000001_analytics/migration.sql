CREATE TABLE "AnalyticsDailyFact" (
    "day" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("day", "topic", "dim", "key")
);

CREATE TABLE "AnalyticsRolledDay" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "rolledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "AnalyticsMonthlyFact" (
    "month" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "dim" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("month", "topic", "dim", "key")
);

CREATE TABLE "GapLabel" (
    "groupKey" TEXT NOT NULL PRIMARY KEY,
    "gap" TEXT NOT NULL,
    "suggested" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL,
    "confirmedBy" INTEGER,
    "confirmedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX "QueryLog_userKey_createdAt_idx" ON "QueryLog"("userKey", "createdAt");

CREATE INDEX "AnalyticsDailyFact_dim_day_topic_key_n_idx" ON "AnalyticsDailyFact"("dim", "day", "topic", "key", "n");

CREATE INDEX "AnalyticsMonthlyFact_dim_month_topic_key_n_idx" ON "AnalyticsMonthlyFact"("dim", "month", "topic", "key", "n");
