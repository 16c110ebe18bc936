CREATE VIEW "auditAccessKey" AS
SELECT
    c."accessKeyId",
    c."userName",
    c."ownerArn",
    c."eventTime" AS "createdAt",
    c."actor" AS "createdBy",
    nullif(max(
        ifnull((SELECT max(u."eventTime") FROM "auditAccessKeyEvent" AS u WHERE u."action" = 'Used' AND u."accessKeyId" = c."accessKeyId"), ''),
        ifnull(k."lastUsedAt", '')), '') AS "lastUsedAt",
    (SELECT min(d."eventTime") FROM "auditAccessKeyEvent" AS d
        WHERE d."action" = 'Deleted' AND d."errorCode" IS NULL AND d."accessKeyId" = c."accessKeyId") AS "deletedAt",
    ifnull(k."status", 'Deleted') AS "status",
    c."accountId"
FROM "auditAccessKeyEvent" AS c
LEFT JOIN "accessKey" AS k ON k."id" = c."accessKeyId"
WHERE c."action" = 'Created' AND c."errorCode" IS NULL;

CREATE VIEW "auditAccessKeyEvent" AS
SELECT
    e."id" AS "auditEventId",
    e."eventTime",
    CASE e."eventName" WHEN 'CreateAccessKey' THEN 'Created' WHEN 'UpdateAccessKey' THEN 'Updated' ELSE 'Deleted' END AS "action",
    coalesce(json_extract(e."responseElements", '$.AccessKey.AccessKeyId'), json_extract(e."requestParameters", '$.AccessKeyId')) AS "accessKeyId",
    CASE
        WHEN json_extract(e."resources", '$[0]') GLOB 'arn:*:iam::*:user/*'
            THEN replace(json_extract(e."resources", '$[0]'), rtrim(json_extract(e."resources", '$[0]'), replace(json_extract(e."resources", '$[0]'), '/', '')), '')
        ELSE json_extract(e."requestParameters", '$.UserName')
    END AS "userName",
    json_extract(e."resources", '$[0]') AS "ownerArn",
    CASE e."eventName" WHEN 'CreateAccessKey' THEN 'Active' WHEN 'UpdateAccessKey' THEN json_extract(e."requestParameters", '$.Status') END AS "status",
    e."eventName",
    coalesce(e."userName", CASE e."identityType" WHEN 'Root' THEN 'root' END, e."principalArn", e."identityType") AS "actor",
    e."errorCode",
    e."recipientAccountId" AS "accountId"
FROM "auditEvent" AS e
WHERE e."eventName" IN ('CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey')
    AND coalesce(json_extract(e."responseElements", '$.AccessKey.AccessKeyId'), json_extract(e."requestParameters", '$.AccessKeyId')) IS NOT NULL
UNION ALL
SELECT
    e."id",
    e."eventTime",
    'Used',
    e."accessKeyId",
    e."userName",
    e."principalArn",
    NULL,
    e."eventName",
    coalesce(e."userName", CASE e."identityType" WHEN 'Root' THEN 'root' END, e."principalArn", e."identityType"),
    e."errorCode",
    e."recipientAccountId"
FROM "auditEvent" AS e
WHERE e."accessKeyId" IS NOT NULL;

CREATE VIEW "auditSignIn" AS
SELECT
    "id" AS "auditEventId",
    "eventTime",
    coalesce("userName", CASE "identityType" WHEN 'Root' THEN 'root' END) AS "userName",
    "identityType",
    "principalArn",
    json_extract("responseElements", '$.ConsoleLogin') AS "result",
    "errorMessage",
    "sourceIPAddress",
    "userAgent",
    "recipientAccountId" AS "accountId"
FROM "auditEvent"
WHERE "eventName" = 'ConsoleLogin';

CREATE VIEW "auditUserChange" AS
SELECT
    e."id" AS "auditEventId",
    e."eventTime",
    e."eventName",
    coalesce(e."userName", CASE e."identityType" WHEN 'Root' THEN 'root' END, e."principalArn", e."identityType") AS "actor",
    e."accessKeyId" AS "actorAccessKeyId",
    replace(r."value", rtrim(r."value", replace(r."value", '/', '')), '') AS "userName",
    r."value" AS "userArn",
    e."errorCode",
    e."errorMessage",
    e."requestParameters",
    e."source",
    e."recipientAccountId" AS "accountId"
