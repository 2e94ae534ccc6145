/*
 * cli/unit.c — `thads unit add|move|close|rename|list`: the organization tree from the
 * command line, for setting up an installation and for reorganizations. The rules are
 * those of the API (api/unit_ops.c); each change is one transaction with its audit row.
 *
 * Also the helpers the organization commands share (declared in cli/cli.h).
 */
#include "ops/app.h"
#include "ops/render.h"
#include "ops/unit_ops.h"
#include "cli/cli.h"
#include "core/unit.h"
#include "store/audit.h"
#include "store/units.h"

#include <assert.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD "unit"

/* ---- shared by unit, user and import ---------------------------------------------- */

const char *cli_actor(void)
{
    /* A command carries no signed-in user (user_id 0): whoever can reach the database
     * can run it. What we can honestly record is the login behind it: under sudo the
     * person who ran sudo, else $USER, else just "cli". */
    return cli_env("SUDO_USER", cli_env("USER", "cli"));
}

int cli_audit_commit(const char *cmd, db_t *db, int64_t now, const char *route, const char *object,
                     const char *detail)
{
    audit_entry_t e = {
        .at = now,
        .user_id = 0,
        .username = cli_actor(),
        .unit_id = 0,
        .method = "CLI",
        .route = route,
        .object = object,
        .outcome = 0,
        .client_addr = "cli",
        .detail = detail,
    };

    if (audit_append(db, &e, NULL) != DB_OK) {
        int rc =
            cli_fail(cmd, "cannot write the audit row: %s; nothing was changed", db_errmsg(db));
        db_rollback(db);
        return rc;
    }
    if (db_commit(db) != DB_OK) {
        int rc = cli_fail(cmd, "cannot commit: %s; nothing was changed", db_errmsg(db));
        if (db_in_transaction(db))
            db_rollback(db);
        return rc;
    }
    return 0;
}

int cli_op_error(const char *cmd, db_t *db, const op_error_t *e)
{
    if (db != NULL && db_in_transaction(db))
        db_rollback(db);
    if (e->field[0])
        return cli_fail(cmd, "%s (%s)", e->en, e->field);
    return cli_fail(cmd, "%s", e->en);
}

int cli_date_arg(const char *cmd, const char *opt, const char *s, civil_date_t *out)
{
    if (civil_date_parse(s, out) != 0)
        return cli_usage_error(cmd, "%s: '%s' is not a date YYYY-MM-DD", opt, s);
    return 0;
}

int cli_unit_by_code(const char *cmd, db_t *db, const char *code, civil_date_t at, const char *what,
                     unit_row_t *out)
{
    int rc = units_get_by_code(db, code, at, out);

    if (rc == DB_ROW)
        return 0;
    if (db_in_transaction(db))
        db_rollback(db);
    if (rc == DB_DONE)
        return cli_fail(cmd, "no unit with code '%s' (%s)", code, what);
    return cli_fail(cmd, "cannot read unit '%s': %s", code, db_errmsg(db));
}

/* ---- thads unit ----------------------------------------------------------------- */

enum {
    O_DB = 1,
    O_NAME,
    O_KIND,
    O_PARENT,
    O_FROM,
    O_TO,
    O_ON,
    O_SUCCESSOR,
    O_AT,
    O_ROOT,
    O_FORMAT
};

/* What a subcommand was given; NULL where absent. */
typedef struct {
    const char *url, *code, *name, *kind, *parent, *from, *to, *on, *successor, *at, *root, *format;
} unit_args_t;

/* Parse argv (argv[0] the subcommand) accepting only the options in allowed (a string
 * of O_* values). 0, or 2 after a usage error. Exactly one positional CODE unless
 * want_code is 0 (then none). */
