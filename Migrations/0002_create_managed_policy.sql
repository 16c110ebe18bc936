-- Managed policies, their versions and tags.
-- AWS managed policies (arn:aws:iam::aws:policy/...) are shared by every account: their rows have
-- no account ID. Customer managed policies belong to one account.

CREATE TABLE "managedPolicy" (
    -- The policy's unique ID (ANPA...), never reused.
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK ("id" GLOB 'ANPA*' AND length("id") BETWEEN 16 AND 128 AND NOT "id" GLOB '*[^A-Z0-9]*'),
    "accountId" TEXT REFERENCES "account"("id") ON DELETE RESTRICT,
    "isAWSManaged" INTEGER NOT NULL DEFAULT 0 CHECK ("isAWSManaged" IN (0, 1)),
    "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 128),
    "path" TEXT NOT NULL DEFAULT '/' CHECK ("path" GLOB '/*' AND "path" GLOB '*/'),
    "description" TEXT CHECK ("description" IS NULL OR length("description") <= 1000),
    -- Version IDs are never reissued: the next CreatePolicyVersion gets v<nextVersionNumber>.
    "nextVersionNumber" INTEGER NOT NULL DEFAULT 2 CHECK ("nextVersionNumber" >= 2),
    "createdAt" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,
    CHECK (("isAWSManaged" = 1) = ("accountId" IS NULL))
) STRICT;

-- Names are unique per account regardless of case; AWS managed names form their own namespace.
CREATE UNIQUE INDEX "managedPolicy_owner_name"
    ON "managedPolicy"(ifnull("accountId", 'aws'), "name" COLLATE NOCASE);

CREATE TABLE "managedPolicyVersion" (
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "versionId" TEXT NOT NULL CHECK ("versionId" GLOB 'v[1-9]*'),
    "document" TEXT NOT NULL CHECK (json_valid("document")),
    "isDefault" INTEGER NOT NULL DEFAULT 0 CHECK ("isDefault" IN (0, 1)),
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("policyId", "versionId")
) STRICT, WITHOUT ROWID;

-- At most one default version per policy.
CREATE UNIQUE INDEX "managedPolicyVersion_default"
    ON "managedPolicyVersion"("policyId") WHERE "isDefault" = 1;

-- AWS's hard quota: five versions per managed policy.
CREATE TRIGGER "managedPolicyVersion_quota"
BEFORE INSERT ON "managedPolicyVersion"
WHEN (SELECT count(*) FROM "managedPolicyVersion" WHERE "policyId" = NEW."policyId") >= 5
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: A managed policy can have up to 5 versions.');
END;

-- Policy tag keys are case-sensitive (unlike user tag keys).
CREATE TABLE "policyTag" (
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 128),
    "value" TEXT NOT NULL CHECK (length("value") <= 256),
    PRIMARY KEY ("policyId", "key")
) STRICT, WITHOUT ROWID;

CREATE TRIGGER "policyTag_quota"
BEFORE INSERT ON "policyTag"
WHEN (SELECT count(*) FROM "policyTag" WHERE "policyId" = NEW."policyId") >= 50
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for TagsPerPolicy: 50');
END;
