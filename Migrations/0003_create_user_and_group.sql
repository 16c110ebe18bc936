-- IAM users and groups, group membership, user tags, login profiles and password history,
-- managed policy attachments and inline policies.

CREATE TABLE "user" (
    -- The user's unique ID (AIDA...): a deleted and recreated user is a different principal.
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK ("id" GLOB 'AIDA*' AND length("id") BETWEEN 16 AND 128 AND NOT "id" GLOB '*[^A-Z0-9]*'),
    "accountId" TEXT NOT NULL REFERENCES "account"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 64),
    -- With the account's partition and ID, path and name make the ARN:
    -- arn:PARTITION:iam::ACCOUNT:user/PATH/NAME
    "path" TEXT NOT NULL DEFAULT '/' CHECK ("path" GLOB '/*' AND "path" GLOB '*/' AND length("path") <= 512),
    "permissionsBoundaryPolicyId" TEXT REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "passwordLastUsedAt" TEXT,
    "createdAt" TEXT NOT NULL,
    UNIQUE ("accountId", "id")
) STRICT;

-- User names are unique per account regardless of case; case is preserved.
CREATE UNIQUE INDEX "user_account_name" ON "user"("accountId", "name" COLLATE NOCASE);
CREATE INDEX "user_account_path" ON "user"("accountId", "path");
CREATE INDEX "user_boundary" ON "user"("permissionsBoundaryPolicyId")
    WHERE "permissionsBoundaryPolicyId" IS NOT NULL;

CREATE TABLE "group" (
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK ("id" GLOB 'AGPA*' AND length("id") BETWEEN 16 AND 128 AND NOT "id" GLOB '*[^A-Z0-9]*'),
    "accountId" TEXT NOT NULL REFERENCES "account"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 128),
    "path" TEXT NOT NULL DEFAULT '/' CHECK ("path" GLOB '/*' AND "path" GLOB '*/' AND length("path") <= 512),
    "createdAt" TEXT NOT NULL,
    UNIQUE ("accountId", "id")
) STRICT;

CREATE UNIQUE INDEX "group_account_name" ON "group"("accountId", "name" COLLATE NOCASE);
CREATE INDEX "group_account_path" ON "group"("accountId", "path");

-- A membership references a user and a group of the same account, and nothing else:
-- a group can never be a member, so nested groups cannot exist.
CREATE TABLE "groupMembership" (
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("userId", "groupId"),
    FOREIGN KEY ("accountId", "userId") REFERENCES "user"("accountId", "id") ON DELETE RESTRICT,
    FOREIGN KEY ("accountId", "groupId") REFERENCES "group"("accountId", "id") ON DELETE RESTRICT
) STRICT, WITHOUT ROWID;

CREATE INDEX "groupMembership_group" ON "groupMembership"("groupId", "userId");

-- AWS's hard quota: a user belongs to at most ten groups.
CREATE TRIGGER "groupMembership_quota"
BEFORE INSERT ON "groupMembership"
WHEN (SELECT count(*) FROM "groupMembership" WHERE "userId" = NEW."userId") >= 10
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for GroupsPerUser: 10');
END;

-- User tag keys are case-insensitive, with case preserved.
CREATE TABLE "userTag" (
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "key" TEXT NOT NULL COLLATE NOCASE CHECK (length("key") BETWEEN 1 AND 128),
    "value" TEXT NOT NULL CHECK (length("value") <= 256),
    PRIMARY KEY ("userId", "key")
) STRICT, WITHOUT ROWID;

CREATE TRIGGER "userTag_quota"
BEFORE INSERT ON "userTag"
WHEN (SELECT count(*) FROM "userTag" WHERE "userId" = NEW."userId") >= 50
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for TagsPerUser: 50');
END;

-- A user's console password (one per user), as an Argon2id PHC string.
CREATE TABLE "loginProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY REFERENCES "user"("id") ON DELETE RESTRICT,
    "passwordHash" TEXT NOT NULL CHECK ("passwordHash" GLOB '$argon2id$*'),
    "passwordResetRequired" INTEGER NOT NULL DEFAULT 0 CHECK ("passwordResetRequired" IN (0, 1)),
    "passwordChangedAt" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL
) STRICT;

-- Earlier password hashes, for PasswordReusePrevention.
CREATE TABLE "passwordHistory" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "passwordHash" TEXT NOT NULL CHECK ("passwordHash" GLOB '$argon2id$*'),
    "createdAt" TEXT NOT NULL
) STRICT;

CREATE INDEX "passwordHistory_user" ON "passwordHistory"("userId", "id");

CREATE TABLE "userPolicyAttachment" (
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("userId", "policyId")
) STRICT, WITHOUT ROWID;

CREATE INDEX "userPolicyAttachment_policy" ON "userPolicyAttachment"("policyId");

CREATE TABLE "groupPolicyAttachment" (
    "groupId" TEXT NOT NULL REFERENCES "group"("id") ON DELETE RESTRICT,
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("groupId", "policyId")
) STRICT, WITHOUT ROWID;

CREATE INDEX "groupPolicyAttachment_policy" ON "groupPolicyAttachment"("policyId");

-- A policy attached in an account must be AWS managed or belong to that account.
CREATE TRIGGER "userPolicyAttachment_sameAccount"
BEFORE INSERT ON "userPolicyAttachment"
WHEN (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId")
     IS NOT (SELECT "accountId" FROM "user" WHERE "id" = NEW."userId")
 AND (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId") IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'NoSuchEntity: Policy does not exist or is not attachable.');
END;

CREATE TRIGGER "groupPolicyAttachment_sameAccount"
BEFORE INSERT ON "groupPolicyAttachment"
WHEN (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId")
     IS NOT (SELECT "accountId" FROM "group" WHERE "id" = NEW."groupId")
 AND (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId") IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'NoSuchEntity: Policy does not exist or is not attachable.');
END;

CREATE TABLE "userInlinePolicy" (
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL COLLATE NOCASE CHECK (length("name") BETWEEN 1 AND 128),
    "document" TEXT NOT NULL CHECK (json_valid("document")),
    "createdAt" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,
    PRIMARY KEY ("userId", "name")
) STRICT, WITHOUT ROWID;

CREATE TABLE "groupInlinePolicy" (
    "groupId" TEXT NOT NULL REFERENCES "group"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL COLLATE NOCASE CHECK (length("name") BETWEEN 1 AND 128),
    "document" TEXT NOT NULL CHECK (json_valid("document")),
    "createdAt" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,
    PRIMARY KEY ("groupId", "name")
) STRICT, WITHOUT ROWID;