static int parse(int argc, char **argv, const char *allowed, int want_code, unit_args_t *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, O_DB},
        {"name", required_argument, NULL, O_NAME},
        {"kind", required_argument, NULL, O_KIND},
        {"parent", required_argument, NULL, O_PARENT},
        {"from", required_argument, NULL, O_FROM},
        {"to", required_argument, NULL, O_TO},
        {"on", required_argument, NULL, O_ON},
        {"successor", required_argument, NULL, O_SUCCESSOR},
        {"at", required_argument, NULL, O_AT},
        {"root", required_argument, NULL, O_ROOT},
        {"format", required_argument, NULL, O_FORMAT},
        {NULL, 0, NULL, 0},
    };
    const char **slot[] = {
        [O_DB] = &a->url,        [O_NAME] = &a->name,           [O_KIND] = &a->kind,
        [O_PARENT] = &a->parent, [O_FROM] = &a->from,           [O_TO] = &a->to,
        [O_ON] = &a->on,         [O_SUCCESSOR] = &a->successor, [O_AT] = &a->at,
        [O_ROOT] = &a->root,     [O_FORMAT] = &a->format};
    int c, idx = 0;

    memset(a, 0, sizeof *a);
    a->url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
        if (c <= 0 || c > O_FORMAT || (c != O_DB && strchr(allowed, c) == NULL)) {
            if (c > 0 && c <= O_FORMAT)
                return cli_usage_error(CMD, "%s does not take --%s", argv[0], opts[idx].name);
            return cli_bad_option(CMD, argc, argv);
        }
        *slot[c] = optarg;
    }
    if (want_code) {
        if (optind >= argc)
            return cli_usage_error(CMD, "%s needs a unit CODE", argv[0]);
        a->code = argv[optind++];
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static int require(const char *value, const char *opt, const char *sub)
{
    return value ? 0 : cli_usage_error(CMD, "%s needs %s", sub, opt);
}

static int unit_add(int argc, char **argv)
{
    static const char allowed[] = {O_NAME, O_KIND, O_PARENT, O_FROM, O_TO, 0};
    unit_args_t a;
    unit_input_t in;
    unit_row_t parent;
    op_error_t err;
    app_t app;
    db_t *db;
    char object[40], detail[160], day[11];
    int64_t id = 0, now;
    int rc;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0 || (rc = require(a.name, "--name", "add")) ||
        (rc = require(a.kind, "--kind", "add")))
        return rc;
    if (unit_kind_find(a.kind) == NULL) {
        char kinds[512] = "";
        for (const unit_kind_t *k = unit_kinds(); k->code; k++)
            snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s",
                     kinds[0] ? ", " : "", k->code);
        return cli_usage_error(CMD, "unknown kind '%s' (kinds: %s)", a.kind, kinds);
    }
    app_init(&app, NULL, THADS_VERSION);
    now = app.now();
    in = (unit_input_t){.code = a.code,
                        .name_vi = a.name,
                        .kind = a.kind,
                        .valid_from = app_today(&app),
                        .valid_to = CIVIL_DATE_INVALID};
    if ((a.from && (rc = cli_date_arg(CMD, "--from", a.from, &in.valid_from)) != 0) ||
        (a.to && (rc = cli_date_arg(CMD, "--to", a.to, &in.valid_to)) != 0))
        return rc;
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if (db_begin(db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(db));
        goto out;
    }
    if (a.parent != NULL) {
        if ((rc = cli_unit_by_code(CMD, db, a.parent, in.valid_from, "--parent", &parent)) != 0)
            goto out;
        in.parent_id = parent.id;
    }
    if (unit_op_create(db, &in, 0, now, &id, &err) != 0) {
        rc = cli_op_error(CMD, db, &err);
        goto out;
    }
    snprintf(object, sizeof object, "unit:%lld", (long long)id);
    civil_date_format(in.valid_from, day);
    snprintf(detail, sizeof detail, "add %s (%s)%s%s from %s", a.code, a.kind,
             a.parent ? " under " : "", a.parent ? a.parent : "", day);
    if ((rc = cli_audit_commit(CMD, db, now, "thads unit add", object, detail)) != 0)
        goto out;
    printf("added unit %s (id %lld)\n", a.code, (long long)id);
