#include "cli/cli.h"

#include <jansson.h>
#include <libpq-fe.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>

int cmd_version(int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cli_usage_error("version", "takes no arguments");
    printf("thads %s (sqlite %s, libpq %d, libmicrohttpd %s, jansson %s, libsodium %s)\n",
           THADS_VERSION, sqlite3_libversion(), PQlibVersion(), MHD_get_version(), JANSSON_VERSION,
           sodium_version_string());
    return 0;
}
