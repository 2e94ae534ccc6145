/*
 * api/health.c — GET /healthz: is this process able to serve? Answers 200 when the
 * database answers and its schema is the one this binary expects, 503 otherwise,
 * so a load balancer takes a process out of rotation for either reason.
 */
#include "ops/app.h"
#include "api/handlers.h"
#include "embed.h"
#include "store/migrate.h"

#include <time.h>

int api_health_get(http_request_t *req)
{
    const app_t *app = http_app(req);
    db_t *db = http_db(req);
    int64_t schema = 0, expected = migrate_latest_version(embedded_migrations);
    /* (the query is the ping: one round trip, nothing written) */
    int reachable = migrate_current_version(db, &schema) == DB_OK;
    int ok = reachable && schema == expected;
    return http_reply_json(req, ok ? 200 : 503,
                           json_pack("{s:s, s:s, s:s, s:b, s:I, s:I, s:I}", "status",
                                     ok ? "ok" : "unavailable", "version", app->version,
                                     "db_engine", db_engine_name(db), "db_reachable", reachable,
                                     "schema_version", (json_int_t)schema, "schema_expected",
                                     (json_int_t)expected, "uptime_seconds",
                                     (json_int_t)(time(NULL) - app->started_at)));
}