out:
    db_close(db);
    return rc;
}

/* What a dated change of one unit does once the unit is found: the operation, the
 * audit detail and the line printed. Returns 0, -1 with err filled (a refusal), or an
 * exit code already reported (a --to/--successor code not found). */
typedef int (*dated_op_fn)(db_t *db, const unit_args_t *a, const unit_row_t *u, civil_date_t on,
                           int64_t now, op_error_t *err, char *detail, size_t dlen, char *done,
                           size_t donelen);

/* move, close and rename: one transaction that finds CODE on `on`, applies op and
 * appends the audit row "thads unit SUB". */
static int dated_change(const unit_args_t *a, const char *sub, civil_date_t on, dated_op_fn op)
{
    char object[40], detail[200], done[200], route[40];
    unit_row_t u;
    op_error_t err = {0};
    app_t app;
    db_t *db;
    int64_t now;
    int rc;

    app_init(&app, NULL, THADS_VERSION);
    now = app.now();
    if ((rc = cli_open_migrated(CMD, a->url, &db)) != 0)
        return rc;
    if (db_begin(db) != DB_OK) {
        rc = cli_fail(CMD, "cannot begin: %s", db_errmsg(db));
        goto out;
    }
    if ((rc = cli_unit_by_code(CMD, db, a->code, on, "CODE", &u)) != 0)
        goto out;
    rc = op(db, a, &u, on, now, &err, detail, sizeof detail, done, sizeof done);
    if (rc < 0)
        rc = cli_op_error(CMD, db, &err);
    if (rc != 0)
        goto out;
    snprintf(object, sizeof object, "unit:%lld", (long long)u.id);
    snprintf(route, sizeof route, "thads unit %s", sub);
    if ((rc = cli_audit_commit(CMD, db, now, route, object, detail)) != 0)
        goto out;
    puts(done);
out:
    db_close(db);
    return rc;
}

static int apply_move(db_t *db, const unit_args_t *a, const unit_row_t *u, civil_date_t on,
                      int64_t now, op_error_t *err, char *detail, size_t dlen, char *done,
                      size_t donelen)
{
    unit_row_t parent;
    int rc = cli_unit_by_code(CMD, db, a->to, on, "--to", &parent);

    if (rc != 0)
        return rc;
    if (unit_op_move(db, u->id, parent.id, on, 0, now, err) != 0)
        return -1;
    snprintf(detail, dlen, "move %s under %s on %s", a->code, a->to, a->on);
    snprintf(done, donelen, "moved unit %s under %s from %s", a->code, a->to, a->on);
    return 0;
}

static int unit_move(int argc, char **argv)
{
    static const char allowed[] = {O_TO, O_ON, 0};
    unit_args_t a;
    civil_date_t on;
    int rc;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0 ||
        (rc = require(a.to, "--to PARENT_CODE", "move")) || (rc = require(a.on, "--on", "move")) ||
        (rc = cli_date_arg(CMD, "--on", a.on, &on)) != 0)
        return rc;
    return dated_change(&a, "move", on, apply_move);
}

static int apply_close(db_t *db, const unit_args_t *a, const unit_row_t *u, civil_date_t on,
                       int64_t now, op_error_t *err, char *detail, size_t dlen, char *done,
                       size_t donelen)
{
    unit_row_t succ = {0};
    int rc;

    if (a->successor &&
        (rc = cli_unit_by_code(CMD, db, a->successor, on + 1, "--successor", &succ)) != 0)
        return rc;
    if (unit_op_close(db, u->id, on, succ.id, 0, now, err) != 0)
        return -1;
    snprintf(detail, dlen, "close %s on %s%s%s", a->code, a->on, a->successor ? ", successor " : "",
             a->successor ? a->successor : "");
    snprintf(done, donelen, "closed unit %s: its last day is %s", a->code, a->on);
    return 0;
}

