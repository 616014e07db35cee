/*
 * tokens.c - API tokens for scripts (see auth.h): "dokaz_ID_SECRET", where ID
 * names the token (16 hex digits, shown in lists and used to revoke it) and
 * SECRET is 256 random bits. Only a BLAKE2b hash of the whole token is kept:
 * a token has too much entropy to be guessed, so a fast hash is enough, and a
 * stolen users file gives no working token.
 *
 * Functions: auth_secret_hash, auth_db_add_token, auth_db_revoke_token,
 * auth_db_check_token, auth_token_expiry.
 */
#include "auth/auth_int.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#define TOKEN_PREFIX "dokaz_"
#define ID_BYTES 8UL
#define SECRET_BYTES 32UL
#define HASH_BYTES 32UL

/* auth_secret_hash - BLAKE2b-256, hex */
void auth_secret_hash(const char *secret, char *out)
{
    unsigned char h[HASH_BYTES];
    crypto_generichash(h, sizeof h, (const unsigned char *)secret, strlen(secret), NULL, 0);
    sodium_bin2hex(out, 2 * HASH_BYTES + 1, h, sizeof h);
}

/* auth_db_add_token - make, hash, append */
int auth_db_add_token(auth_db *db, const char *user, long days, long long now, char **token,
                      char **err)
{
    const auth_user *u = auth_db_user(db, user);
    if (u == NULL || u->disabled)
        return dk_fail(err, "no enabled user '%s'", user);
    if (days < 0)
        return dk_fail(err, "a token cannot expire in the past");
    char id[2 * ID_BYTES + 1], secret[2 * SECRET_BYTES + 1], hash[2 * HASH_BYTES + 1];
    auth_random_hex(id, ID_BYTES);
    auth_random_hex(secret, SECRET_BYTES);
    *token = xasprintf(TOKEN_PREFIX "%s_%s", id, secret);
    auth_secret_hash(*token, hash);
    sodium_memzero(secret, sizeof secret);
    db->tokens = xrealloc(db->tokens, (db->ntokens + 1) * sizeof *db->tokens);
    db->tokens[db->ntokens++] = (auth_token){.id = xstrdup(id),
                                             .user = xstrdup(user),
                                             .hash = xstrdup(hash),
                                             .created = now,
                                             .expires = days ? now + days * 86400LL : 0};
    return 0;
}

/* auth_db_revoke_token - remove it, keeping the others in order */
int auth_db_revoke_token(auth_db *db, const char *id, char **err)
{
    for (size_t i = 0; i < db->ntokens; i++) {
        auth_token *t = &db->tokens[i];
        if (strcmp(t->id, id) != 0)
            continue;
        free(t->id);
        free(t->user);
        free(t->hash);
        memmove(t, t + 1, (db->ntokens - i - 1) * sizeof *t);
        db->ntokens--;
        return 0;
    }
    return dk_fail(err, "no token '%s' (dokaz token list shows them)", id);
}

/* auth_db_check_token - find by id, compare hashes in constant time, check
 * expiry and the user */
const auth_user *auth_db_check_token(const auth_db *db, const char *token, long long now)
{
    size_t prefix = strlen(TOKEN_PREFIX);
    if (token == NULL || strncmp(token, TOKEN_PREFIX, prefix) != 0 ||
        strlen(token) != prefix + 2 * ID_BYTES + 1 + 2 * SECRET_BYTES)
        return NULL;
    char hash[2 * HASH_BYTES + 1];
    auth_secret_hash(token, hash);
    for (size_t i = 0; i < db->ntokens; i++) {
        const auth_token *t = &db->tokens[i];
        if (strncmp(t->id, token + prefix, 2 * ID_BYTES) != 0 || strlen(t->hash) != strlen(hash))
            continue;
        if (sodium_memcmp(t->hash, hash, strlen(hash)) != 0 || (t->expires && now >= t->expires))
            return NULL;
        const auth_user *u = auth_db_user(db, t->user);
        return u && !u->disabled ? u : NULL;
    }
    return NULL;
}

/* auth_token_expiry - ISO 8601 in UTC, or "never" */
void auth_token_expiry(const auth_token *t, char *out)
{
    time_t e = (time_t)t->expires;
    struct tm tm;
    if (t->expires == 0 || gmtime_r(&e, &tm) == NULL ||
        strftime(out, AUTH_TIME_TEXT, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        strcpy(out, "never");
}
