/*
 * core/log_escape.h — a value a client chose, made safe to write into a log line.
 */
#ifndef THADS_CORE_LOG_ESCAPE_H
#define THADS_CORE_LOG_ESCAPE_H

#include <stddef.h>

/* Copy s (NULL reads as "") into buf of len bytes for a log line, escaping what a client
 * could use to forge or hide a line: control characters as \xHH, '"' and '\\' with a
 * backslash, bytes that are not well-formed UTF-8 as \xHH, and C1 controls, line
 * separators and bidirectional overrides as \uXXXX; Vietnamese text stays readable.
 * Cut with "..." when it does not fit. Every value a client chose goes through it
 * before it is logged — the HTTP layer's lines and a store failure's message alike.
 * Returns buf. */
const char *log_escape(char *buf, size_t len, const char *s);

#endif
