/*
 * cli/money.c — `thads money collect|allocate|approve|deposit|pay|void|statement|daybook|
 * balances`: the custody ledger from the command line, for an accountant working from a terminal, a
 * script entering the day's bank statement, or an administrator checking balances. The
 * rules are those of the API (ops/money_ops.h); each write is one transaction with its
 * case event, ledger transaction, document and audit row, so the numbering, the
 * balances and the audit log are the same whichever way the money came in.
 */
#include "cli/cli.h"
#include "core/money.h"
#include "core/receipt.h"
#include "ops/app.h"
#include "ops/money_ops.h"
#include "ops/render.h"
#include "store/cases.h"
#include "store/ledger.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD "money"

enum {
    O_DB = 1,
    O_AMOUNT,
    O_METHOD,
    O_PAYER,
    O_ADDRESS,
    O_BEHALF,
    O_ON,
    O_PAYEE,
    O_CASH,
    O_REASON,
    O_UNIT,
    O_DAY,
    O_FORMAT,
    O_LAST = O_FORMAT
};

/* What a subcommand was given; NULL where absent. */
typedef struct {
    const char *url, *id, *amount, *method, *payer, *address, *behalf, *on, *payee, *reason, *unit,
        *day, *format;
    int cash, json;
} money_args_t;

/* Parse argv (argv[0] the subcommand) accepting only the options in allowed (O_*
 * values); want_id: the one positional argument's name (NULL: none). 0 or 2. */
static int parse(int argc, char **argv, const char *allowed, const char *want_id, money_args_t *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, O_DB},
        {"amount", required_argument, NULL, O_AMOUNT},
        {"method", required_argument, NULL, O_METHOD},
        {"payer", required_argument, NULL, O_PAYER},
        {"address", required_argument, NULL, O_ADDRESS},
        {"on-behalf-of", required_argument, NULL, O_BEHALF},
        {"on", required_argument, NULL, O_ON},
        {"payee", required_argument, NULL, O_PAYEE},
        {"cash", no_argument, NULL, O_CASH},
        {"reason", required_argument, NULL, O_REASON},
        {"unit", required_argument, NULL, O_UNIT},
        {"day", required_argument, NULL, O_DAY},
        {"format", required_argument, NULL, O_FORMAT},
        {NULL, 0, NULL, 0},
    };
    const char **slot[] = {
        [O_DB] = &a->url,        [O_AMOUNT] = &a->amount,   [O_METHOD] = &a->method,
        [O_PAYER] = &a->payer,   [O_ADDRESS] = &a->address, [O_BEHALF] = &a->behalf,
        [O_ON] = &a->on,         [O_PAYEE] = &a->payee,     [O_CASH] = NULL,
        [O_REASON] = &a->reason, [O_UNIT] = &a->unit,       [O_DAY] = &a->day,
        [O_FORMAT] = &a->format};
    int c, idx = 0;

    memset(a, 0, sizeof *a);
    a->url = cli_env("THADS_DB", CLI_DEFAULT_DB);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, &idx)) != -1) {
        if (c <= 0 || c > O_LAST || (c != O_DB && strchr(allowed, c) == NULL)) {
            if (c > 0 && c <= O_LAST)
                return cli_usage_error(CMD, "%s does not take --%s", argv[0], opts[idx].name);
            return cli_bad_option(CMD, argc, argv);
        }
        if (c == O_CASH)
            a->cash = 1;
        else
            *slot[c] = optarg;
    }
    if (want_id) {
        if (optind >= argc)
            return cli_usage_error(CMD, "%s needs a %s", argv[0], want_id);
        a->id = argv[optind++];
    }
    if (optind < argc)
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    if (a->format) {
        a->json = strcmp(a->format, "json") == 0;
        if (!a->json && strcmp(a->format, "text") != 0)
            return cli_usage_error(CMD, "unknown format '%s' (want text or json)", a->format);
    }
    return 0;
}

static int require(const char *value, const char *opt, const char *sub)
{
    return value ? 0 : cli_usage_error(CMD, "%s needs %s", sub, opt);
}

/* A positive decimal id (a case's, a receipt's, a party's): 0 or 2. */
static int id_arg(const char *what, const char *s, int64_t *out)
{
    char *end;
    long long v;

    if (s == NULL || s[0] < '1' || s[0] > '9')
        return cli_usage_error(CMD, "%s: '%s' is not an id", what, s ? s : "");
    v = strtoll(s, &end, 10);
    if (*end != '\0' || v <= 0)
        return cli_usage_error(CMD, "%s: '%s' is not an id", what, s);
    *out = v;
    return 0;
}

