/*
 * ops/prison_ops.c — prisoners and the exchanges with prisons and camps
 * (ops/prison_ops.h).
 */
#include "ops/prison_ops.h"

#include "core/ledger.h"
#include "core/text.h"
#include "core/unit.h"
#include "ops/case_flags.h"
#include "ops/money_ops.h"
#include "store/ledger.h"
#include "store/outbox.h"
#include "store/units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(op_error_t *err, op_status_t st, const char *code, const char *field,
                  const char *en, const char *vi)
{
    return op_fail(err, st, code, field, en, vi);
}

static int check_day(op_error_t *err, const char *field, civil_date_t on, civil_date_t not_before,
                     civil_date_t today)
{
    if (on == CIVIL_DATE_INVALID)
        return refuse(err, OP_INVALID, "invalid_date", field, "A date is required.",
                      "Thiếu ngày hoặc ngày không hợp lệ.");
    if (on > today)
        return refuse(err, OP_UNPROCESSABLE, "date_in_future", field, "The date is after today.",
                      "Ngày sau ngày hôm nay.");
    if (not_before != CIVIL_DATE_INVALID && on < not_before)
        return refuse(err, OP_UNPROCESSABLE, "date_out_of_order", field,
                      "The date is before the step it follows.", "Ngày trước bước liền trước.");
    return 0;
}

