-- Accounts, their root users, aliases and password policies.
-- Every other entity carries the account's ID, so one database can hold several accounts.

CREATE TABLE "account" (
    "id" TEXT NOT NULL PRIMARY KEY
        CHECK (length("id") = 12 AND NOT "id" GLOB '*[^0-9]*'),
    "partition" TEXT NOT NULL DEFAULT 'aws'
        CHECK ("partition" IN ('aws', 'aws-cn', 'aws-us-gov')),
    "createdAt" TEXT NOT NULL
) STRICT;

-- The root user: one per account, signs in with its email address.
CREATE TABLE "rootUser" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "email" TEXT NOT NULL CHECK ("email" LIKE '_%@_%'),
    -- Argon2id PHC string; NULL until a password is set.
    "passwordHash" TEXT CHECK ("passwordHash" IS NULL OR "passwordHash" GLOB '$argon2id$*'),
    "passwordChangedAt" TEXT,
    "passwordLastUsedAt" TEXT,
    "createdAt" TEXT NOT NULL
) STRICT;

-- AWS allows one alias per account, unique across all accounts.
CREATE TABLE "accountAlias" (
    "accountId" TEXT NOT NULL PRIMARY KEY REFERENCES "account"("id") ON DELETE RESTRICT,
    "alias" TEXT NOT NULL UNIQUE
        CHECK (length("alias") BETWEEN 3 AND 63 AND NOT "alias" GLOB '*[^a-z0-9-]*'
               AND "alias" NOT GLOB '-*' AND "alias" NOT GLOB '*-' AND "alias" NOT GLOB '*--*'),
    "createdAt" TEXT NOT NULL
) STRICT;

-- UpdateAccountPasswordPolicy has no partial updates, so a row always holds every field.
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