FROM "auditEvent" AS e, json_each(e."resources") AS r
WHERE e."readOnly" = 0 AND e."eventType" = 'AwsApiCall' AND r."value" GLOB 'arn:*:iam::*:user/*'
UNION ALL
SELECT
    e."id",
    e."eventTime",
    e."eventName",
    coalesce(e."userName", CASE e."identityType" WHEN 'Root' THEN 'root' END, e."principalArn", e."identityType"),
    e."accessKeyId",
    json_extract(e."requestParameters", '$.UserName'),
    NULL,
    e."errorCode",
    e."errorMessage",
    e."requestParameters",
    e."source",
    e."recipientAccountId"
FROM "auditEvent" AS e
WHERE e."readOnly" = 0 AND e."eventType" = 'AwsApiCall'
    AND json_extract(e."requestParameters", '$.UserName') IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM json_each(e."resources") WHERE "value" GLOB 'arn:*:iam::*:user/*');

CREATE TRIGGER "accessKey_quota"
BEFORE INSERT ON "accessKey"
WHEN (SELECT count(*) FROM "accessKey"
      WHERE "accountId" = NEW."accountId" AND "userId" IS NEW."userId") >= 2
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2');
END;

CREATE TRIGGER "auditEvent_chain"
BEFORE INSERT ON "auditEvent"
WHEN NEW."previousHash" IS NOT ifnull(
    (SELECT "hash" FROM "auditEvent" ORDER BY "id" DESC LIMIT 1),
    '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'auditEvent rows must extend the hash chain');
END;

CREATE TRIGGER "auditEvent_noDelete"
BEFORE DELETE ON "auditEvent"
BEGIN
    SELECT RAISE(ABORT, 'auditEvent rows are append-only');
END;

CREATE TRIGGER "auditEvent_noUpdate"
BEFORE UPDATE ON "auditEvent"
BEGIN
    SELECT RAISE(ABORT, 'auditEvent rows are append-only');
END;

CREATE TRIGGER "groupMembership_quota"
BEFORE INSERT ON "groupMembership"
WHEN (SELECT count(*) FROM "groupMembership" WHERE "userId" = NEW."userId") >= 10
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for GroupsPerUser: 10');
END;

CREATE TRIGGER "groupPolicyAttachment_sameAccount"
BEFORE INSERT ON "groupPolicyAttachment"
WHEN (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId")
     IS NOT (SELECT "accountId" FROM "group" WHERE "id" = NEW."groupId")
 AND (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId") IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'NoSuchEntity: Policy does not exist or is not attachable.');
END;

CREATE TRIGGER "managedPolicyVersion_quota"
BEFORE INSERT ON "managedPolicyVersion"
WHEN (SELECT count(*) FROM "managedPolicyVersion" WHERE "policyId" = NEW."policyId") >= 5
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: A managed policy can have up to 5 versions.');
END;

CREATE TRIGGER "mfaDeviceTag_quota"
BEFORE INSERT ON "mfaDeviceTag"
WHEN (SELECT count(*) FROM "mfaDeviceTag" WHERE "serialNumber" = NEW."serialNumber") >= 50
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for TagsPerMFADevice: 50');
END;

CREATE TRIGGER "mfaDevice_quota"
BEFORE UPDATE OF "userId", "isRootDevice" ON "mfaDevice"
WHEN (NEW."userId" IS NOT NULL AND NEW."userId" IS NOT OLD."userId"
      AND (SELECT count(*) FROM "mfaDevice" WHERE "userId" = NEW."userId") >= 8)
  OR (NEW."isRootDevice" = 1 AND OLD."isRootDevice" = 0
      AND (SELECT count(*) FROM "mfaDevice"
           WHERE "accountId" = NEW."accountId" AND "isRootDevice" = 1) >= 8)
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for MFADevicesInUsePerUser: 8');
END;

CREATE TRIGGER "policyTag_quota"
BEFORE INSERT ON "policyTag"
WHEN (SELECT count(*) FROM "policyTag" WHERE "policyId" = NEW."policyId") >= 50
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for TagsPerPolicy: 50');
END;

CREATE TRIGGER "userPolicyAttachment_sameAccount"
BEFORE INSERT ON "userPolicyAttachment"
WHEN (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId")
     IS NOT (SELECT "accountId" FROM "user" WHERE "id" = NEW."userId")
 AND (SELECT "accountId" FROM "managedPolicy" WHERE "id" = NEW."policyId") IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'NoSuchEntity: Policy does not exist or is not attachable.');
END;

CREATE TRIGGER "userTag_quota"
BEFORE INSERT ON "userTag"
WHEN (SELECT count(*) FROM "userTag" WHERE "userId" = NEW."userId") >= 50
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for TagsPerUser: 50');
END;

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

CREATE TABLE "accessKey" (
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK ("id" GLOB 'AKIA*' AND length("id") BETWEEN 16 AND 128 AND NOT "id" GLOB '*[^A-Z0-9]*'),
    "accountId" TEXT NOT NULL REFERENCES "account"("id") ON DELETE RESTRICT,
    -- NULL: a root user's access key.
    "userId" TEXT,
    "sealedSecret" BLOB NOT NULL CHECK (length("sealedSecret") >= 40),
    "status" TEXT NOT NULL DEFAULT 'Active' CHECK ("status" IN ('Active', 'Inactive', 'Expired')),
    "createdAt" TEXT NOT NULL,
    "lastUsedAt" TEXT,
    "lastUsedService" TEXT,
    "lastUsedRegion" TEXT,
    FOREIGN KEY ("accountId", "userId") REFERENCES "user"("accountId", "id") ON DELETE RESTRICT
) STRICT;

CREATE TABLE "account" (
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK (length("id") = 12 AND NOT "id" GLOB '*[^0-9]*'),
    "partition" TEXT NOT NULL DEFAULT 'aws'
        CHECK ("partition" IN ('aws', 'aws-cn', 'aws-us-gov')),
    "createdAt" TEXT NOT NULL
) STRICT;

CREATE TABLE "accountAlias" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "alias" TEXT NOT NULL UNIQUE
        CHECK (length("alias") BETWEEN 3 AND 63 AND NOT "alias" GLOB '*[^a-z0-9-]*'
               AND "alias" NOT GLOB '-*' AND "alias" NOT GLOB '*-' AND "alias" NOT GLOB '*--*'),
    "createdAt" TEXT NOT NULL
) STRICT;

CREATE TABLE "accountPasswordPolicy" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "minimumPasswordLength" INTEGER NOT NULL DEFAULT 6 CHECK ("minimumPasswordLength" BETWEEN 6 AND 128),
    "requireSymbols" INTEGER NOT NULL DEFAULT 0 CHECK ("requireSymbols" IN (0, 1)),
    "requireNumbers" INTEGER NOT NULL DEFAULT 0 CHECK ("requireNumbers" IN (0, 1)),
    "requireUppercaseCharacters" INTEGER NOT NULL DEFAULT 0 CHECK ("requireUppercaseCharacters" IN (0, 1)),
    "requireLowercaseCharacters" INTEGER NOT NULL DEFAULT 0 CHECK ("requireLowercaseCharacters" IN (0, 1)),
    "allowUsersToChangePassword" INTEGER NOT NULL DEFAULT 0 CHECK ("allowUsersToChangePassword" IN (0, 1)),
    -- NULL: passwords never expire.
    "maxPasswordAge" INTEGER CHECK ("maxPasswordAge" IS NULL OR "maxPasswordAge" BETWEEN 1 AND 1095),
    -- NULL: reuse is not prevented.
    "passwordReusePrevention" INTEGER
        CHECK ("passwordReusePrevention" IS NULL OR "passwordReusePrevention" BETWEEN 1 AND 24),
    "hardExpiry" INTEGER NOT NULL DEFAULT 0 CHECK ("hardExpiry" IN (0, 1))
) STRICT;

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

CREATE TABLE "credentialReport" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "generatedAt" TEXT NOT NULL,
    "content" BLOB NOT NULL
) STRICT;

