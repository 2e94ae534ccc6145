/*
 * core/allocation.c — the order of payment and the pro-rata split (art. 47).
 *
 * The steps form ten classes paid one after the other: costs, rent allowance, the secured
 * judgment's court fee, the secured creditor, then ranks 1-3 of the first pool and ranks
 * 1-3 of the later pool. One pass sums what each class is owed (128-bit, so no sum of
 * int64 amounts can overflow); walking the classes in order, each is either paid in full
 * or is the one class paid in part, after which nothing is left. Only that class needs
 * the pro-rata split, and only its claims are sorted by remainder. The other cost is
 * sorting all ids once to refuse duplicates, since the tie-break by id is what makes the
 * result independent of the order of the claims. Both sorts are qsort, O(n log n); one
 * work array of n entries serves both.
 */
#include "core/allocation.h"

#include <stdlib.h>

__extension__ typedef __int128 alloc_i128;

#define ALLOC_CLASSES 10

/* One entry of the work array: a claim's index, id and, in the partly paid class, the
 * remainder of its exact pro-rata share (below the class total, so 128-bit). */
typedef struct {
    alloc_i128 rem;
    int64_t id;
    size_t index;
} alloc_entry_t;

/* The class a valid claim is paid in: 0-3 the steps before the ranks, then 4-6 ranks 1-3
 * of the first pool and 7-9 ranks 1-3 of the later pool. */
static int alloc_class(const alloc_claim_t *c)
{
    if (c->step < ALLOC_STEP_RANK1)
        return (int)c->step - (int)ALLOC_STEP_COSTS;
    return 4 + 3 * (int)c->pool + ((int)c->step - (int)ALLOC_STEP_RANK1);
}

static int alloc_set_bad(size_t *bad, size_t index, int code)
{
    if (bad != NULL)
        *bad = index;
    return code;
}

/* Each claim on its own: step and pool in range, owed within 0..MONEY_AMOUNT_MAX.
 * ALLOC_OK, or the first refusal in input order. */
static int alloc_check_claims(const alloc_claim_t *claims, size_t n, size_t *bad)
{
    for (size_t i = 0; i < n; i++) {
        const alloc_claim_t *c = &claims[i];
        if (c->step < ALLOC_STEP_COSTS || c->step > ALLOC_STEP_RANK3 ||
            (c->pool != ALLOC_POOL_FIRST && c->pool != ALLOC_POOL_LATER) ||
            (c->step < ALLOC_STEP_RANK1 && c->pool != ALLOC_POOL_FIRST))
            return alloc_set_bad(bad, i, ALLOC_BAD_STEP);
        if (c->owed < 0)
            return alloc_set_bad(bad, i, ALLOC_AMOUNT_NEGATIVE);
        if (c->owed > MONEY_AMOUNT_MAX)
            return alloc_set_bad(bad, i, ALLOC_TOO_LARGE);
    }
    return ALLOC_OK;
}

static int alloc_by_id(const void *a, const void *b)
{
    const alloc_entry_t *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Largest remainder first; of equal remainders, the lowest id (ids are unique). */
static int alloc_by_remainder(const void *a, const void *b)
{
    const alloc_entry_t *x = a, *y = b;
    if (x->rem != y->rem)
        return x->rem > y->rem ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Refuse two claims with one id, using work (n entries). *bad is the second of the
 * pair in input order; of several pairs, the one whose second claim comes first. */
static int alloc_check_ids(const alloc_claim_t *claims, size_t n, alloc_entry_t *work, size_t *bad)
{
    size_t first_dup = ALLOC_NO_INDEX;
    for (size_t i = 0; i < n; i++)
        work[i] = (alloc_entry_t){.id = claims[i].id, .index = i};
    qsort(work, n, sizeof *work, alloc_by_id);
    for (size_t i = 1; i < n; i++)
        if (work[i].id == work[i - 1].id && work[i].index < first_dup)
            first_dup = work[i].index; /* sorted by index within an id: the later one */
    if (first_dup != ALLOC_NO_INDEX)
        return alloc_set_bad(bad, first_dup, ALLOC_DUPLICATE_ID);
    return ALLOC_OK;
}

/* The common checks of both entry points; on ALLOC_OK *workp holds the work array (NULL
 * when n is 0), to be freed by the caller. */
static int alloc_prepare(money_t amount, const alloc_claim_t *claims, size_t n, size_t *bad,
                         alloc_entry_t **workp)
{
    *workp = NULL;
    if (claims == NULL && n > 0)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_INVALID);
    if (amount < 0)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_AMOUNT_NEGATIVE);
    if (amount > MONEY_AMOUNT_MAX)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_TOO_LARGE);
    int rc = alloc_check_claims(claims, n, bad);
    if (rc != ALLOC_OK || n == 0)
        return rc;
    alloc_entry_t *work = malloc(n * sizeof *work);
    if (work == NULL)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_NOMEM);
    rc = alloc_check_ids(claims, n, work, bad);
    if (rc != ALLOC_OK) {
        free(work);
        return rc;
    }
    *workp = work;
    return ALLOC_OK;
}

