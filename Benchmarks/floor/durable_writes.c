/* The raw SQLite floor for IAMStore's durable-write benchmark: the same schema, the same two
 * inserts per transaction (a user row and an audit row), WAL, synchronous=FULL, prepared
 * statements reused, on the same disk. Usage: durable_writes DB_PATH ITERATIONS */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s DB ITERATIONS SCHEMA_SQL\n", argv[0]); return 64; }
    int iterations = atoi(argv[2]);
    sqlite3 *db;
    check(sqlite3_open(argv[1], &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", 0, 0, 0), db, "pragmas");
    FILE *schema = fopen(argv[3], "r");
    if (!schema) { perror("schema"); return 1; }
    static char sql[1 << 20];
    size_t length = fread(sql, 1, sizeof sql - 1, schema);
    sql[length] = 0;
    fclose(schema);
    check(sqlite3_exec(db, sql, 0, 0, 0), db, "schema");
    check(sqlite3_exec(db, "INSERT INTO account VALUES('123456789012','aws','2026-01-01T00:00:00.000Z')", 0, 0, 0), db, "account");

    sqlite3_stmt *user, *audit, *begin, *commit;
    check(sqlite3_prepare_v2(db, "INSERT INTO user(id,accountId,name,path,createdAt) VALUES(?,?,?,'/',?)", -1, &user, 0), db, "prepare user");
    check(sqlite3_prepare_v2(db,
        "INSERT INTO auditEvent(id,eventId,eventTime,eventName,source,recipientAccountId,identityType,principalId,principalArn,"
        "requestParameters,readOnly,resources,requestId,previousHash,hash) VALUES(?,?,?,'CreateUser','library','123456789012','Root',"
        "'123456789012','arn:aws:iam::123456789012:root',?,0,?,?,?,?)", -1, &audit, 0), db, "prepare audit");
    check(sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, 0), db, "prepare begin");
    check(sqlite3_prepare_v2(db, "COMMIT", -1, &commit, 0), db, "prepare commit");

    char previous[65], hash[65], id[32], name[32], params[64], resources[96], uuid[40];
    memset(previous, '0', 64); previous[64] = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 1; i <= iterations; i++) {
        snprintf(id, sizeof id, "AIDA%017d", i);
        snprintf(name, sizeof name, "user%d", i);
        snprintf(params, sizeof params, "{\"UserName\":\"%s\"}", name);
        snprintf(resources, sizeof resources, "[\"arn:aws:iam::123456789012:user/%s\"]", name);
        snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", i);
        snprintf(hash, sizeof hash, "%064d", i);
        sqlite3_step(begin); sqlite3_reset(begin);
        sqlite3_bind_text(user, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(user, 2, "123456789012", -1, SQLITE_STATIC);
        sqlite3_bind_text(user, 3, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(user, 4, "2026-01-01T00:00:00.000Z", -1, SQLITE_STATIC);
        check(sqlite3_step(user), db, "insert user"); sqlite3_reset(user);
        sqlite3_bind_int(audit, 1, i);
        sqlite3_bind_text(audit, 2, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 3, "2026-01-01T00:00:00.000Z", -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 4, params, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 5, resources, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 6, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 7, previous, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 8, hash, -1, SQLITE_STATIC);
        check(sqlite3_step(audit), db, "insert audit"); sqlite3_reset(audit);
        check(sqlite3_step(commit), db, "commit"); sqlite3_reset(commit);
        memcpy(previous, hash, 65);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    printf("raw SQLite floor: %d transactions in %.3f s = %.0f tx/s (%.3f ms per tx)\n",
           iterations, seconds, iterations / seconds, seconds * 1000 / iterations);
    sqlite3_close(db);
    return 0;
}