CREATE TABLE "group" (
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK ("id" GLOB 'AGPA*' AND length("id") BETWEEN 16 AND 128 AND NOT "id" GLOB '*[^A-Z0-9]*'),
    "accountId" TEXT NOT NULL REFERENCES "account"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 128),
    "path" TEXT NOT NULL DEFAULT '/' CHECK ("path" GLOB '/*' AND "path" GLOB '*/' AND length("path") <= 512),
    "createdAt" TEXT NOT NULL,
    UNIQUE ("accountId", "id")
) STRICT;

CREATE TABLE "groupInlinePolicy" (
    "groupId" TEXT NOT NULL REFERENCES "group"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL COLLATE NOCASE CHECK (length("name") BETWEEN 1 AND 128),
    "document" TEXT NOT NULL CHECK (json_valid("document")),
    "createdAt" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,
    PRIMARY KEY ("groupId", "name")
) STRICT, WITHOUT ROWID;

CREATE TABLE "groupMembership" (
    "accountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("userId", "groupId"),
    FOREIGN KEY ("accountId", "userId") REFERENCES "user"("accountId", "id") ON DELETE RESTRICT,
    FOREIGN KEY ("accountId", "groupId") REFERENCES "group"("accountId", "id") ON DELETE RESTRICT
) STRICT, WITHOUT ROWID;