/* An amount as an accountant types it ("1.234.567 đ", "1234567"): more than zero; the
 * operation refuses one above the limit with the API's message. 0 or 2. */
static int amount_arg(const char *s, int64_t *out)
{
    money_t v;

    if (money_parse(s, &v) != 0)
        return cli_usage_error(CMD,
                               "--amount: '%s' is not an amount in đồng (as 1.234.567 or "
                               "1234567)",
                               s);
    if (v <= 0)
        return cli_usage_error(CMD, "--amount: '%s' is not more than zero", s);
    *out = v;
    return 0;
}

static const char *vnd(int64_t v, char buf[40])
{
    money_format(v, buf, 40);
    return buf;
}

/* The optional --on: the legal date of the movement, today by default. */
static int on_arg(const money_args_t *a, const app_t *app, civil_date_t *on)
{
    *on = app_today(app);
    return a->on ? cli_date_arg(CMD, "--on", a->on, on) : 0;
}

static int print_json(json_t *j)
{
    char *text = j ? json_dumps(j, JSON_INDENT(2)) : NULL;

    json_decref(j);
    if (text == NULL)
        return cli_fail(CMD, "out of memory");
    puts(text);
    free(text);
    return 0;
}

static json_t *opt_text(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

static json_t *receipt_json(const receipt_row_t *r)
{
    char number[RECEIPT_NO_MAX], words[MONEY_WORDS_MAX];

    receipt_no_text(r->unit_code, r->year, r->number, number, sizeof number);
    money_to_words_vi(r->amount_vnd, words, sizeof words);
    return json_pack(
        "{s:I, s:s, s:I, s:i, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:o, s:I, s:s, "
        "s:o, s:b, s:o, s:o}",
        "id", (json_int_t)r->id, "number_text", number, "number", (json_int_t)r->number, "year",
        r->year, "form", r->form, "method", r->method, "unit_code", r->unit_code, "case_id",
        (json_int_t)r->case_id, "case_no", r->case_no, "payer_name", r->payer_name, "payer_address",
        opt_text(r->payer_address), "on_behalf_of", opt_text(r->on_behalf_of), "amount_vnd",
        (json_int_t)r->amount_vnd, "amount_words_vi", words, "issued_on", render_date(r->issued_on),
        "voided", r->voided, "void_reason", r->voided ? json_string(r->void_reason) : json_null(),
        "voided_on", r->voided ? render_date(r->voided_on) : json_null());
}

static json_t *payout_json(const payout_row_t *p)
{
    char number[RECEIPT_NO_MAX];

    receipt_no_text(p->unit_code, p->year, p->number, number, sizeof number);
    return json_pack("{s:I, s:s, s:I, s:i, s:s, s:I, s:s, s:o, s:s, s:s, s:I, s:I, s:I, s:o}", "id",
                     (json_int_t)p->id, "number_text", number, "number", (json_int_t)p->number,
                     "year", p->year, "unit_code", p->unit_code, "case_id", (json_int_t)p->case_id,
                     "case_no", p->case_no, "payee_party_id",
                     p->payee_party_id ? json_integer(p->payee_party_id) : json_null(),
                     "payee_name", p->payee_name, "method", p->method, "gross_vnd",
                     (json_int_t)p->gross_vnd, "fee_vnd", (json_int_t)p->fee_vnd, "net_vnd",
                     (json_int_t)(p->gross_vnd - p->fee_vnd), "paid_on", render_date(p->paid_on));
}

static void receipt_line(const receipt_row_t *r)
{
    char a[40], day[11], no[RECEIPT_NO_MAX];

    civil_date_format(r->issued_on, day);
    receipt_no_text(r->unit_code, r->year, r->number, no, sizeof no);
    printf("  biên lai %s  %s  %-9s %20s  %s%s\n", no, day, r->method, vnd(r->amount_vnd, a),
           r->payer_name, r->voided ? "  [ĐÃ HỦY / void]" : "");
}

static void payout_line(const payout_row_t *p)
{
    char g[40], f[40], day[11], no[RECEIPT_NO_MAX];

    civil_date_format(p->paid_on, day);
    receipt_no_text(p->unit_code, p->year, p->number, no, sizeof no);
    printf("  phiếu chi %s  %s  %-8s %20s  phí %s  %s\n", no, day, p->method, vnd(p->gross_vnd, g),
           vnd(p->fee_vnd, f), p->payee_name);
}

/* One write: begin, run op, audit and commit. op returns 0 or -1 with err filled. */
typedef int (*write_fn)(db_t *db, const app_t *app, const money_args_t *a, void *arg,
                        op_error_t *err, char *object, char *detail);

static int write_one(const money_args_t *a, const char *sub, write_fn op, void *arg, db_t **dbp)
{
    char object[48] = "", detail[400] = "", route[40];
    op_error_t err = {0};
    app_t app;
    db_t *db;
    int rc;

    app_init(&app, NULL, THADS_VERSION);
    if ((rc = cli_open_migrated(CMD, a->url, &db)) != 0)
        return rc;
    *dbp = db;
    if (db_begin(db) != DB_OK)
        return cli_fail(CMD, "cannot begin: %s", db_errmsg(db));
    if (op(db, &app, a, arg, &err, object, detail) != 0)
        return cli_op_error(CMD, db, &err);
    snprintf(route, sizeof route, "thads money %s", sub);
    return cli_audit_commit(CMD, db, app.now(), route, object, detail);
}

/* ---- collect ---- */

typedef struct {
    money_collection_t in;
    int64_t case_id;
    money_doc_t doc;
} collect_t;

static int do_collect(db_t *db, const app_t *app, const money_args_t *a, void *arg, op_error_t *err,
                      char *object, char *detail)
{
    collect_t *x = arg;
    char amt[40];

    (void)a;
    if (money_op_collect(db, app, x->case_id, &x->in, 0, app_today(app), app->now(), &x->doc,
                         err) != 0)
        return -1;
    snprintf(object, 48, "receipt:%lld", (long long)x->doc.doc_id);
    snprintf(detail, 400, "receipt %07lld/%d, case %lld, %s by %s", (long long)x->doc.number,
             x->doc.year, (long long)x->case_id, vnd(x->in.amount_vnd, amt),
             ledger_method_code(x->in.method));
    return 0;
}

static int show_receipt(db_t *db, int64_t id, int json)
{
    receipt_row_t r;
    char a[40], words[MONEY_WORDS_MAX], day[11], no[RECEIPT_NO_MAX];

    if (receipts_get(db, id, &r) != DB_ROW)
        return cli_fail(CMD, "cannot read receipt %lld: %s", (long long)id, db_errmsg(db));
    if (json)
        return print_json(json_pack("{s:o}", "receipt", receipt_json(&r)));
    money_to_words_vi(r.amount_vnd, words, sizeof words);
    civil_date_format(r.issued_on, day);
    receipt_no_text(r.unit_code, r.year, r.number, no, sizeof no);
    printf("biên lai %s (id %lld) — việc %s (id %lld), ngày %s\n", no, (long long)r.id, r.case_no,
           (long long)r.case_id, day);
    printf("  người nộp: %s\n  số tiền: %s (%s)\n  bằng chữ: %s\n", r.payer_name,
           vnd(r.amount_vnd, a), r.method, words);
    if (r.voided) {
        civil_date_format(r.voided_on, day);
        printf("  ĐÃ HỦY / void on %s: %s\n", day, r.void_reason);
    }
    return 0;
}

static int money_collect(int argc, char **argv)
{
    static const char allowed[] = {O_AMOUNT, O_METHOD, O_PAYER,  O_ADDRESS,
                                   O_BEHALF, O_ON,     O_FORMAT, 0};
    money_args_t a;
    collect_t x = {0};
    app_t app;
    db_t *db = NULL;
    int rc, m;

    if ((rc = parse(argc, argv, allowed, "CASE_ID", &a)) != 0 ||
        (rc = require(a.amount, "--amount", "collect")) != 0 ||
        (rc = require(a.method, "--method", "collect")) != 0 ||
        (rc = require(a.payer, "--payer", "collect")) != 0 ||
        (rc = id_arg("CASE_ID", a.id, &x.case_id)) != 0 ||
        (rc = amount_arg(a.amount, &x.in.amount_vnd)) != 0)
        return rc;
    if ((m = ledger_method_parse(a.method)) < 0)
        return cli_usage_error(CMD,
                               "unknown --method '%s' (cash, transfer, prison, auction, "
                               "relative)",
                               a.method);
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = on_arg(&a, &app, &x.in.on)) != 0)
        return rc;
    x.in.method = (ledger_method_t)m;
    x.in.payer_name = a.payer;
    x.in.payer_address = a.address;
    x.in.on_behalf_of = a.behalf;
    if ((rc = write_one(&a, "collect", do_collect, &x, &db)) == 0)
        rc = show_receipt(db, x.doc.doc_id, a.json);
    db_close(db);
    return rc;
}

