/*
 * http/schema.h — the formats of requests and answers, declared once. A route of the
 * table (http_route_t) points to the fields of its JSON body, of its query string and
 * of its answer; the same declaration drives the strict parsing of what comes in
 * (http_json_request, http_query_check) and the JSON Schema that /api/openapi.json
 * publishes (schema_json), so the description cannot drift from what is enforced.
 *
 * A declaration is a list of schema_field_t ending with a NULL name, written with
 * designated initializers:
 *
 *   {.name = "full_name", .type = SCHEMA_STRING, .required = 1, .max_len = 200,
 *    .doc = "Name as on the judgment"},
 */
#ifndef THADS_HTTP_SCHEMA_H
#define THADS_HTTP_SCHEMA_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    SCHEMA_STRING,  /* not blank; at most max_len characters (code points), 0 = 1000 */
    SCHEMA_INTEGER, /* a whole number (money is đồng); min..max when ranged */
    SCHEMA_BOOLEAN,
    SCHEMA_DATE,     /* "YYYY-MM-DD", a real date */
    SCHEMA_DATETIME, /* answers only: "2026-03-02T08:15:00.000000Z" (UTC) */
    SCHEMA_ARRAY,    /* of items; at most max_len of them when max_len != 0 */
    SCHEMA_OBJECT,   /* of fields; any object when fields is NULL */
} schema_type_t;

/* The i-th allowed value of an enumerated string, NULL past the last: lets a
 * declaration name a core/ table instead of copying its codes. */
typedef const char *(*schema_values_fn)(int i);

typedef struct schema_field schema_field_t;
struct schema_field {
    const char *name;
    schema_type_t type;
    int required; /* requests: absent (or null) is refused; answers: always present */
    int nullable; /* answers: may be null */
    int ranged;   /* SCHEMA_INTEGER: min and max apply */
    size_t max_len;
    int64_t min, max;
    schema_values_fn values;      /* SCHEMA_STRING: the allowed values, NULL = any text */
    const schema_field_t *fields; /* SCHEMA_OBJECT: its fields (NULL-name terminated) */
    const schema_field_t *items;  /* SCHEMA_ARRAY: what one item is (its name unused) */
    const char *ref;              /* an object published once as #/components/schemas/ref */
    const char *doc;              /* one line for the API description */
};

/* What a route answers when it succeeds, and the refusals it may give besides those
 * every route of its kind gives (400 for a body or query, 401/403 for a permission,
 * 413 for a body, 500). */
typedef struct {
    int status;                   /* 200, 201, 204 */
    int status_too;               /* another status answering the same object (0: none) */
    const schema_field_t *fields; /* the answer object; NULL for no body (204) */
    const char *doc;              /* what the answer is, one line */
    const char *errors;           /* further statuses, e.g. "404 409 422"; NULL = none */
} schema_reply_t;

/* The JSON Schema (2020-12, as OpenAPI 3.1 uses) of one field's value. Objects with a
 * ref are added once to components (an object: name -> schema) and referred to.
 * request: optional fields also accept null (the parser reads null as absent), and
 * objects refuse other properties. */
json_t *schema_json(const schema_field_t *f, json_t *components, int request);
/* The JSON Schema of an object of fields (see schema_json). */
json_t *schema_object_json(const schema_field_t *fields, json_t *components, int request);

#endif