CREATE TABLE "groupPolicyAttachment" (
    "groupId" TEXT NOT NULL REFERENCES "group"("id") ON DELETE RESTRICT,
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("groupId", "policyId")
) STRICT, WITHOUT ROWID;

CREATE TABLE "loginProfile" (
    "userId" TEXT NOT NULL PRIMARY KEY REFERENCES "user"("id") ON DELETE RESTRICT,
    "passwordHash" TEXT NOT NULL CHECK ("passwordHash" GLOB '$argon2id$*'),
    "passwordResetRequired" INTEGER NOT NULL DEFAULT 0 CHECK ("passwordResetRequired" IN (0, 1)),
    "passwordChangedAt" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL
) STRICT;

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

CREATE TABLE "managedPolicyVersion" (
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "versionId" TEXT NOT NULL CHECK ("versionId" GLOB 'v[1-9]*'),
    "document" TEXT NOT NULL CHECK (json_valid("document")),
    "isDefault" INTEGER NOT NULL DEFAULT 0 CHECK ("isDefault" IN (0, 1)),
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("policyId", "versionId")
) STRICT, WITHOUT ROWID;

CREATE TABLE "mfaDevice" (
    -- The serial number is the device ARN: arn:aws:iam::ACCOUNT:mfa/PATH/NAME
    "serialNumber" TEXT NOT NULL PRIMARY KEY
        CHECK ("serialNumber" GLOB 'arn:*:iam::*:mfa/*' AND length("serialNumber") BETWEEN 9 AND 256),
    "accountId" TEXT NOT NULL REFERENCES "account"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL CHECK (length("name") >= 1),
    "path" TEXT NOT NULL DEFAULT '/' CHECK ("path" GLOB '/*' AND "path" GLOB '*/'),
    "sealedSeed" BLOB NOT NULL,
    "userId" TEXT,
    "isRootDevice" INTEGER NOT NULL DEFAULT 0 CHECK ("isRootDevice" IN (0, 1)),
    "enabledAt" TEXT,
    -- The TOTP time step of the last accepted code: older or equal codes are replays.
    "lastUsedTimeStep" INTEGER,
    "createdAt" TEXT NOT NULL,
    FOREIGN KEY ("accountId", "userId") REFERENCES "user"("accountId", "id") ON DELETE RESTRICT,
    CHECK (NOT ("userId" IS NOT NULL AND "isRootDevice" = 1)),
    CHECK (("userId" IS NOT NULL OR "isRootDevice" = 1) = ("enabledAt" IS NOT NULL))
) STRICT;

CREATE TABLE "mfaDeviceTag" (
    "serialNumber" TEXT NOT NULL REFERENCES "mfaDevice"("serialNumber") ON DELETE RESTRICT,
    "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 128),
    "value" TEXT NOT NULL CHECK (length("value") <= 256),
    PRIMARY KEY ("serialNumber", "key")
) STRICT, WITHOUT ROWID;

CREATE TABLE "passwordHistory" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "passwordHash" TEXT NOT NULL CHECK ("passwordHash" GLOB '$argon2id$*'),
    "createdAt" TEXT NOT NULL
) STRICT;

