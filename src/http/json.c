/*
 * http/json.c — strict input, driven by the route's declared formats (http/schema.h).
 * A body must be one object; duplicate keys, unknown keys, missing required keys,
 * wrong types and values outside the declared limits are each a 400 that names the
 * field by its path ("parties[1].full_name"), in English and Vietnamese, before any
 * handler logic runs. Query parameters are checked against their declaration the
 * same way. Business rules (at least one debtor, ...) are the operations' (ops/).
 */
#include "core/civil_date.h"
#include "core/text.h"
#include "http/internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define STRING_MAX_DEFAULT 1000

json_t *http_json_body(http_request_t *req)
{
    json_error_t jerr;
    json_t *root;
    char en[256], vi[256];

    if (req->body_len == 0) {
        http_reply_error(req, 400, "invalid_json", NULL, "The request body must be a JSON object.",
                         "Nội dung yêu cầu phải là một đối tượng JSON.");
        return NULL;
    }
    root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        snprintf(en, sizeof en, "Invalid JSON at line %d, column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        snprintf(vi, sizeof vi, "JSON không hợp lệ tại dòng %d, cột %d: %s", jerr.line, jerr.column,
                 jerr.text);
        http_reply_error(req, 400, "invalid_json", NULL, en, vi);
        return NULL;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        http_reply_error(req, 400, "invalid_json", NULL, "The request body must be a JSON object.",
                         "Nội dung yêu cầu phải là một đối tượng JSON.");
        return NULL;
    }
    return http_keep(req, root);
}

/* The path of the member being checked: "parties[1].full_name". */
typedef struct {
    char text[160];
    size_t len;
} path_t;

static size_t path_push(path_t *p, const char *fmt, const char *name, size_t index)
{
    size_t was = p->len;
    int n = name ? snprintf(p->text + p->len, sizeof p->text - p->len, fmt, name)
                 : snprintf(p->text + p->len, sizeof p->text - p->len, fmt, index);

    if (n > 0)
        p->len += (size_t)n < sizeof p->text - p->len ? (size_t)n : sizeof p->text - p->len - 1;
    return was;
}