int alloc_split(money_t amount, const alloc_claim_t *claims, size_t n, money_t *shares,
                money_t *surplus, size_t *bad)
{
    alloc_entry_t *work;
    alloc_i128 owed[ALLOC_CLASSES] = {0};

    if ((shares == NULL && n > 0) || surplus == NULL)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_INVALID);
    int rc = alloc_prepare(amount, claims, n, bad, &work);
    if (rc != ALLOC_OK)
        return rc;

    for (size_t i = 0; i < n; i++)
        owed[alloc_class(&claims[i])] += claims[i].owed;

    /* Walk the classes: paid in full while the money lasts; `partial` is the first class
     * the rest does not cover (ALLOC_CLASSES if every class is covered). */
    alloc_i128 left = amount;
    int partial = ALLOC_CLASSES;
    for (int k = 0; k < ALLOC_CLASSES; k++) {
        if (left < owed[k]) {
            partial = k;
            break;
        }
        left -= owed[k];
    }

    /* Everyone before `partial` is paid in full, everyone after gets nothing; in
     * `partial`, floor(left * owed_i / total), the remainders kept for the leftover. */
    size_t m = 0;
    alloc_i128 given = 0;
    for (size_t i = 0; i < n; i++) {
        int k = alloc_class(&claims[i]);
        if (k < partial) {
            shares[i] = claims[i].owed;
        } else if (k > partial) {
            shares[i] = 0;
        } else {
            alloc_i128 p = left * claims[i].owed;
            shares[i] = (money_t)(p / owed[k]);
            given += shares[i];
            if (p % owed[k] != 0)
                work[m++] = (alloc_entry_t){.rem = p % owed[k], .id = claims[i].id, .index = i};
        }
    }
    if (partial < ALLOC_CLASSES) {
        /* The remainders sum to leftover * total with each below total, so at least
         * leftover + 1 claims have one: each of the first `leftover` gets one đồng, which
         * keeps it below what it is owed (its exact share was not a whole đồng). */
        alloc_i128 leftover = left - given;
        qsort(work, m, sizeof *work, alloc_by_remainder);
        for (size_t j = 0; j < m && (alloc_i128)j < leftover; j++)
            shares[work[j].index]++;
        left = 0;
    }
    *surplus = (money_t)left;
    free(work);
    return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_OK);
}

int alloc_check(money_t amount, const alloc_claim_t *claims, size_t n, const money_t *shares,
                money_t surplus, size_t *bad)
{
    alloc_entry_t *work;

    if (shares == NULL && n > 0)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_INVALID);
    int rc = alloc_prepare(amount, claims, n, bad, &work);
    if (rc != ALLOC_OK)
        return rc;
    free(work);

    alloc_i128 total = surplus;
    size_t unpaid = ALLOC_NO_INDEX;
    for (size_t i = 0; i < n; i++) {
        if (shares[i] < 0)
            return alloc_set_bad(bad, i, ALLOC_AMOUNT_NEGATIVE);
        if (shares[i] > claims[i].owed)
            return alloc_set_bad(bad, i, ALLOC_SHARE_ABOVE_OWED);
        if (shares[i] < claims[i].owed && unpaid == ALLOC_NO_INDEX)
            unpaid = i;
        total += shares[i];
    }
    if (surplus < 0)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_AMOUNT_NEGATIVE);
    if (total != amount)
        return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_SUM_MISMATCH);
    if (surplus > 0 && unpaid != ALLOC_NO_INDEX)
        return alloc_set_bad(bad, unpaid, ALLOC_SURPLUS_UNPAID);
    return alloc_set_bad(bad, ALLOC_NO_INDEX, ALLOC_OK);
}

message_id_t alloc_message(int code)
{
    switch (code) {
    case ALLOC_NOMEM:
        return MSG_OUT_OF_MEMORY;
    case ALLOC_AMOUNT_NEGATIVE:
        return MSG_AMOUNT_NEGATIVE;
    case ALLOC_TOO_LARGE:
        return MSG_AMOUNT_OVER_MAX;
    case ALLOC_BAD_STEP:
        return MSG_ALLOC_STEP;
    case ALLOC_DUPLICATE_ID:
        return MSG_ALLOC_DUPLICATE_CLAIM;
    case ALLOC_SHARE_ABOVE_OWED:
        return MSG_ALLOC_SHARE_ABOVE_OWED;
    case ALLOC_SUM_MISMATCH:
        return MSG_ALLOC_SUM;
    case ALLOC_SURPLUS_UNPAID:
        return MSG_ALLOC_SURPLUS_UNPAID;
    default:
        return MSG_COUNT; /* message_get answers the internal entry */
    }
}

const char *alloc_step_code(alloc_step_t step)
{
    switch (step) {
    case ALLOC_STEP_COSTS:
        return "costs";
    case ALLOC_STEP_RENT:
        return "rent_allowance";
    case ALLOC_STEP_SECURED_COURT_FEE:
        return "secured_court_fee";
    case ALLOC_STEP_SECURED:
        return "secured";
    case ALLOC_STEP_RANK1:
        return "rank1";
    case ALLOC_STEP_RANK2:
        return "rank2";
    case ALLOC_STEP_RANK3:
        return "rank3";
    }
    return "?";
}
