/*
 * timestamp.c - anchoring the audit log in time, offline: an RFC 3161
 * time-stamp request over the log's head hash, the reply checked against it
 * and kept, and every kept token checked again (see custody.h).
 *
 * The head hash is the SHA-256 of the log's last line, so the request's
 * message imprint is that hash itself (algorithm SHA-256): a token stamps
 * the line, and through the chain everything before it. Kept in
 * DATA/timestamps/: <head>.tsq (the request, with its nonce), <head>.tsr
 * (the reply) and <head>.ca.pem (the CA it was checked with, if any).
 * OpenSSL's TS functions (libcrypto) do the work. A token's signature is
 * always checked: up to the CA given, or else against the certificates the
 * token carries, which shows it was not changed since it was signed but not
 * who signed it.
 *
 * Functions: custody_ts_request, custody_ts_import, ts_check.
 */
#include "custody_private.h"
#include "ingest/audit.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/hex.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509_vfy.h>
#include <stdlib.h>
#include <string.h>

static const char ts_folder[] = "timestamps";

/* ssl_fail - what OpenSSL says went wrong, after `what` */
static int ssl_fail(char **err, const char *what)
{
    unsigned long e = ERR_get_error();
    char buf[256] = "";
    if (e != 0)
        ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return dk_fail(err, "%s%s%s", what, e ? ": " : "", buf);
}

/* ts_path - DATA/timestamps/<head><suffix> (malloc'd) */
static char *ts_path(const char *data_dir, const char *head, const char *suffix)
{
    return xasprintf("%s/%s/%s%s", data_dir, ts_folder, head, suffix);
}

/* hex_to_bytes - 64 hex digits into 32 bytes */
static int hex_to_bytes(const char *hex, unsigned char out[32])
{
    for (size_t i = 0; i < 32; i++) {
        int hi = g_ascii_xdigit_value(hex[2 * i]), lo = g_ascii_xdigit_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

/* build_request - a TS_REQ for the digest, with a random nonce, asking for the certificate */
static TS_REQ *build_request(const unsigned char digest[32])
{
    TS_REQ *req = TS_REQ_new();
    TS_MSG_IMPRINT *mi = TS_MSG_IMPRINT_new();
    X509_ALGOR *alg = X509_ALGOR_new();
    BIGNUM *bn = BN_new();
    ASN1_INTEGER *nonce = NULL;
    int ok = req && mi && alg && bn && TS_REQ_set_version(req, 1) &&
             X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) &&
             TS_MSG_IMPRINT_set_algo(mi, alg) &&
             TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)digest, 32) &&
             TS_REQ_set_msg_imprint(req, mi) &&
             BN_rand(bn, 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) &&
             (nonce = BN_to_ASN1_INTEGER(bn, NULL)) != NULL && TS_REQ_set_nonce(req, nonce) &&
             TS_REQ_set_cert_req(req, 1);
    ASN1_INTEGER_free(nonce);
    BN_free(bn);
    X509_ALGOR_free(alg);
    TS_MSG_IMPRINT_free(mi);
    if (!ok) {
        TS_REQ_free(req);
        return NULL;
    }
    return req;
}

/* write_der - i2d into a file */
static int write_der(const char *path, unsigned char *der, int len, char **err)
{
    if (len <= 0)
        return ssl_fail(err, "cannot encode the time-stamp request");
    return fs_write_atomic(path, der, (size_t)len, err);
}

/* custody_ts_request - the request over the current head, kept and written to out */
int custody_ts_request(const char *data_dir, const char *out, char head[65], char **err)
{
    unsigned char digest[32];
    if (audit_head(data_dir, head, err) != 0)
        return -1;
    if (hex_to_bytes(head, digest) != 0)
        return dk_fail(err, "the audit log's head is not a hash");
    TS_REQ *req = build_request(digest);
    if (req == NULL)
        return ssl_fail(err, "cannot make a time-stamp request");
    unsigned char *der = NULL;
    int len = i2d_TS_REQ(req, &der);
    TS_REQ_free(req);
    char *dir = fs_join(data_dir, ts_folder), *kept = ts_path(data_dir, head, ".tsq");
    int rc = fs_mkdirs(dir, 0755, err);
    if (rc == 0)
        rc = write_der(kept, der, len, err);
    if (rc == 0)
        rc = write_der(out, der, len, err);
    OPENSSL_free(der);
    free(kept);
    free(dir);
    return rc;
}

/* read_der - a whole DER file (malloc'd) */
static unsigned char *read_der(const char *path, long *len, char **err)
{
    char *data = NULL;
    size_t n = 0;
    if (fs_read_all(path, &data, &n, err) != 0)
        return NULL;
    *len = (long)n;
    return (unsigned char *)data;
}

/* reply_head - the head a reply stamps: its imprint in hex; -1 when it holds no token */
static int reply_head(TS_RESP *resp, char head[65], char **err)
{
    TS_TST_INFO *tst = TS_RESP_get_tst_info(resp);
    if (tst == NULL)
        return dk_fail(err, "the reply holds no time-stamp token (the authority refused it)");
    ASN1_OCTET_STRING *msg = TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(tst));
    if (ASN1_STRING_length(msg) != 32)
        return dk_fail(err, "the token does not stamp a SHA-256 hash");
    hex_encode(ASN1_STRING_get0_data(msg), SHA256_BYTES, head);
    return 0;
}