/* ---- allocate ---- */

typedef struct {
    int64_t case_id, txn;
    civil_date_t on;
    money_split_t split;
} allocate_t;

static int do_allocate(db_t *db, const app_t *app, const money_args_t *a, void *arg,
                       op_error_t *err, char *object, char *detail)
{
    allocate_t *x = arg;
    char amt[40];

    (void)a;
    /* The split confirmed is the one shown: proposed and allocated in one transaction. */
    if (money_op_propose(db, x->case_id, &x->split, err) != 0 ||
        money_op_allocate(db, x->case_id, NULL, 0, NULL, x->on, 0, app_today(app), app->now(),
                          &x->txn, err) != 0)
        return -1;
    snprintf(object, 48, "case:%lld", (long long)x->case_id);
    snprintf(detail, 400, "allocation of %s as proposed (ledger transaction %lld)",
             vnd(x->split.unallocated_vnd, amt), (long long)x->txn);
    return 0;
}

static int money_allocate(int argc, char **argv)
{
    static const char allowed[] = {O_ON, O_FORMAT, 0};
    money_args_t a;
    allocate_t x = {0};
    app_t app;
    db_t *db = NULL;
    char s[40], o[40];
    int rc;

    if ((rc = parse(argc, argv, allowed, "CASE_ID", &a)) != 0 ||
        (rc = id_arg("CASE_ID", a.id, &x.case_id)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = on_arg(&a, &app, &x.on)) != 0)
        return rc;
    rc = write_one(&a, "allocate", do_allocate, &x, &db);
    if (rc == 0 && a.json) {
        json_t *shares = json_array();
        for (size_t i = 0; i < x.split.n; i++) {
            const money_share_t *sh = &x.split.share[i];
            if (sh->share_vnd > 0)
                json_array_append_new(
                    shares,
                    json_pack("{s:o, s:o, s:i, s:I, s:I}", "item_id",
                              sh->item_id ? json_integer(sh->item_id) : json_null(),
                              "payee_party_id",
                              sh->payee_party_id ? json_integer(sh->payee_party_id) : json_null(),
                              "rank", sh->rank, "owed_vnd", (json_int_t)sh->owed_vnd, "share_vnd",
                              (json_int_t)sh->share_vnd));
        }
        rc = print_json(json_pack("{s:I, s:I, s:I, s:o}", "case_id", (json_int_t)x.case_id,
                                  "txn_id", (json_int_t)x.txn, "allocated_vnd",
                                  (json_int_t)x.split.unallocated_vnd, "shares", shares));
    } else if (rc == 0) {
        printf("allocated %s of case %lld (ledger transaction %lld):\n",
               vnd(x.split.unallocated_vnd, s), (long long)x.case_id, (long long)x.txn);
        for (size_t i = 0; i < x.split.n; i++) {
            const money_share_t *sh = &x.split.share[i];
            char who[96];
            if (sh->share_vnd == 0)
                continue;
            if (sh->item_id == 0)
                snprintf(who, sizeof who, "trả lại người phải thi hành án (surplus)");
            else if (sh->payee_party_id == 0)
                snprintf(who, sizeof who, "ngân sách nhà nước (budget)");
            else
                snprintf(who, sizeof who, "party %lld", (long long)sh->payee_party_id);
            printf("  hàng %d  %-42s %20s  of %s owed\n", sh->rank, who, vnd(sh->share_vnd, s),
                   vnd(sh->owed_vnd, o));
        }
    }
    money_split_free(&x.split);
    db_close(db);
    return rc;
}