CREATE TABLE "policyTag" (
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 128),
    "value" TEXT NOT NULL CHECK (length("value") <= 256),
    PRIMARY KEY ("policyId", "key")
) STRICT, WITHOUT ROWID;

CREATE TABLE "rootUser" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "email" TEXT NOT NULL CHECK ("email" LIKE '_%@_%'),
    -- Argon2id PHC string; NULL until a password is set.
    "passwordHash" TEXT CHECK ("passwordHash" IS NULL OR "passwordHash" GLOB '$argon2id$*'),
    "passwordChangedAt" TEXT,
    "passwordLastUsedAt" TEXT,
    "createdAt" TEXT NOT NULL
) STRICT;

CREATE TABLE "schemaMigration" (
    "version" INTEGER NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL UNIQUE,
    "sha256" TEXT NOT NULL CHECK (length("sha256") = 64),
    "appliedAt" TEXT NOT NULL
) STRICT;

CREATE TABLE "setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
) STRICT, WITHOUT ROWID;

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

CREATE TABLE "userCount" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE CASCADE,
    "count" INTEGER NOT NULL CHECK ("count" >= 0)
) STRICT, WITHOUT ROWID;

CREATE TABLE "userInlinePolicy" (
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "name" TEXT NOT NULL COLLATE NOCASE CHECK (length("name") BETWEEN 1 AND 128),
    "document" TEXT NOT NULL CHECK (json_valid("document")),
    "createdAt" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,
    PRIMARY KEY ("userId", "name")
) STRICT, WITHOUT ROWID;

CREATE TABLE "userPolicyAttachment" (
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "policyId" TEXT NOT NULL REFERENCES "managedPolicy"("id") ON DELETE RESTRICT,
    "createdAt" TEXT NOT NULL,
    PRIMARY KEY ("userId", "policyId")
) STRICT, WITHOUT ROWID;

CREATE TABLE "userTag" (
    "userId" TEXT NOT NULL REFERENCES "user"("id") ON DELETE RESTRICT,
    "key" TEXT NOT NULL COLLATE NOCASE CHECK (length("key") BETWEEN 1 AND 128),
    "value" TEXT NOT NULL CHECK (length("value") <= 256),
    PRIMARY KEY ("userId", "key")
) STRICT, WITHOUT ROWID;

CREATE INDEX "accessKey_owner" ON "accessKey"("accountId", "userId");

CREATE INDEX "auditEvent_account_time" ON "auditEvent"("recipientAccountId", "eventTime");

CREATE INDEX "auditEvent_name" ON "auditEvent"("eventName");

CREATE INDEX "auditEvent_time" ON "auditEvent"("eventTime");

CREATE INDEX "groupMembership_group" ON "groupMembership"("groupId", "userId");

CREATE INDEX "groupPolicyAttachment_policy" ON "groupPolicyAttachment"("policyId");

CREATE UNIQUE INDEX "group_account_name" ON "group"("accountId", "name" COLLATE NOCASE);

CREATE INDEX "group_account_path" ON "group"("accountId", "path");

CREATE UNIQUE INDEX "managedPolicyVersion_default"
    ON "managedPolicyVersion"("policyId") WHERE "isDefault" = 1;

CREATE UNIQUE INDEX "managedPolicy_owner_name"
    ON "managedPolicy"(ifnull("accountId", 'aws'), "name" COLLATE NOCASE);

CREATE UNIQUE INDEX "mfaDevice_account_name" ON "mfaDevice"("accountId", "name" COLLATE NOCASE);

CREATE INDEX "mfaDevice_user" ON "mfaDevice"("userId") WHERE "userId" IS NOT NULL;

CREATE INDEX "passwordHistory_user" ON "passwordHistory"("userId", "id");

CREATE INDEX "userPolicyAttachment_policy" ON "userPolicyAttachment"("policyId");

CREATE UNIQUE INDEX "user_account_name" ON "user"("accountId", "name" COLLATE NOCASE);

CREATE INDEX "user_account_path" ON "user"("accountId", "path");

CREATE INDEX "user_boundary" ON "user"("permissionsBoundaryPolicyId")
    WHERE "permissionsBoundaryPolicyId" IS NOT NULL;