/* load_reply - parse a .tsr */
static TS_RESP *load_reply(const char *path, char **err)
{
    long len = 0;
    unsigned char *der = read_der(path, &len, err);
    if (der == NULL)
        return NULL;
    const unsigned char *p = der;
    TS_RESP *resp = d2i_TS_RESP(NULL, &p, len);
    free(der);
    if (resp == NULL)
        ssl_fail(err, "not a time-stamp reply");
    return resp;
}

/* ca_store - the CA certificates of the PEM file `ca`, trusted */
static X509_STORE *ca_store(const char *ca, char **err)
{
    X509_STORE *store = X509_STORE_new();
    if (store == NULL || X509_STORE_load_file(store, ca) != 1) {
        X509_STORE_free(store);
        ssl_fail(err, "cannot load the CA certificates");
        return NULL;
    }
    return store;
}

/* carried_store - the certificates the token carries, each trusted as it is
 * (a partial chain): the signature is checked with the signer's certificate
 * and its time-stamping use, but nothing says who the signer is */
static X509_STORE *carried_store(TS_RESP *resp, char **err)
{
    PKCS7 *token = TS_RESP_get_token(resp);
    STACK_OF(X509) *certs = token && PKCS7_type_is_signed(token) ? token->d.sign->cert : NULL;
    if (sk_X509_num(certs) <= 0) {
        dk_fail(err, "the token carries no certificate to check its signature with: "
                     "give the authority's CA with --ca");
        return NULL;
    }
    X509_STORE *store = X509_STORE_new();
    int ok = store != NULL && X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN) == 1;
    for (int i = 0; ok && i < sk_X509_num(certs); i++)
        ok = X509_STORE_add_cert(store, sk_X509_value(certs, i)) == 1;
    if (!ok) {
        X509_STORE_free(store);
        ssl_fail(err, "cannot read the token's certificates");
        return NULL;
    }
    return store;
}

/* check_reply - the reply against the kept request (imprint, nonce, version)
 * and its signature: with a CA file, up to that CA; without, against the
 * certificates it carries */
static int check_reply(const char *data_dir, const char *head, TS_RESP *resp, const char *ca,
                       char **err)
{
    char *tsq = ts_path(data_dir, head, ".tsq");
    long len = 0;
    unsigned char *der = read_der(tsq, &len, err);
    free(tsq);
    if (der == NULL)
        return dk_fail(err, "no request of this data directory stamps %.16s…", head);
    const unsigned char *p = der;
    TS_REQ *req = d2i_TS_REQ(NULL, &p, len);
    free(der);
    TS_VERIFY_CTX *ctx = req ? TS_REQ_to_TS_VERIFY_CTX(req, NULL) : NULL;
    int rc = ctx ? 0 : ssl_fail(err, "cannot read the kept request");
    X509_STORE *store = NULL;
    if (rc == 0 && (store = ca ? ca_store(ca, err) : carried_store(resp, err)) == NULL)
        rc = -1;
    if (rc == 0) { /* the context takes the store */
        TS_VERIFY_CTX_set_store(ctx, store);
        TS_VERIFY_CTX_add_flags(ctx, TS_VFY_SIGNATURE);
    }
    if (rc == 0 && TS_RESP_verify_response(ctx, resp) != 1)
        rc = ssl_fail(err, "the reply does not match the request or its signature is not valid");
    TS_VERIFY_CTX_free(ctx);
    TS_REQ_free(req);
    return rc;
}

/* copy_file - whole-file copy */
static int copy_file(const char *from, const char *to, char **err)
{
    char *data = NULL;
    size_t len = 0;
    int rc = fs_read_all(from, &data, &len, err);
    if (rc == 0)
        rc = fs_write_atomic(to, data, len, err);
    free(data);
    return rc;
}

/* custody_ts_import - check, keep (with the CA), record */
int custody_ts_import(const char *data_dir, const char *tsr, const char *ca, char head[65],
                      char **err)
{
    TS_RESP *resp = load_reply(tsr, err);
    if (resp == NULL)
        return -1;
    int rc = reply_head(resp, head, err);
    if (rc == 0)
        rc = check_reply(data_dir, head, resp, ca, err);
    TS_RESP_free(resp);
    char *kept = ts_path(data_dir, head, ".tsr"), *kept_ca = ts_path(data_dir, head, ".ca.pem");
    if (rc == 0)
        rc = copy_file(tsr, kept, err);
    if (rc == 0 && ca != NULL)
        rc = copy_file(ca, kept_ca, err);
    char hex[65];
    if (rc == 0)
        rc = filehash_sha256(kept, hex, NULL, NULL, NULL, err);
    if (rc == 0) {
        audit_event ev = {.kind = AUDIT_TIMESTAMPED,
                          .path = kept,
                          .head = head,
                          .record_sha256 = hex};
        rc = audit_append_event(data_dir, &ev, err);
    }
    free(kept);
    free(kept_ca);
    return rc;
}

/* ts_check - a kept token again: parse, match its request, its CA if kept */
int ts_check(const char *data_dir, const char *tsr, char head[65], char **err)
{
    TS_RESP *resp = load_reply(tsr, err);
    if (resp == NULL)
        return -1;
    int rc = reply_head(resp, head, err);
    if (rc == 0) {
        char *ca = ts_path(data_dir, head, ".ca.pem");
        rc = check_reply(data_dir, head, resp, fs_exists(ca) ? ca : NULL, err);
        free(ca);
    }
    TS_RESP_free(resp);
    return rc;
}
