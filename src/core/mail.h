/*
 * core/mail.h — email without I/O: checking addresses and fax numbers, routing a fax
 * through an email-to-fax gateway, and composing a MIME message (RFC 5322, 2045-2047,
 * 2231) ready to hand to an SMTP client (jobs/mail_job.c).
 *
 * A composed message has CRLF line ends and no line longer than 76 characters but the
 * header lines of addresses (an address is not folded inside itself): a UTF-8 subject or
 * sender name becomes RFC 2047 encoded words ("=?UTF-8?B?...?=", each at most 75
 * characters, never splitting a character), the text body is quoted-printable UTF-8, and
 * an attachment is a base64 part of multipart/mixed whose non-ASCII file name is given by
 * RFC 2231. The Message-ID is derived from the idempotency key, so every copy of one
 * notification carries the same one.
 */
#ifndef THADS_CORE_MAIL_H
#define THADS_CORE_MAIL_H

#include <stddef.h>
#include <stdint.h>

/* Base64 (RFC 4648) of n bytes without line breaks, malloc'd; NULL: out of memory. */
char *mail_base64(const void *data, size_t n);
/* Decode base64 (no whitespace): malloc'd bytes (NUL-terminated, not counted) and *n,
 * or NULL when s is not base64 or memory ran out. */
unsigned char *mail_base64_decode(const char *s, size_t *n);

/* An address as people type one: local@domain, ASCII, local part of atext and dots,
 * domain of labels of letters, digits and hyphens with a dot, at most 254 characters.
 * 0 if so, -1 if not. */
int mail_address_check(const char *s);
/* A fax number: digits with spaces, dots, hyphens and parentheses between them and an
 * optional leading '+', 6 to 20 digits. 0 if so, -1 if not. */
int mail_fax_check(const char *s);
/* The digits of a fax number into out (len bytes): the length, or -1 when it does not fit. */
int mail_fax_digits(const char *fax, char *out, size_t len);
/* An email-to-fax gateway: an address, where the local part may be or contain "{fax}". */
int mail_gateway_check(const char *s);

/*
 * Where a fax to number `fax` goes through `gateway` (see store/outbox.h): "{fax}" in the
 * gateway is replaced by the number's digits (*in_subject 0), else the gateway itself
 * (*in_subject 1: the digits must be the subject). 0 with to (tolen bytes), or -1 when
 * the gateway or number is not valid or to is too small.
 */
int mail_fax_route(const char *gateway, const char *fax, char *to, size_t tolen, int *in_subject);

typedef struct {
    const char *from;      /* the sender's address */
    const char *from_name; /* UTF-8 display name (NULL: none) */
    const char *to;        /* the recipient's address */
    const char *subject;   /* UTF-8, one line */
    const char *body;      /* UTF-8 text, lines separated by \n (or \r\n) */
    const char *idem_key;  /* printable ASCII: X-Thads-Idempotency-Key and the Message-ID */
    int64_t date;          /* unix seconds of the Date header */
    int tz_minutes;        /* the Date's offset from UTC in minutes (Việt Nam: 420) */
    /* An optional attachment (attach_name NULL: none). */
    const char *attach_name, *attach_type;
    const void *attach;
    size_t attach_len;
} mail_msg_t;

/* The Message-ID of a key sent from address `from`: "<key@domain>", the key's characters
 * other than letters, digits, '-', '_' and '.' written =XX. 0, or -1 when it does not fit. */
int mail_message_id(const char *idem_key, const char *from, char *out, size_t len);

/* The message, malloc'd, NUL-terminated, its length in *len (may be NULL): NULL when a
 * field is missing or not valid (addresses, a non-UTF-8 text, a key that is not printable
 * ASCII) or memory ran out. */
char *mail_compose(const mail_msg_t *m, size_t *len);

/* The encoded words of a UTF-8 header text, folded: what follows "Subject: " (prefix_len
 * characters already on the line). Plain when it is printable ASCII that fits. Malloc'd. */
char *mail_header_words(const char *text, size_t prefix_len);

#endif
