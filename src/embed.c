#include "embed.h"

#include <string.h>

const embedded_file_t *embed_find(const embedded_file_t *table, const char *name)
{
    for (const embedded_file_t *f = table; f->name != NULL; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}
