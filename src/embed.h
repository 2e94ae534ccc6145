/*
 * embed.h — files compiled into the binary at build time (tools/embed.c writes
 * the tables): migrations/, web/ and data/. One binary is the whole deployment.
 * Each table ends with an entry whose name is NULL. Every data block is followed
 * by a NUL byte (not counted in size), so text files can be used as C strings.
 */
#ifndef THADS_EMBED_H
#define THADS_EMBED_H

#include <stddef.h>

typedef struct {
    const char *name; /* path relative to its folder, e.g. "0001_init.sql", "app.js" */
    const unsigned char *data;
    size_t size;
} embedded_file_t;

extern const embedded_file_t embedded_migrations[];
extern const embedded_file_t embedded_web[];
extern const embedded_file_t embedded_data[];

/* The entry called name in table, or NULL. */
const embedded_file_t *embed_find(const embedded_file_t *table, const char *name);

#endif