/* Is unit a prison or camp (holds people) on `on`: 0, or the refusal. */
static int check_camp(db_t *db, int64_t unit_id, civil_date_t on, unit_row_t *u, op_error_t *err)
{
    const unit_kind_t *k;
    int rc = units_get(db, unit_id, on, u);

    if (rc == DB_DONE)
        return refuse(err, OP_NOT_FOUND, "no_such_unit", "camp_unit_id", "No such unit.",
                      "Không có đơn vị này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    k = unit_kind_find(u->kind);
    if (k == NULL || !k->custody)
        return refuse(err, OP_UNPROCESSABLE, "not_a_camp", "camp_unit_id",
                      "The unit is not a prison or detention camp.",
                      "Đơn vị không phải trại giam, trại tạm giam.");
    return 0;
}

/* The unit that acts for unit_id on `on`: itself while open, else its successor's (a
 * district office closed in a reorganization hands its cases to the regional office). */
static int64_t acting_unit(db_t *db, int64_t unit_id, civil_date_t on)
{
    unit_row_t u;

    for (int depth = 0; depth < 8; depth++) {
        if (units_get(db, unit_id, on, &u) != DB_ROW || u.valid_to == CIVIL_DATE_INVALID ||
            u.valid_to >= on || u.successor_id == 0)
            return unit_id;
        unit_id = u.successor_id;
    }
    return unit_id;
}

/* ---- prisoners ---- */

/* The statistics of the party's cases after their stays changed (ops/case_flags.c). */
static int stats_follow(db_t *db, int64_t party_id, op_error_t *err)
{
    int rc = case_flags_prisoner_changed(db, party_id);

    if (rc == DB_NOMEM)
        return op_fail_nomem(err);
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

int prison_op_register(db_t *db, const app_t *app, const prisoner_input_t *in, int64_t actor,
                       civil_date_t today, int64_t now, int64_t *id, op_error_t *err)
{
    case_row_t c;
    unit_row_t camp;
    int64_t existing;
    char name[801];
    prisoner_new_t p;
    int rc;
    (void)app;

    if ((rc = op_check_text(err, "prisoner_no", in->prisoner_no, PRISON_NO_MAX, 1)) != 0 ||
        (rc = op_check_text(err, "sentence", in->sentence, PRISON_NAME_MAX, 1)) != 0 ||
        (rc = op_check_text(err, "full_name", in->full_name, PRISON_NAME_MAX, 0)) != 0 ||
        (rc = op_check_text(err, "id_number", in->id_number, PRISON_NO_MAX, 0)) != 0 ||
        (rc = check_day(err, "entered_on", in->entered_on, CIVIL_DATE_INVALID, today)) != 0)
        return rc;
    if (in->expected_release_on != CIVIL_DATE_INVALID && in->expected_release_on < in->entered_on)
        return refuse(err, OP_UNPROCESSABLE, "date_out_of_order", "expected_release_on",
                      "The expected release is before the entry.",
                      "Ngày dự kiến ra trại trước ngày vào trại.");
    rc = cases_get(db, in->case_id, &c);
    if (rc == DB_DONE)
        return refuse(err, OP_NOT_FOUND, "no_such_case", "case_id", "No such case.",
                      "Không có việc thi hành án này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    rc = prisoner_is_debtor(db, in->case_id, in->party_id);
    if (rc == DB_DONE)
        return refuse(err, OP_UNPROCESSABLE, "not_a_debtor", "party_id",
                      "The party is not a debtor of the case.",
                      "Đương sự không phải người phải thi hành án của việc này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if ((rc = check_camp(db, in->camp_unit_id, in->entered_on, &camp, err)) != 0)
        return rc;
    rc = prisoners_of_party(db, in->party_id, &existing);
    if (rc == DB_ROW)
        return refuse(err, OP_CONFLICT, "prisoner_exists", "party_id",
                      "The party is registered as a prisoner already.",
                      "Đương sự đã được đăng ký là phạm nhân.");
    if (rc != DB_DONE)
        return op_fail_db(err, db);
    rc = parties_name(db, in->party_id, name, sizeof name);
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    p = (prisoner_new_t){.party_id = in->party_id,
                         .agency_unit_id = acting_unit(db, c.unit_id, today),
                         .full_name = in->full_name && in->full_name[0] ? in->full_name : name,
                         .id_number = in->id_number,
                         .prisoner_no = in->prisoner_no,
                         .sentence = in->sentence,
                         .birth_date = in->birth_date,
                         .entered_on = in->entered_on,
                         .expected_release_on = in->expected_release_on,
                         .created_by = actor,
                         .created_at = now};
    if (prisoners_insert(db, &p, id) != DB_OK ||
        prisoner_stays_insert(db, *id, in->camp_unit_id, in->entered_on, "entry", NULL, actor,
                              now) != DB_OK ||
        prisoners_set_party_camp(db, in->party_id, in->camp_unit_id, in->prisoner_no) != DB_OK)
        return op_fail_db(err, db);
    /* the debtor's cases count as prisoners' civil parts from the entry on: their
     * statistics move in the same transaction (docs/internals/statistics.md) */
    return stats_follow(db, in->party_id, err);
}

static const char *const move_codes[] = {"transfer", "release", "death"};

const char *prison_move_code(prison_move_t m)
{
    return (unsigned)m < 3 ? move_codes[m] : "?";
}

int prison_move_parse(const char *code)
{
    for (int i = 0; code != NULL && i < 3; i++)
        if (strcmp(code, move_codes[i]) == 0)
            return i;
    return -1;
}

int prison_op_move(db_t *db, const app_t *app, int64_t prisoner_id, prison_move_t move,
                   int64_t to_camp, civil_date_t on, const char *document_no, int64_t actor,
                   civil_date_t today, int64_t now, op_error_t *err)
{
    prisoner_row_t p;
    unit_row_t camp;
    civil_date_t from;
    int64_t current;
    int rc;
    (void)app;

    if ((rc = op_check_text(err, "document_no", document_no, PRISON_DOC_NO_MAX, 0)) != 0)
        return rc;
    rc = prisoners_get(db, prisoner_id, today, &p);
    if (rc == DB_DONE)
        return refuse(err, OP_NOT_FOUND, "not_found", NULL, "No such prisoner.",
                      "Không có phạm nhân này.");
    if (rc != DB_ROW || prisoner_stay_open_from(db, prisoner_id, &from, &current) != DB_OK)
        return op_fail_db(err, db);
    if (current == 0)
        return refuse(err, OP_CONFLICT, "not_held", NULL, "The prisoner is not held any more.",
                      "Phạm nhân không còn bị giam giữ.");
    if ((rc = check_day(err, "occurred_on", on, from + 1, today)) != 0)
        return rc;
    if (move == PRISON_MOVE_TRANSFER) {
        if ((rc = check_camp(db, to_camp, on, &camp, err)) != 0)
            return rc;
        if (to_camp == current)
            return refuse(err, OP_UNPROCESSABLE, "same_camp", "to_camp_unit_id",
                          "The prisoner is held in that camp already.",
                          "Phạm nhân đang bị giam giữ tại trại này.");
    }
    rc = prisoner_stays_close(db, prisoner_id, on, prison_move_code(move), document_no);
    if (rc != DB_OK)
        return op_fail_db(err, db);
    if (move == PRISON_MOVE_TRANSFER)
        rc = prisoner_stays_insert(db, prisoner_id, to_camp, on, "transfer", document_no, actor,
                                   now) == DB_OK &&
                     prisoners_set_party_camp(db, p.party_id, to_camp, p.prisoner_no) == DB_OK
                 ? DB_OK
                 : DB_ERROR;
    else
        rc = prisoners_set_status(db, prisoner_id,
                                  move == PRISON_MOVE_RELEASE ? "released" : "dead") == DB_OK &&
                     prisoners_set_party_camp(db, p.party_id, 0, NULL) == DB_OK
                 ? DB_OK
                 : DB_ERROR;
    if (rc != DB_OK)
        return op_fail_db(err, db);
    /* a release or a death ends the prisoner flag of their cases on that day; a transfer
     * changes nothing (held the day before and the day of it) */
    return move == PRISON_MOVE_TRANSFER ? 0 : stats_follow(db, p.party_id, err);
}

/* ---- obligations ---- */

typedef struct {
    db_t *db;
    int64_t only;
    prison_obligations_t *out;
    int failed;
} obl_ctx_t;

static int collect_item(const case_item_row_t *it, void *arg)
{
    prison_obligation_t *o = arg;
    case_item_row_t *grown = realloc(o->item, (o->n_items + 1) * sizeof *grown);

    if (grown == NULL)
        return 1;
    o->item = grown;
    o->item[o->n_items++] = *it;
    return 0;
}

static int collect_case_id(int64_t case_id, void *arg)
{
    obl_ctx_t *ctx = arg;
    prison_obligations_t *out = ctx->out;
    prison_obligation_t *grown, *o;

    if (ctx->only != 0 && case_id != ctx->only)
        return 0;
    grown = realloc(out->o, (out->n + 1) * sizeof *grown);
    if (grown == NULL) {
        ctx->failed = 1;
        return 1;
    }
    out->o = grown;
    o = &out->o[out->n];
    memset(o, 0, sizeof *o);
    if (cases_get(ctx->db, case_id, &o->c) != DB_ROW) {
        ctx->failed = 1;
        return 1;
    }
    out->n++;
    return 0;
}

int prison_op_obligations(db_t *db, int64_t party_id, int64_t case_id, prison_obligations_t *out,
                          op_error_t *err)
{
    obl_ctx_t ctx = {db, case_id, out, 0};

    memset(out, 0, sizeof *out);
    if (prisoner_debtor_cases(db, party_id, collect_case_id, &ctx) != DB_OK || ctx.failed) {
        prison_obligations_free(out);
        return op_fail_db(err, db);
    }
    for (size_t i = 0; i < out->n; i++) {
        prison_obligation_t *o = &out->o[i];
        int64_t rest =
            o->c.amount_vnd > o->c.collected_vnd ? o->c.amount_vnd - o->c.collected_vnd : 0;
        if (case_items_list(db, o->c.id, collect_item, o) != DB_OK) {
            prison_obligations_free(out);
            return op_fail_db(err, db);
        }
        out->amount_vnd += o->c.amount_vnd;
        out->paid_vnd += o->c.collected_vnd;
        out->remaining_vnd += rest;
    }
    return 0;
}

void prison_obligations_free(prison_obligations_t *o)
{
    for (size_t i = 0; i < o->n; i++)
        free(o->o[i].item);
    free(o->o);
    memset(o, 0, sizeof *o);
}

/* ---- documents and deadlines ---- */

/* The rule whose legal reference a kind's document cites. */
static const char *ref_rule(prison_x_kind_t k)
{
    if (k == PRISON_X_CONFIRMATION)
        return "D32";
    if (k == PRISON_X_ANSWER)
        return "PRISON_VERIFY";
    return prison_x_rule(k);
}

static void deadline_words(const rule_t *r, char *buf, size_t len)
{
    snprintf(buf, len, "%02lld %s", (long long)r->value,
             r->unit == RULE_UNIT_WD  ? "ngày làm việc"
             : r->unit == RULE_UNIT_M ? "tháng"
                                      : "ngày");
}

typedef struct {
    prison_x_kind_t kind;
    int64_t number, sender, receiver, reply_to, amount_vnd;
    civil_date_t on, due_on, reply_to_on;
    const char *payer_name, *camp_receipt_no, *purpose, *body;
} doc_in_t;

/* The document's text for an exchange about prisoner p (obligations o), or NULL with err. */
static char *document_of(db_t *db, const app_t *app, const prisoner_row_t *p,
                         const prison_obligations_t *o, const doc_in_t *in, op_error_t *err)
{
    unit_row_t su, ru;
    prison_doc_case_t *cases = calloc(o->n + 1, sizeof *cases);
    prison_doc_item_t *items = NULL;
    size_t n_items = 0, k = 0;
    const rule_t *ref = rules_find(app->rules, ref_rule(in->kind), in->on);
    const rule_t *deadline =
        prison_x_rule(in->kind) ? rules_find(app->rules, prison_x_rule(in->kind), in->on) : NULL;
    char words[64];
    char *text;

    for (size_t i = 0; i < o->n; i++)
        n_items += o->o[i].n_items;
    items = calloc(n_items + 1, sizeof *items);
    if (cases == NULL || items == NULL) {
        free(cases);
        free(items);
        op_fail_nomem(err);
        return NULL;
    }
    if (units_get(db, in->sender, in->on, &su) != DB_ROW ||
        units_get(db, in->receiver, in->on, &ru) != DB_ROW) {
        free(cases);
        free(items);
        op_fail_db(err, db);
        return NULL;
    }
    for (size_t i = 0; i < o->n; i++) {
        const prison_obligation_t *ob = &o->o[i];
        cases[i] = (prison_doc_case_t){.case_no = ob->c.case_no,
                                       .judgment_no = ob->c.judgment_no,
                                       .court_name = ob->c.court_name,
                                       .judgment_date = ob->c.judgment_date,
                                       .decided_on = ob->c.decided_on,
                                       .item = items + k,
                                       .n_items = ob->n_items,
                                       .amount_vnd = ob->c.amount_vnd,
                                       .paid_vnd = ob->c.collected_vnd};
        for (size_t j = 0; j < ob->n_items; j++)
            items[k++] = (prison_doc_item_t){ob->item[j].description, ob->item[j].amount_vnd};
    }
    if (deadline != NULL)
        deadline_words(deadline, words, sizeof words);
    prison_doc_t d = {.kind = in->kind,
                      .sender_name = su.name_vi,
                      .receiver_name = ru.name_vi,
                      .on = in->on,
                      .number = in->number,
                      .full_name = p->full_name,
                      .id_number = p->id_number,
                      .prisoner_no = p->prisoner_no,
                      .camp_name = p->camp_name,
                      .sentence = p->sentence,
                      .birth_date = p->birth_date,
                      .expected_release_on = p->expected_release_on,
                      .cases = cases,
                      .n_cases = o->n,
                      .amount_vnd = in->amount_vnd,
                      .payer_name = in->payer_name,
                      .camp_receipt_no = in->camp_receipt_no,
                      .purpose = in->purpose,
                      .body = in->body,
                      .legal_ref_vi = ref ? ref->legal_ref_vi : NULL,
                      .deadline_text = deadline ? words : NULL,
                      .due_on = in->due_on,
                      .reply_to = in->reply_to,
                      .reply_to_on = in->reply_to_on};
    text = prison_doc_render(&d);
    free(cases);
    free(items);
    if (text == NULL)
        op_fail_nomem(err);
    return text;
}

static civil_date_t due_of(const app_t *app, prison_x_kind_t kind, civil_date_t sent_on)
{
    const char *rule = prison_x_rule(kind);
    return rule ? rules_due(app->rules, app->calendar, rule, sent_on, NULL) : CIVIL_DATE_INVALID;
}

/*
 * OUTBOX — the one call site of the notification outbox (store/outbox.h, migration 0016):
 * every exchange sent to the other side passes here in the transaction that sends it, so
 * the message is committed or rolled back with it. It goes to the receiving unit's email,
 * or its fax through its email-to-fax gateway, with the document as its text and as an
 * attachment; the delivery job of `thads serve` sends it later, and a unit without an
 * address shows a failed message on the sender's home page — the exchange stands.
 */
static int outbox_notify(db_t *db, int64_t exchange_id, int64_t now, op_error_t *err)
{
    exchange_row_t x;
    int kind;
    char key[80], subject[2048], name[64], *body;
    const char *doc;
    size_t len;
    int rc = exchanges_get(db, exchange_id, &x);

    if (rc != DB_ROW)
        return op_fail_db(err, db);
    kind = prison_x_kind_parse(x.kind);
    doc = x.document ? x.document : "";
    snprintf(key, sizeof key, "prison_exchange:%lld:sent", (long long)x.id);
    snprintf(subject, sizeof subject, "[THADS] %s số %lld - phạm nhân %s (%s)",
             kind >= 0 ? prison_x_kind_name_vi((prison_x_kind_t)kind) : x.kind, (long long)x.id,
             x.prisoner_name, x.prisoner_no);
    snprintf(name, sizeof name, "trao-doi-%lld.txt", (long long)x.id);
    len = strlen(doc) + strlen(x.sender_name) + strlen(x.receiver_name) + 200;
    body = malloc(len);
    if (body == NULL) {
        exchange_row_clear(&x);
        return op_fail_nomem(err);
    }
    snprintf(body, len,
             "%s gửi %s văn bản dưới đây qua hệ thống quản lý thi hành án dân sự (bản đính kèm "
             "để in).\n\n%s",
             x.sender_name, x.receiver_name, doc);
    outbox_msg_t m = {.idem_key = key,
                      .kind = "prison_exchange",
                      .from_unit_id = x.sender_unit_id,
                      .to_unit_id = x.receiver_unit_id,
                      .channel = OUTBOX_BY_UNIT,
                      .subject = subject,
                      .body = body,
                      .attach_name = name,
                      .attach_type = "text/plain; charset=UTF-8",
                      .attach_data = doc,
                      .attach_len = strlen(doc),
                      .source_kind = "prison_exchange",
                      .source_id = x.id,
                      .created_at = now};
    rc = outbox_enqueue(db, &m, NULL);
    free(body);
    exchange_row_clear(&x);
    return rc == DB_OK ? 0 : op_fail_db(err, db);
}

/* ---- exchanges ---- */

static int get_prisoner_held(db_t *db, int64_t id, civil_date_t on, prisoner_row_t *p,
                             op_error_t *err)
{
    int rc = prisoners_get(db, id, on, p);

    if (rc == DB_DONE)
        return refuse(err, OP_NOT_FOUND, "not_found", "prisoner_id", "No such prisoner.",
                      "Không có phạm nhân này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    if (p->camp_unit_id == 0)
        return refuse(err, OP_CONFLICT, "not_held", "occurred_on",
                      "The prisoner was not held in a camp on that day.",
                      "Ngày đó phạm nhân không bị giam giữ tại trại nào.");
    return 0;
}

int prison_op_exchange(db_t *db, const app_t *app, const prison_x_input_t *in, int64_t actor,
                       civil_date_t today, int64_t now, int64_t *id, op_error_t *err)
{
    prisoner_row_t p;
    prison_obligations_t o = {0};
    int from_agency = prison_x_kind_from_agency(in->kind);
    int sent = !in->draft || in->kind == PRISON_X_CAMP_COLLECTION;
    int64_t receipt_id = 0;
    money_doc_t doc;
    exchange_new_t x;
    doc_in_t di;
    char *text;
    int rc;

    if (in->kind != PRISON_X_NOTIFY_OBLIGATION && in->kind != PRISON_X_CAMP_COLLECTION &&
        in->kind != PRISON_X_HANDOVER && in->kind != PRISON_X_CONFIRMATION_REQUEST &&
        in->kind != PRISON_X_VERIFICATION_REQUEST)
        return refuse(err, OP_INVALID, "invalid_value", "kind",
                      "This kind of exchange answers another: it is not started on its own.",
                      "Loại văn bản này là văn bản trả lời, không tự khởi tạo.");
    if ((rc = check_day(err, "occurred_on", in->on, CIVIL_DATE_INVALID, today)) != 0 ||
        (rc = op_check_text(err, "body", in->body, PRISON_TEXT_MAX,
                            in->kind == PRISON_X_HANDOVER)) != 0 ||
        (rc = get_prisoner_held(db, in->prisoner_id, in->on, &p, err)) != 0)
        return rc;
    if (in->kind == PRISON_X_CONFIRMATION_REQUEST && prison_purpose_name_vi(in->purpose) == NULL)
        return refuse(err, OP_INVALID, "invalid_value", "purpose",
                      "purpose is sentence_reduction, early_release or amnesty.",
                      "Mục đích là sentence_reduction, early_release hoặc amnesty.");
    if (in->case_id == 0 && in->kind != PRISON_X_CONFIRMATION_REQUEST)
        return refuse(err, OP_INVALID, "required", "case_id", "case_id is required.",
                      "Thiếu việc thi hành án (case_id).");
    if (in->case_id != 0) {
        rc = prisoner_is_debtor(db, in->case_id, p.party_id);
        if (rc == DB_DONE)
            return refuse(err, OP_UNPROCESSABLE, "not_a_debtor", "case_id",
                          "The prisoner is not a debtor of that case.",
                          "Phạm nhân không phải người phải thi hành án của việc này.");
        if (rc != DB_ROW)
            return op_fail_db(err, db);
    }
    if (in->kind == PRISON_X_CAMP_COLLECTION) {
        money_collection_t mc = {in->on,         in->amount_vnd,    LEDGER_METHOD_PRISON,
                                 in->payer_name, in->payer_address, p.full_name};
        if ((rc = op_check_text(err, "camp_receipt_no", in->camp_receipt_no, PRISON_NO_MAX, 1)) !=
            0)
            return rc;
        if ((rc = money_op_collect(db, app, in->case_id, &mc, actor, today, now, &doc, err)) != 0)
            return rc;
        receipt_id = doc.doc_id;
    }
    if ((rc = prison_op_obligations(db, p.party_id, in->case_id, &o, err)) != 0)
        return rc;
    x = (exchange_new_t){
        .kind = prison_x_kind_code(in->kind),
        .state = sent ? "sent" : "drafted",
        .prisoner_id = p.id,
        .case_id = in->case_id,
        .agency_unit_id =
            in->case_id && o.n ? acting_unit(db, o.o[0].c.unit_id, in->on) : p.agency_unit_id,
        .camp_unit_id = p.camp_unit_id,
        .purpose = in->kind == PRISON_X_CONFIRMATION_REQUEST ? in->purpose : NULL,
        .amount_vnd = in->kind == PRISON_X_CAMP_COLLECTION ? in->amount_vnd : 0,
        .receipt_id = receipt_id,
        .camp_receipt_no = in->kind == PRISON_X_CAMP_COLLECTION ? in->camp_receipt_no : NULL,
        .payer_name = in->kind == PRISON_X_CAMP_COLLECTION ? in->payer_name : NULL,
        .body = in->body && in->body[0] ? in->body : NULL,
        .rule_id = prison_x_rule(in->kind),
        .due_on = sent ? due_of(app, in->kind, in->on) : CIVIL_DATE_INVALID,
        .drafted_on = in->on,
        .sent_on = sent ? in->on : CIVIL_DATE_INVALID,
        .document = "",
        .created_by = actor,
        .created_at = now,
    };
    x.sender_unit_id = from_agency ? x.agency_unit_id : x.camp_unit_id;
    x.receiver_unit_id = from_agency ? x.camp_unit_id : x.agency_unit_id;
    if (exchanges_insert(db, &x, id) != DB_OK) {
        prison_obligations_free(&o);
        return op_fail_db(err, db);
    }
    di = (doc_in_t){.kind = in->kind,
                    .number = *id,
                    .sender = x.sender_unit_id,
                    .receiver = x.receiver_unit_id,
                    .amount_vnd = x.amount_vnd,
                    .on = in->on,
                    .due_on = x.due_on,
                    .reply_to_on = CIVIL_DATE_INVALID,
                    .payer_name = x.payer_name,
                    .camp_receipt_no = x.camp_receipt_no,
                    .purpose = x.purpose,
                    .body = x.body};
    text = document_of(db, app, &p, &o, &di, err);
    prison_obligations_free(&o);
    if (text == NULL)
        return err->status;
    rc = exchanges_change(db, *id,
                          &(exchange_change_t){.state = x.state,
                                               .on = sent ? in->on : CIVIL_DATE_INVALID,
                                               .document = text,
                                               .signed_on = CIVIL_DATE_INVALID,
                                               .due_on = CIVIL_DATE_INVALID,
                                               .now = now});
    free(text);
    if (rc != DB_OK || exchange_events_insert(
                           db, *id, x.state, in->on, actor, now,
                           in->kind == PRISON_X_CAMP_COLLECTION ? "receipt issued" : NULL) != DB_OK)
        return op_fail_db(err, db);
    return sent ? outbox_notify(db, *id, now, err) : 0;
}

/* The exchange id locked and read, with its prisoner on `on`: 0 or the refusal. */
static int load(db_t *db, int64_t id, civil_date_t on, exchange_row_t *x, prisoner_row_t *p,
                op_error_t *err)
{
    int rc;

    memset(x, 0, sizeof *x);
    memset(p, 0, sizeof *p);
    rc = exchanges_lock(db, id);
    if (rc == DB_ROW)
        rc = exchanges_get(db, id, x);
    if (rc == DB_DONE)
        return refuse(err, OP_NOT_FOUND, "not_found", NULL, "No such exchange.",
                      "Không có văn bản trao đổi này.");
    if (rc != DB_ROW)
        return op_fail_db(err, db);
    rc = prisoners_get(db, x->prisoner_id, on != CIVIL_DATE_INVALID ? on : x->drafted_on, p);
    if (rc != DB_ROW) {
        exchange_row_clear(x);
        return op_fail_db(err, db);
    }
    return 0;
}

static int conflict_state(op_error_t *err, const exchange_row_t *x)
{
    char en[160], vi[200];
    snprintf(en, sizeof en, "The exchange is %s: it cannot take this step.", x->state);
    snprintf(vi, sizeof vi, "Văn bản đang ở trạng thái %s, không thực hiện được bước này.",
             x->state);
    return refuse(err, OP_CONFLICT, "invalid_state", NULL, en, vi);
}

int prison_op_send(db_t *db, const app_t *app, int64_t id, civil_date_t on, int64_t actor,
                   civil_date_t today, int64_t now, op_error_t *err)
{
    exchange_row_t x;
    prisoner_row_t p;
    prison_obligations_t o = {0};
    prison_x_kind_t kind;
    civil_date_t due;
    char *text;
    int rc = load(db, id, on, &x, &p, err);

    if (rc != 0)
        return rc;
    kind = (prison_x_kind_t)prison_x_kind_parse(x.kind);
    if (strcmp(x.state, "drafted") != 0)
        rc = conflict_state(err, &x);
    else if ((rc = check_day(err, "occurred_on", on, x.drafted_on, today)) == 0 &&
             (rc = prison_op_obligations(db, p.party_id, x.case_id, &o, err)) == 0) {
        due = due_of(app, kind, on);
        doc_in_t di = {.kind = kind,
                       .number = x.id,
                       .sender = x.sender_unit_id,
                       .receiver = x.receiver_unit_id,
                       .amount_vnd = x.amount_vnd,
                       .on = on,
                       .due_on = due,
                       .reply_to_on = CIVIL_DATE_INVALID,
                       .purpose = x.purpose[0] ? x.purpose : NULL,
                       .body = x.body};
        text = document_of(db, app, &p, &o, &di, err);
        prison_obligations_free(&o);
        if (text == NULL)
            rc = err->status;
        else {
            rc = exchanges_change(db, id,
                                  &(exchange_change_t){.state = "sent",
                                                       .on = on,
                                                       .document = text,
                                                       .signed_on = CIVIL_DATE_INVALID,
                                                       .due_on = due,
                                                       .now = now}) == DB_OK &&
                         exchange_events_insert(db, id, "sent", on, actor, now, NULL) == DB_OK
                     ? outbox_notify(db, id, now, err)
                     : op_fail_db(err, db);
            free(text);
        }
    }
    exchange_row_clear(&x);
    return rc;
}

int prison_op_receive(db_t *db, const app_t *app, int64_t id, civil_date_t on, int in_cash,
                      int64_t actor, civil_date_t today, int64_t now, op_error_t *err)
{
    exchange_row_t x;
    prisoner_row_t p;
    int64_t txn_id = 0;
    int rc = load(db, id, on, &x, &p, err);
    (void)app;

    if (rc != 0)
        return rc;
    if (strcmp(x.state, "sent") != 0)
        rc = conflict_state(err, &x);
    else
        rc = check_day(err, "occurred_on", on, x.sent_on, today);
    if (rc == 0 && strcmp(x.kind, "camp_collection") == 0) {
        /* the money reaches the agency: in_transit to its bank account (or cash) */
        ledger_txn_t t = {0};
        case_row_t c;
        size_t short_line = 0;
        char memo[80];

        snprintf(memo, sizeof memo, "camp collection %lld", (long long)x.id);
        if (cases_get(db, x.case_id, &c) != DB_ROW)
            rc = op_fail_db(err, db);
        else if (ledger_txn_add(&t, in_cash ? LEDGER_CASH : LEDGER_BANK, 0, x.amount_vnd) !=
                     LEDGER_OK ||
                 ledger_txn_add(&t, LEDGER_IN_TRANSIT, 0, -x.amount_vnd) != LEDGER_OK)
            rc = op_fail_nomem(err);
        else {
            ledger_txn_head_t h = {.unit_id = c.unit_id,
                                   .case_id = c.id,
                                   .kind = "transfer",
                                   .occurred_on = on,
                                   .recorded_at = now,
                                   .actor_user_id = actor,
                                   .memo = memo};
            int prc = ledger_post(db, &h, &t, &txn_id, &short_line);
            if (prc == DB_CONSTRAINT)
                rc = refuse(err, OP_CONFLICT, "not_in_transit", NULL,
                            "The unit does not hold this money in transit (was its receipt "
                            "voided?).",
                            "Đơn vị không còn khoản tiền đang chuyển này (biên lai đã bị hủy?).");
            else if (prc != DB_OK)
                rc = op_fail_db(err, db);
        }
        ledger_txn_free(&t);
    }
    if (rc == 0 && (exchanges_change(db, id,
                                     &(exchange_change_t){.state = "received",
                                                          .on = on,
                                                          .signed_on = CIVIL_DATE_INVALID,
                                                          .transfer_txn_id = txn_id,
                                                          .due_on = CIVIL_DATE_INVALID,
                                                          .now = now}) != DB_OK ||
                    exchange_events_insert(db, id, "received", on, actor, now,
                                           txn_id ? "money received in custody" : NULL) != DB_OK))
        rc = op_fail_db(err, db);
    exchange_row_clear(&x);
    return rc;
}

/* A reply exchange (confirmation, answer) to request x, sent on `on`. */
static int reply(db_t *db, const app_t *app, const exchange_row_t *x, const prisoner_row_t *p,
                 prison_x_kind_t kind, const char *text, civil_date_t on, int64_t actor,
                 int64_t now, int64_t *reply_id, op_error_t *err)
{
    prison_obligations_t o = {0};
    exchange_new_t n;
    char *doc;
    int rc = prison_op_obligations(db, p->party_id, x->case_id, &o, err);

    if (rc != 0)
        return rc;
    n = (exchange_new_t){.kind = prison_x_kind_code(kind),
                         .state = "sent",
                         .prisoner_id = x->prisoner_id,
                         .case_id = x->case_id,
                         .agency_unit_id = x->agency_unit_id,
                         .camp_unit_id = x->camp_unit_id,
                         .sender_unit_id = x->receiver_unit_id,
                         .receiver_unit_id = x->sender_unit_id,
                         .reply_to_id = x->id,
                         .purpose = x->purpose[0] ? x->purpose : NULL,
                         .amount_vnd = kind == PRISON_X_CONFIRMATION ? o.paid_vnd : 0,
                         .remaining_vnd = kind == PRISON_X_CONFIRMATION ? o.remaining_vnd : 0,
                         .body = text && text[0] ? text : NULL,
                         .due_on = CIVIL_DATE_INVALID,
                         .drafted_on = on,
                         .sent_on = on,
                         .document = "",
                         .created_by = actor,
                         .created_at = now};
    if (exchanges_insert(db, &n, reply_id) != DB_OK) {
        prison_obligations_free(&o);
        return op_fail_db(err, db);
    }
    doc_in_t di = {.kind = kind,
                   .number = *reply_id,
                   .sender = n.sender_unit_id,
                   .receiver = n.receiver_unit_id,
                   .amount_vnd = n.amount_vnd,
                   .on = on,
                   .due_on = CIVIL_DATE_INVALID,
                   .reply_to = x->id,
                   .reply_to_on = x->sent_on,
                   .purpose = n.purpose,
                   .body = n.body};
    doc = document_of(db, app, p, &o, &di, err);
    prison_obligations_free(&o);
    if (doc == NULL)
        return err->status;
    rc = exchanges_change(db, *reply_id,
                          &(exchange_change_t){.state = "sent",
                                               .on = on,
                                               .document = doc,
                                               .signed_on = CIVIL_DATE_INVALID,
                                               .due_on = CIVIL_DATE_INVALID,
                                               .now = now});
    free(doc);
    if (rc != DB_OK || exchange_events_insert(db, *reply_id, "sent", on, actor, now, NULL) != DB_OK)
        return op_fail_db(err, db);
    return outbox_notify(db, *reply_id, now, err);
}

int prison_op_answer(db_t *db, const app_t *app, int64_t id, const prison_answer_t *a,
                     int64_t actor, civil_date_t today, int64_t now, int64_t *reply_id,
                     op_error_t *err)
{
    exchange_row_t x;
    prisoner_row_t p;
    prison_x_kind_t kind;
    int rc = load(db, id, a->on, &x, &p, err);

    *reply_id = 0;
    if (rc != 0)
        return rc;
    kind = (prison_x_kind_t)prison_x_kind_parse(x.kind);
    if (strcmp(x.state, "sent") != 0 && strcmp(x.state, "received") != 0)
        rc = conflict_state(err, &x);
    else if (kind != PRISON_X_NOTIFY_OBLIGATION && kind != PRISON_X_HANDOVER &&
             kind != PRISON_X_CONFIRMATION_REQUEST && kind != PRISON_X_VERIFICATION_REQUEST)
        rc = refuse(err, OP_CONFLICT, "not_answerable", NULL,
                    "This exchange is not answered: it is received.",
                    "Văn bản này không cần trả lời, chỉ cần tiếp nhận.");
    else if ((rc = check_day(err, "occurred_on", a->on, x.sent_on, today)) != 0 ||
             (rc = op_check_text(err, "text", a->text, PRISON_TEXT_MAX,
                                 kind == PRISON_X_VERIFICATION_REQUEST)) != 0 ||
             (rc = op_check_text(err, "signed_by", a->signed_by, PRISON_NAME_MAX,
                                 kind == PRISON_X_HANDOVER)) != 0)
        ;
    else if (kind == PRISON_X_CONFIRMATION_REQUEST || kind == PRISON_X_VERIFICATION_REQUEST)
        rc = reply(db, app, &x, &p,
                   kind == PRISON_X_CONFIRMATION_REQUEST ? PRISON_X_CONFIRMATION : PRISON_X_ANSWER,
                   a->text, a->on, actor, now, reply_id, err);
    if (rc == 0 &&
        (exchanges_change(db, id,
                          &(exchange_change_t){
                              .state = "answered",
                              .on = a->on,
                              .answer = a->text && a->text[0] ? a->text : NULL,
                              .signed_by = kind == PRISON_X_HANDOVER ? a->signed_by : NULL,
                              .signed_on = kind == PRISON_X_HANDOVER ? a->on : CIVIL_DATE_INVALID,
                              .due_on = CIVIL_DATE_INVALID,
                              .now = now}) != DB_OK ||
         exchange_events_insert(db, id, "answered", a->on, actor, now,
                                kind == PRISON_X_HANDOVER ? "signed by the prisoner" : NULL) !=
             DB_OK))
        rc = op_fail_db(err, db);
    exchange_row_clear(&x);
    return rc;
}