/* ---- approve ---- */

typedef struct {
    int64_t case_id, amount;
    civil_date_t on;
} approve_t;

static int do_approve(db_t *db, const app_t *app, const money_args_t *a, void *arg, op_error_t *err,
                      char *object, char *detail)
{
    approve_t *x = arg;
    char amt[40];

    (void)a;
    if (money_op_approve_all(db, app, x->case_id, x->on, 0, app_today(app), app->now(), &x->amount,
                             err) != 0)
        return -1;
    snprintf(object, 48, "case:%lld", (long long)x->case_id);
    snprintf(detail, 400, "payout approval of %s", vnd(x->amount, amt));
    return 0;
}

/* The head's approval of what the officer allocated: every allocation of the case that
 * awaits it. */
static int money_approve(int argc, char **argv)
{
    static const char allowed[] = {O_ON, O_FORMAT, 0};
    money_args_t a;
    approve_t x = {0};
    app_t app;
    db_t *db = NULL;
    char s[40];
    int rc;

    if ((rc = parse(argc, argv, allowed, "CASE_ID", &a)) != 0 ||
        (rc = id_arg("CASE_ID", a.id, &x.case_id)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = on_arg(&a, &app, &x.on)) != 0)
        return rc;
    rc = write_one(&a, "approve", do_approve, &x, &db);
    if (rc == 0 && a.json)
        rc = print_json(json_pack("{s:I, s:I}", "case_id", (json_int_t)x.case_id, "approved_vnd",
                                  (json_int_t)x.amount));
    else if (rc == 0)
        printf("approved %s of case %lld for payout\n", vnd(x.amount, s), (long long)x.case_id);
    db_close(db);
    return rc;
}

