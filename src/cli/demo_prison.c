/*
 * cli/demo_prison.c — prisoners and exchanges with camps for `thads demo`
 * (cli/demo_prison.h). Deterministic: the candidates come in case order and each gets
 * the scenario of its rank.
 */
#include "cli/demo_prison.h"

#include "ops/prison_ops.h"
#include "store/cases.h"
#include "store/outbox.h"
#include "store/prisoners.h"
#include "store/units.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>

#define DEMO_PRISONERS 12

typedef struct {
    int64_t party, case_id, camp;
    char prisoner_no[40];
} candidate_t;

typedef struct {
    candidate_t c[DEMO_PRISONERS];
    int n, max;
} candidates_t;

static int take(int64_t party, int64_t case_id, int64_t camp, const char *no, void *arg)
{
    candidates_t *cs = arg;
    candidate_t *c;

    if (cs->n >= cs->max)
        return 1;
    c = &cs->c[cs->n++];
    c->party = party;
    c->case_id = case_id;
    c->camp = camp;
    snprintf(c->prisoner_no, sizeof c->prisoner_no, "%s", no ? no : "");
    return 0;
}

/* A unit without a contact gets an example address, so its exchanges go out by email
 * (the detention camp by fax, through a gateway): the demo's outbox is not all failed. */
static int give_contact(db_t *db, int64_t unit_id, civil_date_t today, int64_t now)
{
    unit_contact_t c;
    unit_row_t u;

    if (unit_contact_get(db, unit_id, &c) != DB_OK)
        return DB_ERROR;
    if (c.email[0] || c.fax[0])
        return DB_OK;
    if (units_get(db, unit_id, today, &u) != DB_ROW)
        return DB_ERROR;
    if (strcmp(u.kind, "detention_camp") == 0) {
        snprintf(c.fax, sizeof c.fax, "+84 238 3500 %03lld", (long long)(unit_id % 1000));
        snprintf(c.fax_gateway, sizeof c.fax_gateway, "{fax}@fax.thads.example.vn");
    } else {
        size_t i;
        snprintf(c.email, sizeof c.email, "%s@thads.example.vn", u.code);
        for (i = 0; c.email[i]; i++)
            if (c.email[i] >= 'A' && c.email[i] <= 'Z')
                c.email[i] = (char)(c.email[i] - 'A' + 'a');
    }
    return unit_contact_set(db, unit_id, &c, 0, now);
}

static int64_t user_id(db_t *db, const char *username)
{
    user_row_t u;
    return users_get_by_username(db, username, &u) == DB_ROW ? u.id : 0;
}

static civil_date_t later(civil_date_t a, civil_date_t b)
{
    return a > b ? a : b;
}

static civil_date_t not_after(civil_date_t d, civil_date_t today)
{
    return d < today ? d : today;
}

typedef struct {
    db_t *db;
    const app_t *app;
    civil_date_t today;
    int64_t now, prisoner, case_id;
    op_error_t *err;
    int *count;
} ctx_t;

static int start(ctx_t *x, prison_x_kind_t kind, civil_date_t on, int draft, int64_t actor,
                 int64_t amount, const char *purpose, const char *body, int64_t *id)
{
    prison_x_input_t in = {.kind = kind,
                           .prisoner_id = x->prisoner,
                           .case_id = kind == PRISON_X_CONFIRMATION_REQUEST ? 0 : x->case_id,
                           .on = on,
                           .draft = draft,
                           .body = body,
                           .purpose = purpose,
                           .amount_vnd = amount,
                           .payer_name = "Thân nhân phạm nhân",
                           .camp_receipt_no = "BL-TG/2026"};
    (*x->count)++;
    in.on = not_after(on, x->today);
    return prison_op_exchange(x->db, x->app, &in, actor, x->today, x->now, id, x->err);
}

