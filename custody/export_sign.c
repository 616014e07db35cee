/*
 * export_sign.c - SHA256SUMS.asc: a detached, ASCII-armored OpenPGP
 * signature of the package's SHA256SUMS, made through GPGME with a key of
 * the user's GnuPG home ($GNUPGHOME), so that plain `gpg --verify` checks it
 * (see export_private.h).
 *
 * Functions: pkg_sign.
 */
#include "export_private.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <gpgme.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* gpg_fail - a GPGME error as a message */
static int gpg_fail(char **err, const char *what, gpgme_error_t e)
{
    return dk_fail(err, "%s: %s", what, gpgme_strerror(e));
}

/* sign_data - sign `in` with `key` into a malloc'd armored signature */
static int sign_data(gpgme_ctx_t ctx, const char *key, gpgme_data_t in, char **sig, size_t *len,
                     char **err)
{
    gpgme_key_t k = NULL;
    gpgme_error_t e = gpgme_get_key(ctx, key, &k, 1);
    if (e != 0)
        return dk_fail(err, "no secret key '%s' in the GnuPG home: %s", key, gpgme_strerror(e));
    gpgme_signers_add(ctx, k);
    gpgme_key_unref(k);
    gpgme_data_t out = NULL;
    if ((e = gpgme_data_new(&out)) != 0)
        return gpg_fail(err, "cannot sign", e);
    if ((e = gpgme_op_sign(ctx, in, out, GPGME_SIG_MODE_DETACH)) != 0) {
        gpgme_data_release(out);
        return gpg_fail(err, "cannot sign SHA256SUMS", e);
    }
    char *mem = gpgme_data_release_and_get_mem(out, len);
    *sig = xmalloc(*len + 1);
    memcpy(*sig, mem, *len);
    gpgme_free(mem);
    return 0;
}

/* pkg_sign - read SHA256SUMS, sign it, write SHA256SUMS.asc */
int pkg_sign(pkg *p, const char *key, char **err)
{
    gpgme_check_version(NULL);
    gpgme_set_locale(NULL, LC_CTYPE, setlocale(LC_CTYPE, NULL));
    char *path = fs_join(p->dir, "SHA256SUMS"), *data = NULL, *sig = NULL;
    size_t len = 0, siglen = 0;
    gpgme_ctx_t ctx = NULL;
    gpgme_data_t in = NULL;
    gpgme_error_t e;
    int rc = fs_read_all(path, &data, &len, err);
    if (rc == 0 && (e = gpgme_new(&ctx)) != 0)
        rc = gpg_fail(err, "cannot start GPGME", e);
    if (rc == 0) {
        gpgme_set_protocol(ctx, GPGME_PROTOCOL_OpenPGP);
        gpgme_set_armor(ctx, 1);
        if ((e = gpgme_data_new_from_mem(&in, data, len, 0)) != 0)
            rc = gpg_fail(err, "cannot sign", e);
    }
    if (rc == 0)
        rc = sign_data(ctx, key, in, &sig, &siglen, err);
    free(path);
    path = fs_join(p->dir, "SHA256SUMS.asc");
    if (rc == 0)
        rc = fs_write_atomic(path, sig, siglen, err);
    gpgme_data_release(in);
    gpgme_release(ctx);
    free(sig);
    free(data);
    free(path);
    return rc;
}
