/*
 * web.h - dokaz's web interface and JSON API: search, documents with their
 * page images, the queue's status and batch search, served over HTTP by
 * `dokaz serve` (libmicrohttpd). This is the whole public API of the web
 * subsystem.
 *
 * The web server only reads: it never writes the index (the service is its
 * one writer) nor the evidence store; its searches share a pool of open index
 * readers (index_pool), each caught up with the latest commit before use. Page images are rendered by a child process (`dokaz serve --render`)
 * under memory and CPU limits, so a hostile PDF or image can cost one picture,
 * never the server, and are cached under DATA/cache/web/.
 *
 * Request handling is separate from the HTTP transport (web_handle), so that
 * it can be tested without sockets.
 *
 * Accounts (auth/auth.h): once DATA/users.json holds a user, every page and
 * API call needs a session (the log-in page) or an API token, and a role
 * allows what it allows. Without users, the server answers its operator alone
 * and only on loopback. Beyond loopback it needs TLS and accounts.
 */
#ifndef DOKAZ_WEB_H
#define DOKAZ_WEB_H

#include "auth/auth.h"

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *data_dir;   /* absolute */
    const char *listen;     /* "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:8080" */
    const char *render_exe; /* the dokaz binary run as `dokaz serve --render`;
                               * NULL: page images are rendered in-process */
    int threads;            /* requests worked on at once (turns.c) */
    const char *tls_cert;   /* PEM files for HTTPS: both or neither */
    const char *tls_key;
    const char *server_name;    /* a DNS name the server is reached by (Host check), or NULL */
    long session_idle_s;        /* a session ends this long after its last use */
    double batch_time_s;        /* a batch search stops after this long; what is
                              * done is answered, marked truncated */
    const char *shard;          /* set per request for an item read from a shard's
                                 * files (data_dir is then its cache): its name */
    struct index_pool *readers; /* set by web_serve: the open index readers searches
                                 * share; NULL: each search opens its own */
} web_config;

/* web_default_config - 127.0.0.1:8080, two requests at work a processor,
 * 30-minute sessions, 30 seconds per batch search, no data directory yet */
void web_default_config(web_config *cfg);

/* web_serve - listen and answer until SIGINT or SIGTERM; fails (with *err) if
 * the address is malformed or cannot be bound, or is not loopback while TLS or
 * accounts are missing (web_check_exposure). Logs each request's errors. */
int web_serve(const web_config *cfg, char **err);

/* web_stop_signal - the signal that ended the last web_serve (SIGHUP: the
 * caller reloads), 0 if none did */
int web_stop_signal(void);

/* web_check_exposure - fails, saying what to do, when cfg->listen is not a
 * loopback address and TLS files or accounts (DATA/users.json) are missing */
int web_check_exposure(const web_config *cfg, char **err);

/* Who asks: a user logged in (session) or holding an API token. The handlers
 * get it with every request: what the role allows, the collections the user
 * may see (anything else answers 404, as if it did not exist), and who is
 * named in the access log. */
typedef struct {
    char name[AUTH_NAME_MAX + 1];
    auth_role role;
    char csrf[AUTH_ID_HEX + 1]; /* the session's CSRF token; "" for an API token */
    char **collections;         /* the collections granted (NULL-terminated, owned: freed with
                         * web_user_clear); NULL: every collection (an admin) */
} web_user;

/* web_user_clear - free the user's collections */
void web_user_clear(web_user *user);

/* web_user_collections - what a search of the asker is limited to: NULL (no
 * limit) for the operator and admins, else the user's collections */
const char *const *web_user_collections(const web_user *user);

/* One query-string or form parameter; a name may repeat. */
typedef struct {
    const char *name, *value;
} web_param;

typedef struct {
    const char *method;      /* "GET", "HEAD", "POST" */
    const char *path;        /* "/search", percent-decoded */
    const web_param *params; /* query string and form fields, in order */
    size_t nparams;
    const web_user *user; /* who asks; NULL: no accounts, the operator alone */
} web_request;

typedef struct {
    int status;       /* 200, 400, 404, 405, 500 */
    const char *type; /* Content-Type (static string) */
    char *body;       /* g_malloc'd, len bytes */
    size_t len;
    int fd; /* >= 0: send this open file (size bytes) instead of body */
    uint64_t size;
    char *filename; /* g_malloc'd: sent as a download with this name, else NULL */
    int immutable;  /* the answer never changes (named by content): cache it */
    char *location; /* g_malloc'd: a redirect's target, else NULL */
    char *cookie;   /* g_malloc'd: a Set-Cookie header, else NULL */
    int logout;     /* the browser should forget what it cached (Clear-Site-Data) */
} web_response;

/* web_handle - answer one request (never fails: errors become 400/404/500
 * pages, or JSON {"error"} under /api/). The caller frees with web_response_clear. */
void web_handle(const web_config *cfg, const web_request *req, web_response *resp);

/* web_response_clear - free what a response holds and close its file */
void web_response_clear(web_response *resp);

/* web_render_page - page `page` (1-based) of a stored image or PDF as a PNG
 * at screen resolution (g_malloc'd). Fails with a reason for other types,
 * missing pages and images too large to decode safely. */
int web_render_page(const char *data_dir, const char *sha256, int page, char **png, size_t *len,
                    char **err);

/* web_render_cached - render the page into DATA/cache/web/ab/<sha>/<page>.png
 * (what `dokaz serve --render SHA:PAGE` does, in a process of its own) */
int web_render_cached(const char *data_dir, const char *sha256, int page, char **err);

/* web_render_confined - web_render_cached in the sandbox (common/sandbox.h):
 * first confine the calling process for good, writing only into
 * DATA/cache/web; for `dokaz serve --render`'s own process, never the server's */
int web_render_confined(const char *data_dir, const char *sha256, int page, char **err);

/* web_page_cache_path - DATA/cache/web/ab/<sha>/<page>.png (g_malloc'd) */
char *web_page_cache_path(const char *data_dir, const char *sha256, int page);

#endif
