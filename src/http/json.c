/*
 * http/json.c — strict JSON input. A body must be one object; duplicate keys,
 * unknown keys, missing required keys and wrong types are each a 400 that names
 * the field, in English and Vietnamese, before any handler logic runs.
 */
#include "core/civil_date.h"
#include "http/internal.h"

#include <stdio.h>
#include <string.h>

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

static int check_value(http_request_t *req, const json_field_t *f, json_t *v)
{
    size_t max = f->max_len ? f->max_len : 1000;
    civil_date_t d;

    switch (f->type) {
    case JF_STRING:
        if (!json_is_string(v))
            return field_error(req, "invalid_type", f->name, "Must be a string.",
                               "Phải là chuỗi ký tự.");
        if (blank(json_string_value(v)))
            return field_error(req, "invalid_value", f->name, "Must not be empty.",
                               "Không được để trống.");
        if (utf8_chars(json_string_value(v)) > max) {
            char en[96], vi[96];
            snprintf(en, sizeof en, "Too long: at most %zu characters.", max);
            snprintf(vi, sizeof vi, "Quá dài: tối đa %zu ký tự.", max);
            return field_error(req, "too_long", f->name, en, vi);
        }
        return 0;
    case JF_INT:
        return json_is_integer(v) ? 0
                                  : field_error(req, "invalid_type", f->name,
                                                "Must be a whole number.", "Phải là số nguyên.");
    case JF_BOOL:
        return json_is_boolean(v)
                   ? 0
                   : field_error(req, "invalid_type", f->name, "Must be true or false.",
                                 "Phải là true hoặc false.");
    case JF_DATE:
        if (!json_is_string(v) || civil_date_parse(json_string_value(v), &d) != 0)
            return field_error(req, "invalid_date", f->name,
                               "Must be a real date written YYYY-MM-DD.",
                               "Phải là ngày hợp lệ dạng YYYY-MM-DD.");
        return 0;
    case JF_OBJECT:
        return json_is_object(v) ? 0
                                 : field_error(req, "invalid_type", f->name, "Must be an object.",
                                               "Phải là một đối tượng.");
    case JF_ARRAY:
        return json_is_array(v) ? 0
                                : field_error(req, "invalid_type", f->name, "Must be a list.",
                                              "Phải là một danh sách.");
    case JF_ANY:
        return 0;
    }
    return 0;
}

int http_json_check(http_request_t *req, json_t *obj, const json_field_t *fields)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v)
    {
        const json_field_t *f = fields;
        while (f->name != NULL && strcmp(f->name, key) != 0)
            f++;
        if (f->name == NULL) {
            char en[160], vi[160];
            snprintf(en, sizeof en, "Unknown field '%.64s'.", key);
            snprintf(vi, sizeof vi, "Trường '%.64s' không được hỗ trợ.", key);
            return field_error(req, "unknown_field", key, en, vi);
        }
        if (json_is_null(v))
            continue; /* null means absent; a required field is reported below */
        if (check_value(req, f, v) != 0)
            return -1;
    }
    for (const json_field_t *f = fields; f->name != NULL; f++) {
        v = json_object_get(obj, f->name);
        if (f->required && (v == NULL || json_is_null(v)))
            return field_error(req, "missing_field", f->name, "This field is required.",
                               "Trường này là bắt buộc.");
    }
    return 0;
}
