/*
 * auth.h - accounts, API tokens, sessions, CSRF tokens and the log-in rate
 * limiter of a team's dokaz. This is the whole public API of the auth
 * subsystem.
 *
 * The accounts live in one file, DATA/users.json, readable by the service's
 * owner only (0600) and replaced atomically on every change: users with their
 * role and Argon2id password hash (libsodium's crypto_pwhash_str), and API
 * tokens, of which only a hash is kept (a token is shown once, when made).
 * Sessions live in the memory of `dokaz serve` and in DATA/sessions.json
 * (0600, a hash of each id only), so that a restart logs nobody out; the rate
 * limiter lives in memory only: a restart forgets failed attempts.
 *
 * The access log, DATA/access.log (0600), records who saw what: every
 * search, document, page image, download, batch search and export made
 * through the web interface or the API, hash-chained (common/chain.h) like
 * the audit log, so that a line removed or changed is found.
 *
 * Strings in an auth_db are malloc'd and owned by the db (auth_db_clear frees
 * them all); every function that returns a string says who frees it.
 */
#ifndef DOKAZ_AUTH_H
#define DOKAZ_AUTH_H

#include <stddef.h>

#define AUTH_USERS_FILE "users.json" /* in the data directory */
#define AUTH_NAME_MAX 64             /* bytes of a user name */
#define AUTH_ID_HEX 64               /* a session id or CSRF token: 256 random bits in hex */

/* What a user may do; each role may do what the ones before it may. */
typedef enum {
    AUTH_READER = 1,   /* search, read page texts and images */
    AUTH_INVESTIGATOR, /* also originals, searchable PDFs, batch search, exports */
    AUTH_ADMIN,        /* also manage users and tokens */
} auth_role;

typedef struct {
    char *name;
    auth_role role;
    int disabled;       /* cannot log in; its tokens and sessions stop working */
    char *password;     /* crypto_pwhash_str's string; "" when none was set */
    char **collections; /* the collections granted (kept, for later), NULL-terminated */
} auth_user;

typedef struct {
    char *id;   /* 16 hex digits, shown by `dokaz token add`: names it for revoking */
    char *user; /* whose rights it carries */
    char *hash; /* BLAKE2b-256 of the token, hex: the token itself is never stored */
    long long created, expires; /* Unix seconds; expires 0: never */
} auth_token;

typedef struct {
    auth_user *users;
    size_t nusers;
    auth_token *tokens;
    size_t ntokens;
} auth_db;

/* auth_role_name - "reader", "investigator", "admin" */
const char *auth_role_name(auth_role role);

/* auth_role_parse - the role named by `name`; -1 if none is */
int auth_role_parse(const char *name, auth_role *role);

/* auth_name_valid - 1 if `name` can be a user name: 1..AUTH_NAME_MAX bytes of
 * letters, digits, '.', '_', '-', '@' */
int auth_name_valid(const char *name);

/* auth_db_path - DATA/users.json (malloc'd) */
char *auth_db_path(const char *data_dir);

/* auth_db_load - read the users file; a missing file is an empty db. Fails on
 * a damaged file, and on one that others than its owner may read. */
int auth_db_load(const char *path, auth_db *db, char **err);

/* auth_db_save - write the users file atomically with mode 0600 */
int auth_db_save(const char *path, const auth_db *db, char **err);

/* auth_db_lock - take the users file's lock (DATA/users.json.lock, flock) for
 * a load-change-save; returns what auth_db_unlock takes, -1 on failure */
int auth_db_lock(const char *path, char **err);

/* auth_db_unlock - release the lock */
void auth_db_unlock(int lock);

/* auth_db_clear - free everything the db holds; it is empty again */
void auth_db_clear(auth_db *db);

/* auth_db_user - the user named `name` (lent), or NULL */
auth_user *auth_db_user(const auth_db *db, const char *name);

/* auth_db_add_user - a new user; fails if the name is taken or malformed.
 * `password` may be NULL (no log-in until one is set). */
int auth_db_add_user(auth_db *db, const char *name, auth_role role, const char *password,
                     char **err);

/* auth_db_check_password - the enabled user `name` if `password` is theirs,
 * else NULL; takes as long for an unknown name as for a known one */
const auth_user *auth_db_check_password(const auth_db *db, const char *name, const char *password);

/* auth_password_hash - Argon2id hash of a password (malloc'd into *hash) */
int auth_password_hash(const char *password, char **hash, char **err);

/* auth_password_check - 1 if `password` matches `hash`, else 0; with no hash
 * (NULL or "") 0, after as long as a real check takes */
int auth_password_check(const char *hash, const char *password);

/* auth_random_hex - `bytes` random bytes as 2 * bytes hex digits into out
 * (which holds 2 * bytes + 1) */
void auth_random_hex(char *out, size_t bytes);

/* auth_db_add_token - a new token for the enabled user `user`, valid `days`
 * days from `now` (0: forever); the token itself into *token (malloc'd, to be
 * shown once), its hash and id into the db */
int auth_db_add_token(auth_db *db, const char *user, long days, long long now, char **token,
                      char **err);

/* auth_db_revoke_token - remove the token with this id; fails if there is none */
int auth_db_revoke_token(auth_db *db, const char *id, char **err);

