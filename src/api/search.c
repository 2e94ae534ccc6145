/*
 * api/search.c — GET /api/search?q=...&limit=N: cases of the caller's subtree found by
 * case number, judgment number, ID number or a party's name, typed with or without
 * diacritics. The query is folded here (core/fold.h) exactly as the documents were;
 * the store does the rest (store/search.h).
 */
#include "api/context.h"
#include "api/handlers.h"
#include "api/schemas.h"
#include "ops/render.h"
#include "core/case.h"
#include "core/fold.h"
#include "core/text.h"
#include "store/search.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_LIMIT_DEF 20

static json_t *render_hit(const search_hit_t *h)
{
    json_t *parties = json_array();
    int state = case_state_parse(h->state);

    for (size_t i = 0; i < h->nparties; i++) {
        const search_party_t *p = &h->parties[i];
        json_array_append_new(parties,
                              json_pack("{s:s, s:s, s:o}", "name", p->full_name, "role", p->role,
                                        "id_number",
                                        p->id_number[0] ? json_string(p->id_number) : json_null()));
    }
    return json_pack("{s:I, s:s, s:i, s:{s:I, s:s, s:s}, s:s, s:s, s:s, s:o, s:s, s:b, s:o}", "id",
                     (json_int_t)h->id, "case_no", h->case_no, "year", h->year, "unit", "id",
                     (json_int_t)h->unit_id, "code", h->unit_code, "name_vi", h->unit_name, "state",
                     h->state, "state_vi",
                     state >= 0 ? case_state_name_vi((case_state_t)state) : h->state, "category",
                     h->category, "received_on", render_date(h->received_on), "judgment_no",
                     h->judgment_no, "parties_matched", h->parties_matched, "parties", parties);
}

static int collect(const search_hit_t *h, void *arg)
{
    json_t *j = render_hit(h);
    int state = case_state_parse(h->state);

    if (j != NULL)
        json_object_set_new(
            j, "state_en",
            json_string(state >= 0 ? case_state_name_en((case_state_t)state) : h->state));
    return j ? json_array_append_new(arg, j) : -1;
}

static int bad_q(http_request_t *req, const char *en, const char *vi)
{
    return http_reply_error(req, 400, "invalid_value", "q", en, vi);
}

int api_search_cases(http_request_t *req)
{
    const char *q = http_query(req, "q");
    int64_t limit = http_query_int(req, "limit", SEARCH_LIMIT_DEF);
    char *folded;
    json_t *results;
    db_t *db = http_db(req);

    /* q and limit are checked against api_search_query before this runs; the text of q
     * is checked here (one line, valid UTF-8), as the search needs it */
    if (text_check_line(q, SEARCH_Q_MAX) != TEXT_OK)
        return bad_q(req, "Give q: up to 200 characters of text, on one line.",
                     "Cần nhập q: tối đa 200 ký tự, trên một dòng.");
    /* Folding never lengthens the text. */
    folded = arena_alloc(http_arena(req), strlen(q) + 1);
    if (folded == NULL)
        return http_reply_internal(req, "out of memory");
    if (fold_vi(q, folded, strlen(q) + 1) < 0 || text_chars(folded) < 2)
        return bad_q(req, "Type at least 2 letters or digits.", "Nhập ít nhất 2 chữ hoặc số.");

    results = http_keep(req, json_array());
    if (search_cases(db, api_who(req)->user.unit_id, api_today(req), folded, (int)limit, collect,
                     results) != DB_OK)
        return http_reply_db_error(req, db);
    return http_reply_json(
        req, 200, json_pack("{s:s, s:s, s:O}", "q", q, "query", folded, "results", results));
}