/* ---- deposit ---- */

typedef struct {
    int64_t case_id, payee, amount;
    civil_date_t on;
    int cash;
} deposit_t;

static int do_deposit(db_t *db, const app_t *app, const money_args_t *a, void *arg, op_error_t *err,
                      char *object, char *detail)
{
    deposit_t *x = arg;
    char amt[40];

    (void)a;
    if (money_op_deposit(db, app, x->case_id, x->payee, x->on, x->cash, 0, app_today(app),
                         app->now(), &x->amount, err) != 0)
        return -1;
    snprintf(object, 48, "case:%lld", (long long)x->case_id);
    snprintf(detail, 400, "deposit on savings of %s for %s", vnd(x->amount, amt),
             x->payee ? "a creditor" : "the budget");
    return 0;
}

/* What a payee did not come for within D31, put on savings for them. */
static int money_deposit(int argc, char **argv)
{
    static const char allowed[] = {O_PAYEE, O_CASH, O_ON, O_FORMAT, 0};
    money_args_t a;
    deposit_t x = {0};
    app_t app;
    db_t *db = NULL;
    char s[40];
    int rc;

    if ((rc = parse(argc, argv, allowed, "CASE_ID", &a)) != 0 ||
        (rc = require(a.payee, "--payee", "deposit")) != 0 ||
        (rc = id_arg("CASE_ID", a.id, &x.case_id)) != 0)
        return rc;
    if (a.payee != NULL && strcmp(a.payee, "budget") != 0 &&
        (rc = id_arg("--payee (a party id or 'budget')", a.payee, &x.payee)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = on_arg(&a, &app, &x.on)) != 0)
        return rc;
    x.cash = a.cash;
    rc = write_one(&a, "deposit", do_deposit, &x, &db);
    if (rc == 0 && a.json)
        rc = print_json(json_pack("{s:I, s:I}", "case_id", (json_int_t)x.case_id, "deposited_vnd",
                                  (json_int_t)x.amount));
    else if (rc == 0)
        printf("put %s of case %lld on savings for the payee\n", vnd(x.amount, s),
               (long long)x.case_id);
    db_close(db);
    return rc;
}

/* ---- pay ---- */

typedef struct {
    money_payout_t in;
    int64_t case_id;
    money_doc_t doc;
} pay_t;

static int do_pay(db_t *db, const app_t *app, const money_args_t *a, void *arg, op_error_t *err,
                  char *object, char *detail)
{
    pay_t *x = arg;
    char g[40], f[40];

    (void)a;
    if (money_op_payout(db, app, x->case_id, &x->in, 0, app_today(app), app->now(), &x->doc, err) !=
        0)
        return -1;
    snprintf(object, 48, "payout:%lld", (long long)x->doc.doc_id);
    snprintf(detail, 400, "voucher %07lld/%d, case %lld, %s to %s, fee %s",
             (long long)x->doc.number, x->doc.year, (long long)x->case_id, vnd(x->in.gross_vnd, g),
             x->in.payee_party_id ? "a creditor" : "the budget", vnd(x->doc.fee_vnd, f));
    return 0;
}

typedef struct {
    int64_t id;
    int json;
    int found;
} find_payout_t;

static int print_payout(const payout_row_t *p, void *arg)
{
    find_payout_t *f = arg;
    char g[40], fee[40], net[40], words[MONEY_WORDS_MAX], day[11], no[RECEIPT_NO_MAX];

    if (p->id != f->id)
        return 0;
    f->found = 1;
    if (f->json)
        return print_json(json_pack("{s:o}", "payout", payout_json(p)));
    civil_date_format(p->paid_on, day);
    money_to_words_vi(p->gross_vnd - p->fee_vnd, words, sizeof words);
    receipt_no_text(p->unit_code, p->year, p->number, no, sizeof no);
    printf("phiếu chi %s (id %lld) — việc %s (id %lld), ngày %s\n", no, (long long)p->id,
           p->case_no, (long long)p->case_id, day);
    printf("  người nhận: %s\n  số tiền: %s, phí thi hành án %s, thực chi %s (%s)\n"
           "  bằng chữ: %s\n",
           p->payee_name, vnd(p->gross_vnd, g), vnd(p->fee_vnd, fee),
           vnd(p->gross_vnd - p->fee_vnd, net), p->method, words);
    return 0;
}

