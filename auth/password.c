/*
 * password.c - password hashes, random ids, roles and names (see auth.h).
 *
 * Passwords are hashed with Argon2id through libsodium's crypto_pwhash_str,
 * at its "interactive" cost (64 MiB, about a tenth of a second): dear enough
 * to make guessing a stolen users file slow, cheap enough for a log-in page,
 * whose guessing the rate limiter stops. The string it makes holds the
 * algorithm, cost and salt, so that a later cost still checks older hashes.
 *
 * Functions: auth_password_hash, auth_password_check, auth_random_hex,
 * auth_role_name, auth_role_parse, auth_name_valid.
 */
#include "auth/auth.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[] = {
    [AUTH_READER] = "reader", [AUTH_INVESTIGATOR] = "investigator", [AUTH_ADMIN] = "admin"};

/* checked when there is no hash (an unknown name), so that a miss costs what a
 * hit does and the time taken does not tell which names exist */
static const char decoy_hash[] = "$argon2id$v=19$m=65536,t=2,p=1$iDLh48Ser4Cd+cA73AO+Fw$"
                                 "hfBVQswNJtSEbBCMbzxHI3s8cAM0JFAGQEx3PVCntI4";

/* ready - libsodium's one-time set-up (idempotent, thread-safe); aborts if the
 * system has no source of randomness, without which nothing here is safe */
static void ready(void)
{
    if (sodium_init() < 0)
        abort();
}

/* auth_password_hash - crypto_pwhash_str at the interactive cost */
int auth_password_hash(const char *password, char **hash, char **err)
{
    ready();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return dk_fail(err, "cannot hash the password (out of memory?)");
    *hash = xstrdup(out);
    return 0;
}

/* auth_password_check - crypto_pwhash_str_verify; no hash (NULL or "") takes
 * as long and matches nothing */
int auth_password_check(const char *hash, const char *password)
{
    ready();
    int none = hash == NULL || *hash == '\0';
    if (password == NULL)
        return 0;
    int ok = crypto_pwhash_str_verify(none ? decoy_hash : hash, password, strlen(password)) == 0;
    return ok && !none;
}

/* auth_random_hex - randombytes_buf, then sodium_bin2hex */
void auth_random_hex(char *out, size_t bytes)
{
    ready();
    unsigned char buf[64];
    if (bytes > sizeof buf)
        abort();
    randombytes_buf(buf, bytes);
    sodium_bin2hex(out, 2 * bytes + 1, buf, bytes);
    sodium_memzero(buf, sizeof buf);
}

/* auth_role_name - the table's word */
const char *auth_role_name(auth_role role)
{
    return role >= AUTH_READER && role <= AUTH_ADMIN ? role_names[role] : "none";
}

/* auth_role_parse - look the word up */
int auth_role_parse(const char *name, auth_role *role)
{
    for (auth_role r = AUTH_READER; name && r <= AUTH_ADMIN; r++)
        if (strcmp(name, role_names[r]) == 0) {
            *role = r;
            return 0;
        }
    return -1;
}

/* auth_name_valid - the characters a name may hold */
int auth_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > AUTH_NAME_MAX)
        return 0;
    return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@") == n;
}