static int unit_close(int argc, char **argv)
{
    static const char allowed[] = {O_ON, O_SUCCESSOR, 0};
    unit_args_t a;
    civil_date_t on;
    int rc;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0 || (rc = require(a.on, "--on", "close")) ||
        (rc = cli_date_arg(CMD, "--on", a.on, &on)) != 0)
        return rc;
    return dated_change(&a, "close", on, apply_close);
}

static int apply_rename(db_t *db, const unit_args_t *a, const unit_row_t *u, civil_date_t on,
                        int64_t now, op_error_t *err, char *detail, size_t dlen, char *done,
                        size_t donelen)
{
    if (unit_op_rename(db, u->id, a->name, on, 0, now, err) != 0)
        return -1;
    snprintf(detail, dlen, "rename %s on %s", a->code, a->on);
    snprintf(done, donelen, "renamed unit %s from %s", a->code, a->on);
    return 0;
}

static int unit_rename(int argc, char **argv)
{
    static const char allowed[] = {O_NAME, O_ON, 0};
    unit_args_t a;
    civil_date_t on;
    int rc;

    if ((rc = parse(argc, argv, allowed, 1, &a)) != 0 ||
        (rc = require(a.name, "--name", "rename")) || (rc = require(a.on, "--on", "rename")) ||
        (rc = cli_date_arg(CMD, "--on", a.on, &on)) != 0)
        return rc;
    return dated_change(&a, "rename", on, apply_rename);
}

/* The tree as text needs depth-first order (each unit right above its children); the
 * store hands units out breadth-first (by depth, then code). So collect them, link each
 * to its parent, and walk. O(n log n) for n units; a national tree has a few thousand. */
typedef struct {
    unit_row_t *rows;
    int *depth, *first_child, *next_sibling;
    size_t n, cap;
} tree_t;

static int collect_tree(const unit_row_t *u, int depth, void *arg)
{
    tree_t *t = arg;

    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        unit_row_t *rows = realloc(t->rows, cap * sizeof *rows);
        int *d;
        if (rows == NULL)
            return -1;
        t->rows = rows;
        if ((d = realloc(t->depth, cap * sizeof *d)) == NULL)
            return -1;
        t->depth = d;
        t->cap = cap;
    }
    t->rows[t->n] = *u;
    t->depth[t->n++] = depth;
    return 0;
}

static const tree_t *sort_tree; /* qsort has no context argument */

static int by_id(const void *a, const void *b)
{
    int64_t x = sort_tree->rows[*(const int *)a].id, y = sort_tree->rows[*(const int *)b].id;
    return (x > y) - (x < y);
}

/* Index of the unit with this id, using ids (row indexes sorted by id); -1 if absent. */
static int find_id(const tree_t *t, const int *ids, int64_t id)
{
    size_t lo = 0, hi = t->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rows[ids[mid]].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->rows[ids[lo]].id == id ? ids[lo] : -1;
}

static void print_row(const unit_row_t *u, int depth)
{
    char code[UNIT_CODE_MAX + 80], from[11], to[11] = "";

    snprintf(code, sizeof code, "%*s%s", depth * 2, "", u->code);
    civil_date_format(u->valid_from, from);
    if (u->valid_to != CIVIL_DATE_INVALID)
        civil_date_format(u->valid_to, to);
    printf("%-28s %-19s %s..%-10s  %s\n", code, u->kind, from, to, u->name_vi);
}

