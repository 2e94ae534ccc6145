#include "ops/credentials.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

/* A hash to verify against when there is no user, made once with the first caller's
 * settings (under the lock: requests arrive on many threads). */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static int dummy_made;
static char dummy_hash[CREDENTIALS_HASH_MAX];

int credentials_hash_password(const app_t *app, const char *password,
                              char out[CREDENTIALS_HASH_MAX])
{
    return crypto_pwhash_str(out, password, strlen(password), app->pwhash_ops, app->pwhash_mem);
}

static void make_dummy(const app_t *app)
{
    pthread_mutex_lock(&dummy_lock);
    if (!dummy_made &&
        credentials_hash_password(app, "no such user, no such password", dummy_hash) != 0)
        dummy_hash[0] = '\0';
    dummy_made = 1;
    pthread_mutex_unlock(&dummy_lock);
}

int credentials_verify(const app_t *app, const char *hash, const char *password)
{
    if (hash == NULL || hash[0] == '\0') {
        make_dummy(app);
        /* The result is meaningless; spending the time is the point. */
        if (dummy_hash[0] && crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
            return 0;
        return 0;
    }
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void credentials_new_token(char out[CREDENTIALS_TOKEN_LEN])
{
    unsigned char raw[32];

    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, CREDENTIALS_TOKEN_LEN, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void credentials_token_hash(const char *token, char out[CREDENTIALS_TOKEN_HASH])
{
    unsigned char h[32];

    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, CREDENTIALS_TOKEN_HASH, h, sizeof h);
}

void credentials_new_password(char out[20])
{
    /* No 0/o, 1/l/i: read aloud or copied from paper without mistakes. */
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    int k = 0;

    for (int g = 0; g < 4; g++) {
        for (int i = 0; i < 4; i++)
            out[k++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
        out[k++] = g < 3 ? '-' : '\0';
    }
}