/* auth_db_check_token - the enabled user a valid, unexpired token belongs to
 * (lent), or NULL */
const auth_user *auth_db_check_token(const auth_db *db, const char *token, long long now);

/* auth_token_expiry - when the token expires, "2026-12-31T23:59:59Z" or
 * "never", into out (AUTH_TIME_TEXT bytes) */
#define AUTH_TIME_TEXT 32
void auth_token_expiry(const auth_token *t, char *out);

/* Sessions of the web interface: a random 256-bit id, the user, a CSRF token,
 * an idle and an absolute time-out. Thread-safe. */
typedef struct auth_sessions auth_sessions;

/* auth_sessions_new - ends a session idle_s seconds after its last use and
 * max_s seconds after its start */
auth_sessions *auth_sessions_new(long idle_s, long max_s);

/* auth_sessions_free - NULL is fine; a kept table is written a last time */
void auth_sessions_free(auth_sessions *s);

#define AUTH_SESSIONS_FILE "sessions.json" /* in the data directory */

/* auth_sessions_keep - keep the sessions in the file at path from now on:
 * those it holds that have not timed out at `now` are taken in, and each
 * change is written to it (mode 0600, atomically; a session's last use at
 * most once a minute). A damaged file, or one others may read, fails (*err)
 * and is replaced: the sessions start empty. */
int auth_sessions_keep(auth_sessions *s, const char *path, long long now, char **err);

/* auth_session_start - a new session for `user`; its id into id (AUTH_ID_HEX + 1) */
void auth_session_start(auth_sessions *s, const char *user, long long now, char *id);

/* auth_session_find - the session's user (AUTH_NAME_MAX + 1) and CSRF token
 * (AUTH_ID_HEX + 1) if it exists and has not timed out (then its idle clock
 * restarts); -1 otherwise (a timed-out session is ended) */
int auth_session_find(auth_sessions *s, const char *id, long long now, char *user, char *csrf);

/* auth_session_end - log out (an unknown id is fine) */
void auth_session_end(auth_sessions *s, const char *id);

/* auth_sessions_end_user - end every session of a user (disabled, password changed) */
void auth_sessions_end_user(auth_sessions *s, const char *user);

/* auth_csrf_check - 1 if `given` is the session's token (constant time), else 0 */
int auth_csrf_check(const char *expected, const char *given);

/* The log-in rate limiter: after `max_failures` failures within `window_s`
 * seconds, a key (an account, an address) waits until the window has passed.
 * Thread-safe; holds a bounded number of keys. */
typedef struct auth_limiter auth_limiter;

/* auth_limiter_new - the limits */
auth_limiter *auth_limiter_new(int max_failures, long window_s);

/* auth_limiter_free - NULL is fine */
void auth_limiter_free(auth_limiter *l);

/* auth_limiter_wait - seconds `key` must wait before trying again; 0: go on */
long auth_limiter_wait(auth_limiter *l, const char *key, long long now);

/* auth_limiter_fail - one failure of `key` */
void auth_limiter_fail(auth_limiter *l, const char *key, long long now);

/* auth_limiter_forget - the key succeeded: its failures are forgotten */
void auth_limiter_forget(auth_limiter *l, const char *key);

/* The access log. Actions are these words. */
#define AUTH_ACCESS_FILE "access.log" /* in the data directory */
#define AUTH_SEEN_SEARCH "search"     /* a search: query */
#define AUTH_SEEN_ITEM "item"         /* a document's page or JSON: item */
#define AUTH_SEEN_IMAGE "image"       /* a page image: item, page */
#define AUTH_SEEN_ORIGINAL "original" /* the original's download: item */
#define AUTH_SEEN_PDF "pdf"           /* the searchable PDF's download: item */
#define AUTH_SEEN_BATCH "batch"       /* a batch search: query (its lines) */
#define AUTH_SEEN_EXPORT "export"     /* a batch search exported as CSV: query */

/* One line of the access log: {"time","user","address","action","item",
 * "page","query","status","prev"} (absent strings are null). Strings are
 * lent: a read line's are valid during the auth_access_each callback only. */
typedef struct {
    const char *time;    /* UTC "2026-12-03T10:00:00.000Z"; ignored on append: now */
    const char *user;    /* who; "-" for the operator of a server without accounts */
    const char *address; /* the client's address */
    const char *action;  /* AUTH_SEEN_* */
    const char *item;    /* the item's SHA-256, or NULL */
    int page;            /* a page image's page, else 0 */
    const char *query;   /* the search or batch text, or NULL */
    int status;          /* the HTTP status answered (404: not there, or not theirs) */
} auth_access;

/* auth_access_append - add one line to DATA/access.log (created 0600) */
int auth_access_append(const char *data_dir, const auth_access *a, char **err);

/* auth_access_fn - called with each line in order; nonzero stops the walk */
typedef int (*auth_access_fn)(const auth_access *a, void *ctx);

/* auth_access_each - every line of the access log, oldest first; lines that
 * are not access records are skipped (auth_access_verify finds them) */
int auth_access_each(const char *data_dir, auth_access_fn fn, void *ctx, char **err);

/* auth_access_verify - check the log's chain; *lines gets how many lines */
int auth_access_verify(const char *data_dir, size_t *lines, char **err);

#endif
