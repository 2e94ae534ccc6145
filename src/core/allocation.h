/*
 * core/allocation.h — one collection split by the legal order of payment.
 *
 * LAW: Law 26/2008/QH12 (amended 2014) art. 47 (THADS.md 4.2). Money collected from one
 * debtor goes, step by step, to: the enforcement and coercion costs of this collection;
 * the rent allowance set aside when the debtor's only dwelling was sold (art. 115.5);
 * when the money comes from a pledged or mortgaged asset, or one the judgment earmarked,
 * that judgment's court fee and then the secured creditor (up to the secured debt); then
 * the creditors rank by rank (1: support, wages, damages to life and health; 2: court
 * fees and charges; 3: everything else), first the pool of creditors whose cases existed
 * at the date of the coercion decision the money was collected under, then the others.
 * What is left goes back to the debtor.
 *
 * Inside one step (a rank of a pool) the money is split pro rata to the amounts still
 * owed. The law is silent on rounding; each share is the exact pro-rata amount rounded
 * down, and the đồng left over go one each to the claims with the largest remainders,
 * ties to the lowest claim id (largest remainder method; THADS.md 4.2 [M, design choice]).
 * So the shares sum to the amount exactly, nobody gets more than owed, and the split
 * depends only on the claims, not on the order they are listed in.
 *
 * The enforcement fee is not a step here: it is withheld from each creditor's share when
 * paid out (core/fee.h). Which claims belong to the pool of a coercion decision, and
 * which court fee belongs to the secured judgment, is the caller's knowledge (dates of
 * cases and decisions); this module only orders and splits.
 *
 * Pure: no I/O, no globals; one allocation per call (a work array of n entries).
 */
#ifndef THADS_CORE_ALLOCATION_H
#define THADS_CORE_ALLOCATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/message.h"
#include "core/money.h"

/* The steps of art. 47, in the order they are paid. */
typedef enum {
    ALLOC_STEP_COSTS = 1,         /* enforcement and coercion costs of this collection */
    ALLOC_STEP_RENT,              /* rent allowance after the only dwelling was sold (art. 115.5) */
    ALLOC_STEP_SECURED_COURT_FEE, /* court fee of the judgment that secured or earmarked the asset
                                   */
    ALLOC_STEP_SECURED, /* the pledgee, mortgagee or earmarked creditor, up to that debt */
    ALLOC_STEP_RANK1,   /* support, wages, severance, damages to life and health */
    ALLOC_STEP_RANK2,   /* court fees and charges (án phí, lệ phí Tòa án) */
    ALLOC_STEP_RANK3,   /* every other amount (ordinary debts; budget items [M]) */
} alloc_step_t;

/* Which creditor pool a rank claim belongs to (art. 47.3). Money not collected under a
 * coercion decision has one pool: give every claim ALLOC_POOL_FIRST. */
typedef enum {
    ALLOC_POOL_FIRST = 0, /* cases existing at the date of the coercion decision */
    ALLOC_POOL_LATER = 1, /* other decisions, as of the payment date: paid after all of FIRST */
} alloc_pool_t;

/* One claim on the collection: a plain struct, so callers can fill an array from rows. */
typedef struct {
    int64_t id;        /* the obligation item (or cost) id; unique within one split */
    alloc_step_t step; /* its place in the order of payment */
    alloc_pool_t pool; /* for ALLOC_STEP_RANK*; steps before the ranks take ALLOC_POOL_FIRST */
    money_t owed;      /* still owed on it, 0 .. MONEY_AMOUNT_MAX */
} alloc_claim_t;

/* Result codes. The refusals name a claim in *bad (see each function) or ALLOC_NO_INDEX. */
enum {
    ALLOC_OK = 0,
    ALLOC_NOMEM = -1,            /* the work array could not be allocated */
    ALLOC_INVALID = -2,          /* a NULL pointer where n > 0 or an output is needed */
    ALLOC_AMOUNT_NEGATIVE = -3,  /* the amount, an owed amount, a share or the surplus < 0 */
    ALLOC_TOO_LARGE = -4,        /* the amount or an owed amount above MONEY_AMOUNT_MAX */
    ALLOC_BAD_STEP = -5,         /* step or pool out of range, or a pool on a step before ranks */
    ALLOC_DUPLICATE_ID = -6,     /* two claims with one id (the split would depend on order) */
    ALLOC_SHARE_ABOVE_OWED = -7, /* alloc_check: a share above what is owed */
    ALLOC_SUM_MISMATCH = -8,     /* alloc_check: shares and surplus do not add up to the amount */
    ALLOC_SURPLUS_UNPAID = -9,   /* alloc_check: money back to the debtor while a claim is unpaid */
};

#define ALLOC_NO_INDEX SIZE_MAX

/*
 * Split `amount` among claims[0..n) by the order of payment.
 * On ALLOC_OK, shares[i] is what claims[i] receives and *surplus what goes back to the
 * debtor (non-zero only when every claim is paid in full). On any other code shares and
 * *surplus are untouched and *bad (bad may be NULL) names the first offending claim in
 * input order, or is ALLOC_NO_INDEX (the amount itself, a NULL pointer, out of memory).
 * For ALLOC_DUPLICATE_ID it is the claim whose id was listed before.
 *
 * Cost: O(n) to order the steps, plus O(n log n) to sort the ids (refusing duplicates)
 * and the remainders of the one step that is paid in part; 50,000 claims in one rank
 * take a few milliseconds. Intermediate products are 128-bit, so no input in range
 * overflows. The split is a function of the set of claims: any permutation of claims[]
 * gives each claim the same share.
 */
int alloc_split(money_t amount, const alloc_claim_t *claims, size_t n, money_t *shares,
                money_t *surplus, size_t *bad);

/*
 * Check a split an officer adjusted before confirming it (the shares need not follow the
 * order of payment; the officer records why): the claims must be valid as for
 * alloc_split, no share nor the surplus negative, no share above what is owed, the shares
 * and the surplus adding up to the amount exactly, and no surplus while a claim is not
 * paid in full (money goes back to the debtor only when every creditor here is paid).
 * Returns ALLOC_OK or the first refusal, with *bad (may be NULL) the claim at fault in
 * input order, or ALLOC_NO_INDEX when the fault is the total or the surplus itself.
 * O(n log n), one allocation (the duplicate-id check).
 */
int alloc_check(money_t amount, const alloc_claim_t *claims, size_t n, const money_t *shares,
                money_t surplus, size_t *bad);

/* The refusal message (core/message.h) for a code of this module; MSG_OUT_OF_MEMORY for
 * ALLOC_NOMEM, the internal entry for ALLOC_OK and unknown codes. */
message_id_t alloc_message(int code);

/* The payment order of a step as text, for display: "costs", "rent_allowance",
 * "secured_court_fee", "secured", "rank1", "rank2", "rank3"; "?" otherwise. */
const char *alloc_step_code(alloc_step_t step);

#endif /* THADS_CORE_ALLOCATION_H */
