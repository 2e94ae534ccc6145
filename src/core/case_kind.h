/*
 * core/case_kind.h — what a case is made of, as domain values: its category and source,
 * the roles and kinds of its parties, the content of its enforceable items and the kind
 * of judgment it enforces (THADS.md 2.1-2.3, 5.4).
 *
 * Each is an enum with one table (case_kind.c) of stable code, Vietnamese name and
 * English name, and the same four functions: X_code(), X_name_vi(), X_name_en() and
 * X_parse(). Codes are what the database stores, the API sends and the importers read
 * ("criminal_civil", "ex_officio", "pay_money"): append new values; never renumber or
 * rename. The Vietnamese and English names are labels for the UI, the API's *_vi fields
 * and listings (GET /api/catalog serves every table).
 *
 * X_code(), X_name_vi() and X_name_en() answer "?" for a value out of range; X_parse()
 * answers the value for a code, or -1 for an unknown code or NULL.
 *
 * Pure: no I/O, no allocation; every string returned is static.
 */
#ifndef THADS_CORE_CASE_KIND_H
#define THADS_CORE_CASE_KIND_H

/* Category of a case, for the statistics (THADS.md 5.4: credit and corruption are
 * reported separately). */
typedef enum {
    CASE_CATEGORY_CIVIL,           /* dân sự (civil, business and commercial) */
    CASE_CATEGORY_MARRIAGE_FAMILY, /* hôn nhân và gia đình */
    CASE_CATEGORY_LABOUR,          /* lao động */
    CASE_CATEGORY_CRIMINAL_CIVIL,  /* money and property parts of criminal judgments */
    CASE_CATEGORY_CREDIT,          /* debts to credit institutions */
    CASE_CATEGORY_CORRUPTION,      /* asset recovery in corruption and economic crimes */
    CASE_CATEGORY_ADMINISTRATIVE,  /* property part of administrative judgments */
    CASE_CATEGORY_COUNT
} case_category_t;

const char *case_category_code(case_category_t c);
const char *case_category_name_vi(case_category_t c);
const char *case_category_name_en(case_category_t c);
int case_category_parse(const char *code);

/* How the case began, THADS.md 2.3. */
typedef enum {
    CASE_SOURCE_APPLICATION, /* theo đơn yêu cầu */
    CASE_SOURCE_EX_OFFICIO,  /* chủ động */
    CASE_SOURCE_COUNT
} case_source_t;

const char *case_source_code(case_source_t s);
const char *case_source_name_vi(case_source_t s);
const char *case_source_name_en(case_source_t s);
int case_source_parse(const char *code);

/* The part a party plays in a case, THADS.md 2.1. */
typedef enum {
    CASE_PARTY_ROLE_CREDITOR, /* người được thi hành án */
    CASE_PARTY_ROLE_DEBTOR,   /* người phải thi hành án */
    CASE_PARTY_ROLE_RELATED,  /* người có quyền lợi, nghĩa vụ liên quan */
    CASE_PARTY_ROLE_COUNT
} case_party_role_t;

const char *case_party_role_code(case_party_role_t r);
const char *case_party_role_name_vi(case_party_role_t r);
const char *case_party_role_name_en(case_party_role_t r);
int case_party_role_parse(const char *code);

/* What a party is. The State is the creditor of court fees, fines and confiscation. */
typedef enum {
    CASE_PARTY_KIND_PERSON,
    CASE_PARTY_KIND_ORGANIZATION,
    CASE_PARTY_KIND_STATE,
    CASE_PARTY_KIND_COUNT
} case_party_kind_t;

const char *case_party_kind_code(case_party_kind_t k);
const char *case_party_kind_name_vi(case_party_kind_t k);
const char *case_party_kind_name_en(case_party_kind_t k);
int case_party_kind_parse(const char *code);

/* The content of one enforceable item (khoản phải thi hành), THADS.md 2.1 and 2.3. */
typedef enum {
    CASE_ITEM_PAY_MONEY,
    CASE_ITEM_PERIODIC_PAY, /* cấp dưỡng and other periodic payments */
    CASE_ITEM_COURT_FEE,    /* án phí */
    CASE_ITEM_COURT_CHARGE, /* lệ phí Tòa án */
    CASE_ITEM_FINE,
    CASE_ITEM_CONFISCATION,
    CASE_ITEM_ILLICIT_GAIN, /* recovery of illicit gains */
    CASE_ITEM_HAND_OVER_ASSET,
    CASE_ITEM_HAND_OVER_LAND, /* a house or land */
    CASE_ITEM_ACT,            /* perform a given act */
    CASE_ITEM_REFRAIN,        /* refrain from a given act */
    CASE_ITEM_DESTROY_EXHIBIT,
    CASE_ITEM_RETURN_PROPERTY, /* return money or property to a party */
    CASE_ITEM_CONTENT_COUNT
} case_item_content_t;

const char *case_item_content_code(case_item_content_t t);
const char *case_item_content_name_vi(case_item_content_t t);
const char *case_item_content_name_en(case_item_content_t t);
int case_item_content_parse(const char *code);

/* The kind of judgment (bản án) a case enforces, THADS.md 2.1. */
typedef enum {
    CASE_JUDGMENT_CIVIL,
    CASE_JUDGMENT_MARRIAGE_FAMILY,
    CASE_JUDGMENT_BUSINESS, /* kinh doanh, thương mại */
    CASE_JUDGMENT_LABOUR,
    CASE_JUDGMENT_CRIMINAL,
    CASE_JUDGMENT_ADMINISTRATIVE,
    CASE_JUDGMENT_KIND_COUNT
} case_judgment_kind_t;

const char *case_judgment_kind_code(case_judgment_kind_t k);
const char *case_judgment_kind_name_vi(case_judgment_kind_t k);
const char *case_judgment_kind_name_en(case_judgment_kind_t k);
int case_judgment_kind_parse(const char *code);

/*
 * The kind of judgment a case of category c most likely enforces, when the caller does
 * not say: criminal for criminal_civil and corruption, business for credit,
 * administrative, marriage_family and labour for their own categories, civil for civil
 * and for a value out of range.
 */
case_judgment_kind_t case_judgment_kind_default(case_category_t c);

#endif
