-- Access keys and MFA devices, for IAM users and for the root user (userId NULL).
-- Secret material is stored sealed (AES-256-GCM under a master key kept outside the database).

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

CREATE INDEX "accessKey_owner" ON "accessKey"("accountId", "userId");

-- AWS's hard quota, enforced by the database itself: two access keys per user and per root user.
-- SQLite serializes writers, so two processes creating keys at once can never leave three.
CREATE TRIGGER "accessKey_quota"
BEFORE INSERT ON "accessKey"
WHEN (SELECT count(*) FROM "accessKey"
      WHERE "accountId" = NEW."accountId" AND "userId" IS NEW."userId") >= 2
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2');
END;

-- Virtual MFA devices. A device exists unassigned after CreateVirtualMFADevice and is assigned to
-- a user (userId) or to the root user (isRootDevice) by EnableMFADevice.
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

CREATE UNIQUE INDEX "mfaDevice_account_name" ON "mfaDevice"("accountId", "name" COLLATE NOCASE);
CREATE INDEX "mfaDevice_user" ON "mfaDevice"("userId") WHERE "userId" IS NOT NULL;

-- AWS allows up to eight MFA devices in use per user and per root user.
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

-- MFA device tag keys are case-sensitive.
CREATE TABLE "mfaDeviceTag" (
    "serialNumber" TEXT NOT NULL REFERENCES "mfaDevice"("serialNumber") ON DELETE RESTRICT,
    "key" TEXT NOT NULL CHECK (length("key") BETWEEN 1 AND 128),
    "value" TEXT NOT NULL CHECK (length("value") <= 256),
    PRIMARY KEY ("serialNumber", "key")
) STRICT, WITHOUT ROWID;

CREATE TRIGGER "mfaDeviceTag_quota"
BEFORE INSERT ON "mfaDeviceTag"
WHEN (SELECT count(*) FROM "mfaDeviceTag" WHERE "serialNumber" = NEW."serialNumber") >= 50
BEGIN
    SELECT RAISE(ABORT, 'LimitExceeded: Cannot exceed quota for TagsPerMFADevice: 50');
END;
