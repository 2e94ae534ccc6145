/*
 * core/fold.h — Vietnamese search folding: "Nguyễn Văn Đức" and "nguyen van duc"
 * fold to the same text, so people typing without diacritics (or with another
 * keyboard's composition) find what they look for.
 */
#ifndef THADS_CORE_FOLD_H
#define THADS_CORE_FOLD_H

#include <stddef.h>

/* Fold s: decompose (NFD), drop combining marks, map đ/Đ to d, case-fold, collapse
 * runs of white space and punctuation to one space, trim. Writes at most len bytes
 * (NUL-terminated). Returns the folded length, or -1 for invalid UTF-8. The output
 * is never longer than the input. */
long fold_vi(const char *s, char *out, size_t len);

#endif
