-- Views for auditors: who changed which user, who signed in or failed to, and what happened to
-- every access key. They read "auditEvent" only (plus "accessKey" for recorded key use), so they
-- answer for deleted entities too. Query them with the sqlite3 shell; the README has examples.
--
-- Conventions in every view:
--   "auditEventId"  the event's position in the hash chain ("auditEvent"."id");
--   "actor"         who made the request: the IAM user's name, 'root', or the principal's ARN;
--   "errorCode"     NULL when the request succeeded.
-- The name of an entity is the last component of its ARN's path, taken with
-- replace(arn, rtrim(arn, replace(arn, '/', '')), ''): rtrim strips the trailing non-slash
-- characters, leaving the prefix up to the last '/', which replace then removes.

-- Changes to IAM users: one row per successful or failed write and user it touched. A rename
-- touches the old and the new name. Failed requests name their user by the "UserName" request
-- parameter (their resources are not known when they fail before the user is found).
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

-- Console sign-ins (ConsoleLogin events), successful or not. "userName" is 'root' for the root
-- user and HIDDEN_DUE_TO_SECURITY_REASONS for a name that matches no user, as CloudTrail's.
-- "result" is 'Success' or 'Failure'; "errorMessage" says why a sign-in failed.
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

-- Access key events: 'Created', 'Updated' (activated or deactivated: see "status"), 'Deleted',
-- and 'Used' (a request signed with the key; "eventName" says which). "userName" is the key's
-- owner, NULL for the root user's keys ("ownerArn" is the root ARN then). Failed creations,
-- which made no key, are left out; failed updates and deletions are kept with their error.
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

-- Every access key ever created, one row each: who created it and when, when it was last used
-- (the later of a signed request in the trail and the use recorded on the key, which also counts
-- requests to other services), when it was deleted, and its status now ('Deleted' once gone).
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
