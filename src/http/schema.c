/*
 * http/schema.c — the JSON Schema (2020-12, the dialect of OpenAPI 3.1) of a declared
 * format. The parser (http/json.c) enforces the same declaration, so what is published
 * is what is checked: a request object admits no other properties, a string must hold
 * something besides spaces, ranges and lengths are the parser's.
 *
 * Answers are rendered with every declared member present (the renderers in api/ and
 * ops/render.c always write each key, null when there is no value), so every member of
 * an answer object is listed as required; requests list only the required ones, and
 * an optional member also accepts null, which the parser reads as absent.
 */
#include "http/schema.h"

#include <stdint.h>

static const char *type_name(schema_type_t t)
{
    switch (t) {
    case SCHEMA_INTEGER:
        return "integer";
    case SCHEMA_BOOLEAN:
        return "boolean";
    case SCHEMA_ARRAY:
        return "array";
    case SCHEMA_OBJECT:
        return "object";
    case SCHEMA_STRING:
    case SCHEMA_DATE:
    case SCHEMA_DATETIME:
        break;
    }
    return "string";
}

static void add_type(json_t *s, const schema_field_t *f, int nullable)
{
    if (nullable)
        json_object_set_new(s, "type", json_pack("[s, s]", type_name(f->type), "null"));
    else
        json_object_set_new(s, "type", json_string(type_name(f->type)));
}

static void add_enum(json_t *s, const schema_field_t *f, int nullable)
{
    json_t *list = json_array();

    for (int i = 0; f->values(i) != NULL; i++)
        json_array_append_new(list, json_string(f->values(i)));
    if (nullable)
        json_array_append_new(list, json_null());
    json_object_set_new(s, "enum", list);
}

static void add_limits(json_t *s, const schema_field_t *f, int request)
{
    switch (f->type) {
    case SCHEMA_STRING:
        if (request) {
            json_object_set_new(s, "minLength", json_integer(1));
            json_object_set_new(s, "pattern", json_string("\\S"));
            json_object_set_new(s, "maxLength",
                                json_integer(f->max_len ? (json_int_t)f->max_len : 1000));
        } else if (f->max_len) {
            json_object_set_new(s, "maxLength", json_integer((json_int_t)f->max_len));
        }
        break;
    case SCHEMA_INTEGER:
        if (f->ranged) {
            json_object_set_new(s, "minimum", json_integer(f->min));
            if (f->max != INT64_MAX)
                json_object_set_new(s, "maximum", json_integer(f->max));
        }
        break;
    case SCHEMA_DATE:
        json_object_set_new(s, "format", json_string("date"));
        break;
    case SCHEMA_DATETIME:
        json_object_set_new(s, "format", json_string("date-time"));
        break;
    case SCHEMA_ARRAY:
        if (f->max_len)
            json_object_set_new(s, "maxItems", json_integer((json_int_t)f->max_len));
        break;
    case SCHEMA_BOOLEAN:
    case SCHEMA_OBJECT:
        break;
    }
}

/* An object published once under components and referred to by name. */
static json_t *reference(const schema_field_t *f, json_t *components, int request, int nullable)
{
    json_t *ref;

    if (json_object_get(components, f->ref) == NULL) {
        /* a placeholder first, so an object that contains itself does not recurse */
        json_object_set_new(components, f->ref, json_object());
        json_object_set_new(components, f->ref, schema_object_json(f->fields, components, request));
    }
    ref = json_pack("{s:s+}", "$ref", "#/components/schemas/", f->ref);
    if (nullable)
        ref = json_pack("{s:[o, {s:s}]}", "anyOf", ref, "type", "null");
    return ref;
}

json_t *schema_json(const schema_field_t *f, json_t *components, int request)
{
    int nullable = request ? !f->required : f->nullable;
    json_t *s;

    if (f->type == SCHEMA_OBJECT && f->ref != NULL && f->fields != NULL)
        s = reference(f, components, request, nullable);
    else if (f->type == SCHEMA_OBJECT && f->fields != NULL)
        s = schema_object_json(f->fields, components, request);
    else
        s = json_object();
    if (json_object_get(s, "$ref") == NULL && json_object_get(s, "anyOf") == NULL) {
        add_type(s, f, nullable);
        if (f->values != NULL)
            add_enum(s, f, nullable);
        add_limits(s, f, request);
        if (f->type == SCHEMA_ARRAY && f->items != NULL)
            json_object_set_new(s, "items", schema_json(f->items, components, request));
    }
    if (f->doc != NULL)
        json_object_set_new(s, "description", json_string(f->doc));
    return s;
}

json_t *schema_object_json(const schema_field_t *fields, json_t *components, int request)
{
    json_t *props = json_object(), *required = json_array();
    json_t *s = json_pack("{s:s, s:o}", "type", "object", "properties", props);

    for (const schema_field_t *f = fields; f->name != NULL; f++) {
        json_object_set_new(props, f->name, schema_json(f, components, request));
        if (!request || f->required)
            json_array_append_new(required, json_string(f->name));
    }
    if (json_array_size(required) > 0)
        json_object_set_new(s, "required", required);
    else
        json_decref(required);
    if (request)
        json_object_set_new(s, "additionalProperties", json_false());
    return s;
}