static int money_pay(int argc, char **argv)
{
    static const char allowed[] = {O_PAYEE, O_AMOUNT, O_CASH, O_ON, O_FORMAT, 0};
    money_args_t a;
    pay_t x = {0};
    app_t app;
    db_t *db = NULL;
    int rc;

    if ((rc = parse(argc, argv, allowed, "CASE_ID", &a)) != 0 ||
        (rc = require(a.payee, "--payee", "pay")) != 0 ||
        (rc = require(a.amount, "--amount", "pay")) != 0 ||
        (rc = id_arg("CASE_ID", a.id, &x.case_id)) != 0 ||
        (rc = amount_arg(a.amount, &x.in.gross_vnd)) != 0)
        return rc;
    if (a.payee != NULL && strcmp(a.payee, "budget") != 0 &&
        (rc = id_arg("--payee (a party id or 'budget')", a.payee, &x.in.payee_party_id)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = on_arg(&a, &app, &x.in.on)) != 0)
        return rc;
    x.in.in_cash = a.cash;
    if ((rc = write_one(&a, "pay", do_pay, &x, &db)) == 0) {
        find_payout_t f = {x.doc.doc_id, a.json, 0};
        if (payouts_of_case(db, x.case_id, print_payout, &f) != DB_OK || !f.found)
            rc = cli_fail(CMD, "cannot read voucher %lld: %s", (long long)x.doc.doc_id,
                          db_errmsg(db));
    }
    db_close(db);
    return rc;
}

/* ---- void ---- */

typedef struct {
    int64_t receipt_id;
    civil_date_t on;
} void_t;

static int do_void(db_t *db, const app_t *app, const money_args_t *a, void *arg, op_error_t *err,
                   char *object, char *detail)
{
    void_t *x = arg;

    if (money_op_void(db, app, x->receipt_id, a->reason, x->on, 0, app_today(app), app->now(),
                      err) != 0)
        return -1;
    snprintf(object, 48, "receipt:%lld", (long long)x->receipt_id);
    snprintf(detail, 400, "void: %.380s", a->reason);
    return 0;
}

static int money_void(int argc, char **argv)
{
    static const char allowed[] = {O_REASON, O_ON, O_FORMAT, 0};
    money_args_t a;
    void_t x = {0};
    app_t app;
    db_t *db = NULL;
    int rc;

    if ((rc = parse(argc, argv, allowed, "RECEIPT_ID", &a)) != 0 ||
        (rc = require(a.reason, "--reason", "void")) != 0 ||
        (rc = id_arg("RECEIPT_ID", a.id, &x.receipt_id)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = on_arg(&a, &app, &x.on)) != 0)
        return rc;
    if ((rc = write_one(&a, "void", do_void, &x, &db)) == 0)
        rc = show_receipt(db, x.receipt_id, a.json);
    db_close(db);
    return rc;
}

/* ---- statement ---- */

static int stmt_receipt(const receipt_row_t *r, void *arg)
{
    if (arg)
        return json_array_append_new(arg, receipt_json(r));
    receipt_line(r);
    return 0;
}

static int stmt_payout(const payout_row_t *p, void *arg)
{
    if (arg)
        return json_array_append_new(arg, payout_json(p));
    payout_line(p);
    return 0;
}

static int stmt_account(ledger_kind_t kind, int64_t payee, int64_t balance, void *arg)
{
    char b[40];

    if (arg)
        return json_array_append_new(
            arg, json_pack("{s:s, s:o, s:I}", "kind", ledger_kind_code(kind), "payee_party_id",
                           kind == LEDGER_PAYABLE && payee ? json_integer(payee) : json_null(),
                           "balance_vnd", (json_int_t)balance));
    if (kind == LEDGER_PAYABLE && payee == 0)
        printf("  phải trả ngân sách nhà nước (payable, budget)    %20s\n", vnd(balance, b));
    else if (kind == LEDGER_PAYABLE)
        printf("  phải trả party %-10lld (payable)                %20s\n", (long long)payee,
               vnd(balance, b));
    else
        printf("  %-48s %20s\n", ledger_kind_name_vi(kind), vnd(balance, b));
    return 0;
}