static void path_pop(path_t *p, size_t was)
{
    p->len = was;
    p->text[was] = '\0';
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

static int field_error(http_request_t *req, const char *code, const char *field, const char *en,
                       const char *vi)
{
    http_reply_error(req, 400, code, field, en, vi);
    return -1;
}

static int value_allowed(const schema_field_t *f, const char *s)
{
    for (int i = 0; f->values(i) != NULL; i++)
        if (strcmp(f->values(i), s) == 0)
            return 1;
    return 0;
}

/* "Must be one of: a, b, c." — as many as fit. */
static int not_allowed(http_request_t *req, const schema_field_t *f, const char *field)
{
    char list[400];
    size_t n = 0;
    char en[480], vi[480];

    list[0] = '\0';
    for (int i = 0; f->values(i) != NULL && n < sizeof list; i++) {
        int k = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", f->values(i));
        n += k > 0 ? (size_t)k : 0;
    }
    snprintf(en, sizeof en, "Must be one of: %s.", list);
    snprintf(vi, sizeof vi, "Phải là một trong: %s.", list);
    return field_error(req, "invalid_value", field, en, vi);
}

static int check_text(http_request_t *req, const schema_field_t *f, const char *s,
                      const char *field)
{
    size_t max = f->max_len ? f->max_len : STRING_MAX_DEFAULT;

    if (blank(s))
        return field_error(req, "invalid_value", field, "Must not be empty.",
                           "Không được để trống.");
    if (utf8_chars(s) > max) {
        char en[96], vi[96];
        snprintf(en, sizeof en, "Too long: at most %zu characters.", max);
        snprintf(vi, sizeof vi, "Quá dài: tối đa %zu ký tự.", max);
        return field_error(req, "too_long", field, en, vi);
    }
    if (f->values != NULL && !value_allowed(f, s))
        return not_allowed(req, f, field);
    return 0;
}

static int out_of_range(http_request_t *req, const schema_field_t *f, const char *field)
{
    char en[128], vi[128];

    if (f->max == INT64_MAX) {
        snprintf(en, sizeof en, "Must be a whole number of at least %" PRId64 ".", f->min);
        snprintf(vi, sizeof vi, "Phải là số nguyên từ %" PRId64 " trở lên.", f->min);
    } else {
        snprintf(en, sizeof en, "Must be a whole number from %" PRId64 " to %" PRId64 ".", f->min,
                 f->max);
        snprintf(vi, sizeof vi, "Phải là số nguyên từ %" PRId64 " đến %" PRId64 ".", f->min,
                 f->max);
    }
    return field_error(req, "invalid_value", field, en, vi);
}

static int check_object(http_request_t *req, json_t *obj, const schema_field_t *fields,
                        path_t *path);
static int check_value(http_request_t *req, const schema_field_t *f, json_t *v, path_t *path);

static int check_array(http_request_t *req, const schema_field_t *f, json_t *v, path_t *path)
{
    size_t i;
    json_t *item;

    if (f->max_len && json_array_size(v) > f->max_len) {
        char en[96], vi[96];
        snprintf(en, sizeof en, "At most %zu items.", f->max_len);
        snprintf(vi, sizeof vi, "Tối đa %zu mục.", f->max_len);
        return field_error(req, "too_long", path->text, en, vi);
    }
    if (f->items == NULL)
        return 0;
    json_array_foreach(v, i, item)
    {
        size_t was = path_push(path, "[%zu]", NULL, i);
        int rc = json_is_null(item) ? field_error(req, "missing_field", path->text,
                                                  "This item is missing.", "Thiếu mục này.")
                                    : check_value(req, f->items, item, path);
        if (rc != 0)
            return rc;
        path_pop(path, was);
    }
    return 0;
}

static int check_value(http_request_t *req, const schema_field_t *f, json_t *v, path_t *path)
{
    const char *field = path->text;
    civil_date_t d;

    switch (f->type) {
    case SCHEMA_STRING:
    case SCHEMA_DATETIME:
        if (!json_is_string(v))
            return field_error(req, "invalid_type", field, "Must be a string.",
                               "Phải là chuỗi ký tự.");
        return check_text(req, f, json_string_value(v), field);
    case SCHEMA_INTEGER:
        if (!json_is_integer(v))
            return field_error(req, "invalid_type", field, "Must be a whole number.",
                               "Phải là số nguyên.");
        if (f->ranged && (json_integer_value(v) < f->min || json_integer_value(v) > f->max))
            return out_of_range(req, f, field);
        return 0;
    case SCHEMA_BOOLEAN:
        return json_is_boolean(v)
                   ? 0
                   : field_error(req, "invalid_type", field, "Must be true or false.",
                                 "Phải là true hoặc false.");
    case SCHEMA_DATE:
        if (!json_is_string(v) || civil_date_parse(json_string_value(v), &d) != 0)
            return field_error(req, "invalid_date", field,
                               "Must be a real date written YYYY-MM-DD.",
                               "Phải là ngày hợp lệ dạng YYYY-MM-DD.");
        return 0;
    case SCHEMA_OBJECT:
        if (!json_is_object(v))
            return field_error(req, "invalid_type", field, "Must be an object.",
                               "Phải là một đối tượng.");
        return f->fields ? check_object(req, v, f->fields, path) : 0;
    case SCHEMA_ARRAY:
        if (!json_is_array(v))
            return field_error(req, "invalid_type", field, "Must be a list.",
                               "Phải là một danh sách.");
        return check_array(req, f, v, path);
    }
    return 0;
}

static int check_object(http_request_t *req, json_t *obj, const schema_field_t *fields,
                        path_t *path)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v)
    {
        const schema_field_t *f = fields;
        size_t was;
        while (f->name != NULL && strcmp(f->name, key) != 0)
            f++;
        was = path_push(path, path->len ? ".%.64s" : "%.64s", key, 0);
        if (f->name == NULL) {
            char en[160], vi[160];
            snprintf(en, sizeof en, "Unknown field '%.64s'.", key);
            snprintf(vi, sizeof vi, "Trường '%.64s' không được hỗ trợ.", key);
            return field_error(req, "unknown_field", path->text, en, vi);
        }
        /* null means absent; a required field is reported below */
        if (!json_is_null(v) && check_value(req, f, v, path) != 0)
            return -1;
        path_pop(path, was);
    }
    for (const schema_field_t *f = fields; f->name != NULL; f++) {
        v = json_object_get(obj, f->name);
        if (f->required && (v == NULL || json_is_null(v))) {
            path_push(path, path->len ? ".%.64s" : "%.64s", f->name, 0);
            return field_error(req, "missing_field", path->text, "This field is required.",
                               "Trường này là bắt buộc.");
        }
    }
    return 0;
}

