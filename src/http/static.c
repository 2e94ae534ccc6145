/*
 * http/static.c — the web UI, served from files embedded in the binary.
 */
#include "embed.h"
#include "http/internal.h"

#include <string.h>

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json"},
    {".woff2", "font/woff2"},
};

static const char *content_type(const char *name)
{
    const char *dot = strrchr(name, '.');

    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

int static_serve(http_request_t *req)
{
    const char *name = req->path + 1;
    const embedded_file_t *f;

    /* The UI is one page; its own router handles paths below "/". */
    if (name[0] == '\0' || strchr(name, '.') == NULL)
        name = "index.html";
    if (strstr(name, "..") != NULL)
        return 0;
    f = embed_find(embedded_web, name);
    if (f == NULL)
        return 0;
    http_add_header(req, "Cache-Control", "no-cache");
    http_reply_static(req, 200, content_type(name), f->data, f->size);
    return 1;
}