static int money_statement(int argc, char **argv)
{
    static const char allowed[] = {O_FORMAT, 0};
    money_args_t a;
    case_row_t c;
    money_split_t s = {0};
    op_error_t err;
    int64_t case_id = 0, held, remaining, surplus;
    db_t *db = NULL;
    json_t *j = NULL, *receipts = NULL, *payouts = NULL, *accounts = NULL;
    char m1[40], m2[40], m3[40];
    int rc;

    if ((rc = parse(argc, argv, allowed, "CASE_ID", &a)) != 0 ||
        (rc = id_arg("CASE_ID", a.id, &case_id)) != 0)
        return rc;
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if ((rc = cases_get(db, case_id, &c)) == DB_DONE) {
        rc = cli_fail(CMD, "no case with id %lld", (long long)case_id);
        goto out;
    }
    if (rc != DB_ROW) {
        rc = cli_fail(CMD, "cannot read case %lld: %s", (long long)case_id, db_errmsg(db));
        goto out;
    }
    if (money_op_propose(db, case_id, &s, &err) != 0) {
        rc = cli_op_error(CMD, db, &err);
        goto out;
    }
    held = c.collected_vnd - c.paid_vnd;
    remaining = c.amount_vnd > c.collected_vnd ? c.amount_vnd - c.collected_vnd : 0;
    surplus = c.collected_vnd > c.amount_vnd ? c.collected_vnd - c.amount_vnd : 0;
    if (a.json) {
        receipts = json_array();
        payouts = json_array();
        accounts = json_array();
        j = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:O, s:O, s:O}", "case_id",
                      (json_int_t)c.id, "case_no", c.case_no, "amount_vnd",
                      (json_int_t)c.amount_vnd, "collected_vnd", (json_int_t)c.collected_vnd,
                      "paid_vnd", (json_int_t)c.paid_vnd, "held_vnd", (json_int_t)held,
                      "remaining_vnd", (json_int_t)remaining, "surplus_vnd", (json_int_t)surplus,
                      "unallocated_vnd", (json_int_t)s.unallocated_vnd, "receipts", receipts,
                      "payouts", payouts, "accounts", accounts);
        if (j == NULL) {
            rc = cli_fail(CMD, "out of memory");
            goto out;
        }
    } else {
        printf("việc %s (id %lld)\n", c.case_no, (long long)c.id);
        printf("  phải thi hành (owed)        %20s\n", vnd(c.amount_vnd, m1));
        printf("  đã thu (collected)          %20s\n", vnd(c.collected_vnd, m1));
        printf("  đã chi (paid out)           %20s\n", vnd(c.paid_vnd, m1));
        printf("  đang giữ (held)             %20s   chưa phân bổ (unallocated) %s\n",
               vnd(held, m2), vnd(s.unallocated_vnd, m3));
        printf("  còn phải thu (remaining)    %20s\n", vnd(remaining, m1));
        if (surplus > 0)
            printf("  thu thừa (surplus, the payer's) %16s\n", vnd(surplus, m1));
        printf("receipts:\n");
    }
    if (receipts_of_case(db, case_id, stmt_receipt, receipts) != DB_OK ||
        (!a.json && printf("payouts:\n") < 0) ||
        payouts_of_case(db, case_id, stmt_payout, payouts) != DB_OK ||
        (!a.json && printf("accounts:\n") < 0) ||
        ledger_accounts_of_case(db, case_id, stmt_account, accounts) != DB_OK) {
        rc = cli_fail(CMD, "cannot read the ledger of case %lld: %s", (long long)case_id,
                      db_errmsg(db));
        goto out;
    }
    rc = a.json ? print_json(json_incref(j)) : 0;
out:
    money_split_free(&s);
    json_decref(j);
    json_decref(receipts);
    json_decref(payouts);
    json_decref(accounts);
    db_close(db);
    return rc;
}

/* ---- daybook and balances ---- */

typedef struct {
    json_t *list;
    int64_t total;
    long n;
} book_t;

static int book_receipt(const receipt_row_t *r, void *arg)
{
    book_t *b = arg;

    b->n++;
    if (!r->voided) /* a void receipt keeps its line and its number, out of the sum */
        b->total += r->amount_vnd;
    if (b->list)
        return json_array_append_new(b->list, receipt_json(r));
    receipt_line(r);
    return 0;
}

static int book_payout(const payout_row_t *p, void *arg)
{
    book_t *b = arg;

    b->n++;
    b->total += p->gross_vnd;
    if (b->list)
        return json_array_append_new(b->list, payout_json(p));
    payout_line(p);
    return 0;
}

