-- The audit trail, shaped after CloudTrail records, append-only and hash-chained;
-- per-database settings; generated credential reports.

CREATE TABLE "auditEvent" (
    -- Position in the chain.
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "eventId" TEXT NOT NULL UNIQUE,
    "eventTime" TEXT NOT NULL,
    -- The AWS operation name (CreateUser) or ConsoleLogin.
    "eventName" TEXT NOT NULL,
    "eventSource" TEXT NOT NULL DEFAULT 'iam.amazonaws.com',
    "eventType" TEXT NOT NULL DEFAULT 'AwsApiCall'
        CHECK ("eventType" IN ('AwsApiCall', 'AwsConsoleSignIn', 'AwsServiceEvent')),
    -- Where the request came from: iamctl, the HTTP API, an embedding program, a seed file.
    "source" TEXT NOT NULL CHECK ("source" IN ('cli', 'api', 'library', 'seed')),
    "recipientAccountId" TEXT NOT NULL,
    "identityType" TEXT NOT NULL CHECK ("identityType" IN ('Root', 'IAMUser', 'AWSAccount', 'Unknown')),
    "principalId" TEXT,
    "principalArn" TEXT,
    "userName" TEXT,
    "accessKeyId" TEXT,
    "sourceIPAddress" TEXT,
    "userAgent" TEXT,
    -- JSON with every password, secret and MFA seed removed before it gets here.
    "requestParameters" TEXT CHECK ("requestParameters" IS NULL OR json_valid("requestParameters")),
    "responseElements" TEXT CHECK ("responseElements" IS NULL OR json_valid("responseElements")),
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "readOnly" INTEGER NOT NULL CHECK ("readOnly" IN (0, 1)),
    -- JSON array of the ARNs the event touched.
    "resources" TEXT NOT NULL DEFAULT '[]' CHECK (json_valid("resources")),
    "requestId" TEXT NOT NULL,
    -- SHA-256 (hex) of the previous row, or 64 zeros for the first row.
    "previousHash" TEXT NOT NULL CHECK (length("previousHash") = 64),
    -- SHA-256 (hex) over this row's canonical encoding, previousHash included.
    "hash" TEXT NOT NULL UNIQUE CHECK (length("hash") = 64)
) STRICT;

CREATE INDEX "auditEvent_time" ON "auditEvent"("eventTime");
CREATE INDEX "auditEvent_account_time" ON "auditEvent"("recipientAccountId", "eventTime");
CREATE INDEX "auditEvent_name" ON "auditEvent"("eventName");

-- A row must extend the chain from its tail.
CREATE TRIGGER "auditEvent_chain"
BEFORE INSERT ON "auditEvent"
WHEN NEW."previousHash" IS NOT ifnull(
    (SELECT "hash" FROM "auditEvent" ORDER BY "id" DESC LIMIT 1),
    '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'auditEvent rows must extend the hash chain');
END;

-- History cannot be rewritten.
CREATE TRIGGER "auditEvent_noUpdate"
BEFORE UPDATE ON "auditEvent"
BEGIN
    SELECT RAISE(ABORT, 'auditEvent rows are append-only');
END;

CREATE TRIGGER "auditEvent_noDelete"
BEFORE DELETE ON "auditEvent"
BEGIN
    SELECT RAISE(ABORT, 'auditEvent rows are append-only');
END;

-- Per-database settings, such as read auditing.
CREATE TABLE "setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO "setting"("key", "value") VALUES ('auditReads', 'false');

-- The last generated credential report of each account (AWS reuses a report younger than 4 hours).
CREATE TABLE "credentialReport" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "generatedAt" TEXT NOT NULL,
    "content" BLOB NOT NULL
) STRICT;