int http_json_check(http_request_t *req, json_t *obj, const schema_field_t *fields)
{
    path_t path = {.len = 0};

    path.text[0] = '\0';
    return check_object(req, obj, fields, &path);
}

json_t *http_json_request(http_request_t *req)
{
    static const schema_field_t none[] = {{.name = NULL}};
    const schema_field_t *fields = req->route && req->route->body ? req->route->body : none;
    json_t *body = http_json_body(req);

    return body != NULL && http_json_check(req, body, fields) == 0 ? body : NULL;
}

const char *http_json_string(const json_t *obj, const char *name)
{
    return json_string_value(json_object_get(obj, name));
}

int64_t http_json_int(const json_t *obj, const char *name)
{
    return json_integer_value(json_object_get(obj, name));
}

civil_date_t http_json_date(const json_t *obj, const char *name)
{
    civil_date_t d = CIVIL_DATE_INVALID;
    const char *s = json_string_value(json_object_get(obj, name));

    if (s != NULL && civil_date_parse(s, &d) != 0)
        d = CIVIL_DATE_INVALID;
    return d;
}

/* ---- query parameters ---- */

static int bad_query(http_request_t *req, const char *code, const char *name)
{
    char en[96], vi[96];

    snprintf(en, sizeof en, "Invalid value of '%s'.", name);
    snprintf(vi, sizeof vi, "Giá trị '%s' không hợp lệ.", name);
    return field_error(req, code, name, en, vi);
}

/* Numbers in a query are digits only (text_parse_count): no sign, space or overflow. */
static int check_query_value(http_request_t *req, const schema_field_t *f, const char *s)
{
    int64_t n;
    civil_date_t d;

    switch (f->type) {
    case SCHEMA_INTEGER:
        if (text_parse_count(s, f->ranged ? f->min : 0, f->ranged ? f->max : INT64_MAX, &n) != 0)
            return bad_query(req, "invalid_value", f->name);
        return 0;
    case SCHEMA_DATE:
        return civil_date_parse(s, &d) == 0 ? 0 : bad_query(req, "invalid_date", f->name);
    case SCHEMA_BOOLEAN:
        return strcmp(s, "true") == 0 || strcmp(s, "false") == 0
                   ? 0
                   : bad_query(req, "invalid_value", f->name);
    default:
        return check_text(req, f, s, f->name);
    }
}

int http_query_check(http_request_t *req)
{
    const schema_field_t *f = req->route ? req->route->query : NULL;

    for (; f != NULL && f->name != NULL; f++) {
        const char *s = http_query(req, f->name);
        if (s == NULL && f->required)
            return field_error(req, "missing_field", f->name, "This parameter is required.",
                               "Tham số này là bắt buộc.");
        if (s != NULL && check_query_value(req, f, s) != 0)
            return -1;
    }
    return 0;
}

int64_t http_query_int(http_request_t *req, const char *name, int64_t dflt)
{
    const char *s = http_query(req, name);
    int64_t n;

    return s != NULL && text_parse_count(s, 0, INT64_MAX, &n) == 0 ? n : dflt;
}

civil_date_t http_query_date(http_request_t *req, const char *name)
{
    const char *s = http_query(req, name);
    civil_date_t d = CIVIL_DATE_INVALID;

    if (s != NULL && civil_date_parse(s, &d) != 0)
        d = CIVIL_DATE_INVALID;
    return d;
}