/* --unit CODE as of today, or the default root. 0 or the exit code. */
static int root_unit(db_t *db, const money_args_t *a, const app_t *app, unit_row_t *u)
{
    return cli_unit_by_code(CMD, db, a->unit ? a->unit : CLI_DEFAULT_ROOT_UNIT, app_today(app),
                            a->unit ? "--unit" : "the default root; give --unit CODE", u);
}

static int money_daybook(int argc, char **argv)
{
    static const char allowed[] = {O_UNIT, O_DAY, O_FORMAT, 0};
    money_args_t a;
    unit_row_t u;
    app_t app;
    civil_date_t day;
    db_t *db = NULL;
    book_t in = {0}, out = {0};
    char t1[40], t2[40], d[11];
    int rc;

    if ((rc = parse(argc, argv, allowed, NULL, &a)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    day = app_today(&app);
    if (a.day && (rc = cli_date_arg(CMD, "--day", a.day, &day)) != 0)
        return rc;
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if ((rc = root_unit(db, &a, &app, &u)) != 0)
        goto done;
    civil_date_format(day, d);
    if (a.json) {
        in.list = json_array();
        out.list = json_array();
    } else {
        printf("sổ quỹ ngày %s — %s và các đơn vị trực thuộc\nthu (receipts):\n", d, u.code);
    }
    if (receipts_of_day(db, u.id, day, book_receipt, &in) != DB_OK ||
        (!a.json && printf("chi (payouts):\n") < 0) ||
        payouts_of_day(db, u.id, day, book_payout, &out) != DB_OK) {
        rc = cli_fail(CMD, "cannot read the day's book: %s", db_errmsg(db));
        goto done;
    }
    if (a.json)
        rc = print_json(json_pack("{s:s, s:s, s:O, s:I, s:O, s:I}", "day", d, "unit_code", u.code,
                                  "receipts", in.list, "receipts_total_vnd", (json_int_t)in.total,
                                  "payouts", out.list, "payouts_total_vnd", (json_int_t)out.total));
    else
        printf("tổng thu %s (%ld receipts), tổng chi %s (%ld payouts)\n", vnd(in.total, t1), in.n,
               vnd(out.total, t2), out.n);
done:
    json_decref(in.list);
    json_decref(out.list);
    db_close(db);
    return rc;
}

static int balance_row(int64_t unit_id, const char *code, ledger_kind_t kind, int64_t balance,
                       void *arg)
{
    char b[40];

    if (arg)
        return json_array_append_new(
            arg, json_pack("{s:I, s:s, s:s, s:s, s:I}", "unit_id", (json_int_t)unit_id, "unit_code",
                           code, "kind", ledger_kind_code(kind), "kind_name_vi",
                           ledger_kind_name_vi(kind), "balance_vnd", (json_int_t)balance));
    printf("%-16s %-11s %24s  %s\n", code, ledger_kind_code(kind), vnd(balance, b),
           ledger_kind_name_vi(kind));
    return 0;
}

static int money_balances(int argc, char **argv)
{
    static const char allowed[] = {O_UNIT, O_FORMAT, 0};
    money_args_t a;
    unit_row_t u;
    app_t app;
    db_t *db = NULL;
    json_t *list = NULL;
    int rc;

    if ((rc = parse(argc, argv, allowed, NULL, &a)) != 0)
        return rc;
    app_init(&app, NULL, THADS_VERSION);
    if ((rc = cli_open_migrated(CMD, a.url, &db)) != 0)
        return rc;
    if ((rc = root_unit(db, &a, &app, &u)) != 0)
        goto done;
    if (a.json)
        list = json_array();
    if (ledger_balances_by_unit(db, u.id, balance_row, list) != DB_OK) {
        rc = cli_fail(CMD, "cannot read the balances: %s", db_errmsg(db));
        goto done;
    }
    if (a.json)
        rc = print_json(json_pack("{s:s, s:O}", "unit_code", u.code, "balances", list));
done:
    json_decref(list);
    db_close(db);
    return rc;
}

int cmd_money(int argc, char **argv); /* cli/main.c */
int cmd_money(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } subs[] = {
        {"collect", money_collect},     {"allocate", money_allocate}, {"approve", money_approve},
        {"deposit", money_deposit},     {"pay", money_pay},           {"void", money_void},
        {"statement", money_statement}, {"daybook", money_daybook},   {"balances", money_balances},
    };

    if (argc < 2)
        return cli_usage_error(CMD, "which subcommand? (collect, allocate, approve, deposit, pay, "
                                    "void, statement, daybook, balances)");
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1);
    return cli_usage_error(CMD, "unknown subcommand '%s'", argv[1]);
}
