/*
 * api/app.h — what every handler may reach besides its request: the working-day
 * calendar and process facts. Built once by `thads serve`, read-only afterwards.
 */
#ifndef THADS_API_APP_H
#define THADS_API_APP_H

#include "core/calendar.h"
#include "http/http.h"

#include <stdint.h>

typedef struct {
    const calendar_t *calendar;
    const char *version;
    int64_t started_at; /* unix seconds */
} app_t;

/* The route table of the whole API; the access tests walk it. */
extern const http_route_t api_routes[];
extern const size_t api_nroutes;

int api_health_get(http_request_t *req);
int api_openapi_get(http_request_t *req);

#endif