/* Print t depth first; 0, or -1 out of memory. */
static int print_tree(tree_t *t)
{
    int *ids = malloc((t->n ? t->n : 1) * sizeof *ids);
    int *stack = malloc((t->n ? t->n : 1) * sizeof *stack);
    int top = 0;

    t->first_child = malloc((t->n ? t->n : 1) * sizeof *t->first_child);
    t->next_sibling = malloc((t->n ? t->n : 1) * sizeof *t->next_sibling);
    if (ids == NULL || stack == NULL || t->first_child == NULL || t->next_sibling == NULL) {
        free(ids);
        free(stack);
        return -1;
    }
    for (size_t i = 0; i < t->n; i++) {
        ids[i] = (int)i;
        t->first_child[i] = t->next_sibling[i] = -1;
    }
    sort_tree = t;
    qsort(ids, t->n, sizeof *ids, by_id);
    /* Walking backwards and prepending keeps each unit's children in code order. */
    for (size_t i = t->n; i-- > 1;) {
        int p = find_id(t, ids, t->rows[i].parent_id);
        assert(p >= 0); /* the subtree holds every unit's parent but the root's */
        t->next_sibling[i] = t->first_child[p];
        t->first_child[p] = (int)i;
    }
    if (t->n > 0)
        stack[top++] = 0;
    while (top > 0) {
        int i = stack[--top], kids = 0;
        print_row(&t->rows[i], t->depth[i]);
        /* Push children in reverse so the first is printed first. */
        for (int k = t->first_child[i]; k >= 0; k = t->next_sibling[k])
            kids++;
        top += kids;
        for (int k = t->first_child[i], j = 1; k >= 0; k = t->next_sibling[k], j++)
            stack[top - j] = k;
    }
    free(ids);
    free(stack);
    return 0;
}

static int collect_json(const unit_row_t *u, int depth, void *arg)
{
    json_t *j = render_unit(u);

    if (j == NULL)
        return -1;
    json_object_set_new(j, "depth", json_integer(depth));
    return json_array_append_new(arg, j);
}

static int unit_list(int argc, char **argv)
{
    static const char allowed[] = {O_AT, O_ROOT, O_FORMAT, 0};
    unit_args_t a;
    unit_row_t root;
    civil_date_t at;
    app_t app;
    db_t *db;
    json_t *arr = NULL;
    tree_t tree = {0};
    int rc, json;

    if ((rc = parse(argc, argv, allowed, 0, &a)) != 0)
        return rc;
    json = a.format && strcmp(a.format, "json") == 0;
    if (a.format && !json && strcmp(a.format, "text") != 0)
        return cli_usage_error(CMD, "unknown format '%s' (want text or json)", a.format);
    app_init(&app, NULL, THADS_VERSION);
    at = app_today(&app);
    if (a.at && (rc = cli_date_arg(CMD, "--at", a.at, &at)) != 0)
        return rc;
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if ((rc = cli_unit_by_code(CMD, db, a.root ? a.root : CLI_DEFAULT_ROOT_UNIT, at,
                               a.root ? "--root" : "the default root; give --root CODE", &root)) !=
        0)
        goto out;
    if (json) {
        arr = json_array();
        rc = arr ? units_list_subtree(db, root.id, at, collect_json, arr) : DB_NOMEM;
    } else {
        rc = units_list_subtree(db, root.id, at, collect_tree, &tree);
    }
    if (rc != DB_OK) {
        rc = cli_fail(CMD, "cannot list units: %s", db_errmsg(db));
        goto out;
    }
    if (json) {
        char *text = json_dumps(arr, JSON_INDENT(2));
        if (text == NULL) {
            rc = cli_fail(CMD, "out of memory");
            goto out;
        }
        puts(text);
        free(text);
    } else {
        char day[11];
        if (print_tree(&tree) != 0) {
            rc = cli_fail(CMD, "out of memory");
            goto out;
        }
        civil_date_format(at, day);
        printf("(%zu units on %s)\n", tree.n, day);
    }
out:
    free(tree.rows);
    free(tree.depth);
    free(tree.first_child);
    free(tree.next_sibling);
    json_decref(arr);
    db_close(db);
    return rc;
}

int cmd_unit(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } subs[] = {{"add", unit_add},
                {"move", unit_move},
                {"close", unit_close},
                {"rename", unit_rename},
                {"list", unit_list}};

    if (argc < 2)
        return cli_usage_error(CMD, "give a subcommand: add, move, close, rename or list");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1);
    return cli_usage_error(CMD, "unknown subcommand '%s' (add, move, close, rename, list)",
                           argv[1]);
}