int demo_prison(db_t *db, const app_t *app, civil_date_t today, int64_t now, op_error_t *err,
                const char **what, int *prisoners, int *exchanges)
{
    candidates_t cs = {.max = DEMO_PRISONERS - 4};
    candidates_t idle = {.max = 4};
    int64_t camp3 = user_id(db, "traigiam3"), camp6 = user_id(db, "traigiam6");
    int64_t accountant = user_id(db, "ketoan");
    ctx_t x = {db, app, today, now, 0, 0, err, exchanges};
    int rc, nidle = 0;

    *prisoners = *exchanges = 0;
    *what = "prisoners: candidates";
    if (prisoner_candidates(db, "enforcing", cs.max, take, &cs) != DB_OK ||
        prisoner_candidates(db, "not_eligible", idle.max, take, &idle) != DB_OK)
        return op_fail_db(err, db);
    for (int i = 0; i < idle.n && cs.n < DEMO_PRISONERS; i++) {
        int dup = 0;
        for (int k = 0; k < cs.n; k++)
            dup |= cs.c[k].party == idle.c[i].party;
        if (!dup) {
            cs.c[cs.n++] = idle.c[i];
            nidle++;
        }
    }
    for (int i = 0; i < cs.n; i++) {
        const candidate_t *c = &cs.c[i];
        case_row_t cr;
        int64_t officer, holder, id, reply, pid;
        int enforcing = i < cs.n - nidle;
        civil_date_t base;
        prison_answer_t ack;
        prisoner_input_t pin;

        if (cases_get(db, c->case_id, &cr) != DB_ROW)
            return op_fail_db(err, db);
        officer = cr.officer_user_id;
        base = later(cr.last_event_on, today - 45);
        pin = (prisoner_input_t){.case_id = c->case_id,
                                 .party_id = c->party,
                                 .camp_unit_id = c->camp,
                                 .prisoner_no = c->prisoner_no,
                                 .sentence = i % 3 == 0   ? "05 năm tù"
                                             : i % 3 == 1 ? "12 năm tù"
                                                          : "30 tháng tù",
                                 .entered_on = later(cr.received_on - 400, today - 3000),
                                 .expected_release_on = today + 400 + 90 * i,
                                 .birth_date = CIVIL_DATE_INVALID};
        *what = "prisoners: register";
        if ((rc = prison_op_register(db, app, &pin, officer, today, now, &pid, err)) != 0)
            return rc;
        (*prisoners)++;
        x.prisoner = pid;
        x.case_id = c->case_id;
        {
            prisoner_row_t p;
            if (prisoners_get(db, pid, today, &p) != DB_ROW)
                return op_fail_db(err, db);
            *what = "prisoners: contact addresses";
            if (give_contact(db, p.camp_unit_id, today, now) != DB_OK ||
                give_contact(db, p.agency_unit_id, today, now) != DB_OK)
                return op_fail_db(err, db);
            holder = strcmp(p.camp_code, "TG3") == 0   ? camp3
                     : strcmp(p.camp_code, "TG6") == 0 ? camp6
                                                       : 0;
        }
        /* the notice of obligations, in each state by rank */
        *what = "prisoners: notice";
        if ((rc = start(&x, PRISON_X_NOTIFY_OBLIGATION, base, 0, officer, 0, NULL,
                        "Đề nghị Trại giam thông báo để phạm nhân và thân nhân biết, tự nguyện "
                        "thi hành.",
                        &id)) != 0)
            return rc;
        ack = (prison_answer_t){not_after(base + 2, today), "Đã thông báo cho phạm nhân.", NULL};
        if (i % 4 == 0 || i % 4 == 3) {
            if ((rc = prison_op_answer(db, app, id, &ack, holder, today, now, &reply, err)) != 0)
                return rc;
        } else if (i % 4 == 2 && (rc = prison_op_receive(db, app, id, not_after(base + 1, today), 0,
                                                         holder, today, now, err)) != 0)
            return rc;
        /* i % 4 == 1: left unanswered since `base`, overdue */
        *what = "prisoners: money at the camp";
        if (enforcing && i % 4 <= 1 && cr.amount_vnd - cr.collected_vnd >= 2000000) {
            int64_t amount = (cr.amount_vnd - cr.collected_vnd) / 4 / 100000 * 100000;
            civil_date_t paid = not_after(later(base + 3, today - 20), today);
            if ((rc = start(&x, PRISON_X_CAMP_COLLECTION, paid, 0, holder, amount, NULL, NULL,
                            &id)) != 0)
                return rc;
            if (i % 4 == 0 && (rc = prison_op_receive(db, app, id, not_after(paid + 2, today), 0,
                                                      accountant, today, now, err)) != 0)
                return rc;
        }
        *what = "prisoners: confirmation";
        if (i % 4 == 0 || i % 4 == 3) {
            civil_date_t asked = not_after(later(base + 6, today - 10 + (i % 4)), today);
            if ((rc = start(&x, PRISON_X_CONFIRMATION_REQUEST, asked, 0, holder, 0,
                            i % 2 ? "early_release" : "sentence_reduction", NULL, &id)) != 0)
                return rc;
            ack = (prison_answer_t){not_after(asked + 1, today), NULL, NULL};
            if (i % 4 == 0 &&
                (rc = prison_op_answer(db, app, id, &ack, officer, today, now, &reply, err)) != 0)
                return rc;
        }
        *what = "prisoners: hand-over and verification";
        if (i % 4 == 2) {
            if ((rc = start(&x, PRISON_X_VERIFICATION_REQUEST, later(base + 3, today - 5), 0,
                            officer, 0, NULL, "Tiền lưu ký, thu nhập và ngày dự kiến ra trại",
                            &id)) != 0 ||
                (rc = start(&x, PRISON_X_HANDOVER, later(base + 4, today - 1), 1, officer, 0, NULL,
                            "Bản sao quyết định thi hành án", &id)) != 0)
                return rc;
        }
        if (i % 4 == 3) {
            civil_date_t on = not_after(later(base + 3, today - 8), today);
            if ((rc = start(&x, PRISON_X_HANDOVER, on, 0, officer, 0, NULL,
                            "01 chứng minh nhân dân và 01 giấy khai sinh (bản chính)", &id)) != 0)
                return rc;
            ack = (prison_answer_t){not_after(on + 2, today), "Phạm nhân đã nhận đủ.",
                                    "Phạm nhân (đã ký)"};
            if ((rc = prison_op_answer(db, app, id, &ack, holder, today, now, &reply, err)) != 0)
                return rc;
        }
        /* one prisoner moves from Prison no. 3 to Prison no. 6, the other way round */
        *what = "prisoners: transfer";
        if (i == 5 && holder != 0) {
            unit_row_t to;
            int to_tg6 = holder == camp3;
            if (units_get_by_code(db, to_tg6 ? "TG6" : "TG3", today, &to) != DB_ROW)
                return op_fail_db(err, db);
            if ((rc = prison_op_move(db, app, pid, PRISON_MOVE_TRANSFER, to.id, today - 1,
                                     "15/QĐ-C10", holder, today, now, err)) != 0)
                return rc;
        }
    }
    return 0;
}
