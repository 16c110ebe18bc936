-- How many IAM users each account holds, kept by triggers: the Users quota (5,000 per account)
-- is checked on every CreateUser, and reading one row stays as cheap at 5,000 users as at one,
-- where counting the account's users does not.

CREATE TABLE "userCount" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE CASCADE,
    "count" INTEGER NOT NULL CHECK ("count" >= 0)
) STRICT, WITHOUT ROWID;

INSERT INTO "userCount"("accountId", "count")
    SELECT "accountId", count(*) FROM "user" GROUP BY "accountId";

CREATE TRIGGER "user_counted"
AFTER INSERT ON "user"
BEGIN
    INSERT INTO "userCount"("accountId", "count") VALUES (NEW."accountId", 1)
        ON CONFLICT ("accountId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "user_uncounted"
AFTER DELETE ON "user"
BEGIN
    UPDATE "userCount" SET "count" = "count" - 1 WHERE "accountId" = OLD."accountId";
END;
