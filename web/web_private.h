/*
 * web_private.h - private to web/: the HTML writer (every string from a
 * document goes through html_text or html_attr, which escape it), the page
 * frame, query highlighting, and the handler of each page.
 */
#ifndef DOKAZ_WEB_PRIVATE_H
#define DOKAZ_WEB_PRIVATE_H

#include "web/web.h"
#include "index/index.h"
#include "report/report.h"
#include "persons/persons.h"

#include <glib.h>
#include <json-c/json.h>

#define WEB_PAGE_SIZE 20   /* hits per result page */
#define WEB_MAX_QUERY 1000 /* bytes of a query we accept */

/* html_text - append s with & < > " ' escaped (NULL appends nothing) */
void html_text(GString *b, const char *s);

/* html_textn - html_text of the first n bytes of s */
void html_textn(GString *b, const char *s, size_t n);

/* html_wrap - append open (trusted markup), s escaped, close (trusted markup) */
void html_wrap(GString *b, const char *open, const char *s, const char *close);

/* html_url - append s percent-encoded for a URL query value or path segment */
void html_url(GString *b, const char *s);

/* html_snippet - append a search snippet (index_hit's plain text and marks):
 * the text escaped, each mark in <b>...</b>, no other markup */
void html_snippet(GString *b, const char *text, const index_span *marks, size_t nmarks);

/* html_chain - the containers an item came out of (report_parents_load), outermost
 * first: "bundle.zip › outer/inner.zip › inner/letter.txt", each container linked */
void html_chain(GString *b, const report_parents *parents);

/* html_begin - the page's head, navigation and an opening <main> */
GString *html_begin(const char *title, const char *active);

/* html_finish - close the page and turn it into a 200 text/html response */
void html_finish(GString *b, web_response *resp);

/* web_error - an error page (or {"error": …} when json) with this status */
void web_error(web_response *resp, int status, int json, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* web_json - a JSON response (the object is put) */
void web_json(web_response *resp, json_object *o);

/* web_param_get - the first value of a parameter, or NULL */
const char *web_param_get(const web_request *req, const char *name);

/* web_param_int - a whole-number parameter within [min, max]; `fallback` when
 * absent; -1 (after filling resp with a 400) when malformed */
int web_param_int(const web_request *req, const char *name, long min, long max, long fallback,
                  long *out, web_response *resp, int json);

/* Query highlighting: the words of a query, matched in page text as written
 * and by a shared stem (a common prefix), as the index matches Russian forms. */
typedef struct highlighter highlighter;

/* highlighter_new - from a search query (NULL or "" highlights nothing) */
highlighter *highlighter_new(const char *query);

/* highlighter_free - NULL is fine */
void highlighter_free(highlighter *h);

/* highlight_html - append text escaped, matching words in <mark>; returns the
 * number of matches */
int highlight_html(const highlighter *h, GString *b, const char *text);

/* facts_html - <p class="facts"> with what a page says (type, case numbers,
 * articles, court, date, language) as the worker derived it: the record
 * page's "derived" (derive/derive.h); nothing if it is NULL, damaged or
 * says nothing */
void facts_html(GString *b, json_object *derived);

/* The gate: accounts, sessions, the log-in limiter and batch slots of a
 * running server (gate.c). Thread-safe; made and freed by web_serve. */
typedef struct web_gate web_gate;

/* What the transport knows of the caller, beside the request itself. */
typedef struct {
    const char *cookie; /* the session cookie's value, or NULL */
    const char *bearer; /* the Authorization: Bearer token, or NULL */
    const char *client; /* the peer's address, for the log-in limiter */
} web_caller;

#define WEB_SESSION_COOKIE "dokaz_session"

/* gate_new - for the server of cfg (which outlives it) */
web_gate *gate_new(const web_config *cfg);

/* gate_free - NULL is fine */
void gate_free(web_gate *g);

/* gate_accounts - 1 if the users file holds a user (then everything but the
 * log-in page needs one), else 0 */
int gate_accounts(web_gate *g);

/* gate_identify - the enabled user of a live session or a valid token: 0 and
 * *user filled (with their collections: web_user_clear frees them), else -1 */
int gate_identify(web_gate *g, const char *cookie, const char *bearer, web_user *user);

/* gate_login - check a password: 0 with a new session's id (AUTH_ID_HEX + 1)
 * and *user filled; -1 when wrong; else the seconds the account or address
 * must wait after too many failures */
long gate_login(web_gate *g, const char *name, const char *password, const char *client,
                char *session_id, web_user *user);

/* gate_logout - end the session named by the cookie */
void gate_logout(web_gate *g, const char *cookie);

#define WEB_BATCHES_AT_ONCE 2 /* batch searches at work in the whole server */

/* gate_batch_begin - a slot for one batch search of the user: -1 when theirs
 * is already running */
int gate_batch_begin(web_gate *g, const char *user);

/* gate_batch_end - the batch is over */
void gate_batch_end(web_gate *g, const char *user);

/* Turns (turns.c): at most so many at work at once, let in first come,
 * first served. Thread-safe. */
typedef struct turns turns;

/* turns_new - at most `most` (at least 1) at once */
turns *turns_new(unsigned most);

/* turns_free - nobody may hold or wait for a turn; NULL is fine */
void turns_free(turns *t);

/* turn_take - wait until every earlier caller is in and a turn is free */
void turn_take(turns *t);

/* turn_give - give the turn taken back */
void turn_give(turns *t);

/* gate_turns - the server's turns for a batch search (a few at once) or for
 * any other request (web_config.threads at once) */
turns *gate_turns(web_gate *g, int batch);

/* Absolute deadlines per connection (deadline.c): what a connection waits
 * for, and since when; a sweep shuts those that waited too long. */
typedef enum {
    DEADLINE_HEADERS, /* a request's headers (and, at first, the TLS handshake) */
    DEADLINE_BODY,    /* the request's body, after its headers */
    DEADLINE_ANSWER,  /* our answer: no deadline (the idle time-out holds) */
    DEADLINE_CUT,     /* shut down already */
    DEADLINE_WAITS
} deadline_wait;

typedef struct deadlines deadlines;

/* deadlines_new - a table for n connections: headers within header_s
 * seconds, a body within body_s seconds of its headers */
deadlines *deadlines_new(size_t n, int header_s, int body_s);

/* deadlines_free - NULL is fine */
void deadlines_free(deadlines *d);

/* deadline_start - a connection on fd starts waiting for headers; its
 * handle (lent, until deadline_end), or NULL when the table is full */
void *deadline_start(deadlines *d, int fd);

/* deadline_end - the connection closes (call before its fd is closed) */
void deadline_end(deadlines *d, void *handle);

/* deadline_phase - the connection now waits for `phase` (a NULL handle is fine) */
void deadline_phase(deadlines *d, void *handle, deadline_wait phase);

/* deadline_sweep - shutdown() every connection past its deadline; how many */
int deadline_sweep(deadlines *d);

/* guard_host - 1 if the Host header's value names this server (see guard.c) */
int guard_host(const char *listen_host, const char *server_name, const char *host);

/* guard_same_origin - 1 unless a browser says the request comes from elsewhere */
int guard_same_origin(int tls, const char *host, const char *origin, const char *fetch_site);

/* guard_loopback - 1 if the address (no port, no brackets) is loopback */
int guard_loopback(const char *host);

/* web_dispatch - web_handle behind the gate: NULL gate (or one without
 * accounts) answers everyone as the operator */
void web_dispatch(const web_config *cfg, web_gate *gate, const web_caller *caller,
                  const web_request *req, web_response *resp);

/* web_redirect - a 303 to `location` */
void web_redirect(web_response *resp, const char *location);

/* access_record - the access log's line for a request answered with
 * `status`, if it showed something (access.c) */
void access_record(const web_config *cfg, const char *user, const char *client,
                   const web_request *req, int status);

/* access_html - a section listing who has looked at the item (for admins) */
void access_html(GString *b, const char *data_dir, const char *sha);

/* visible_receptions - for a user limited to `granted` (NULL: no limit),
 * keep only the item's receptions into those collections (visible.c) */
void visible_receptions(const char *data_dir, const char *const *granted, item_report *r);

/* visible_hits - for such a user, a hit whose name and path come from a
 * reception into another collection gets those of the user's first one,
 * and its chain is set to "" (no chain to show) */
void visible_hits(const char *data_dir, const char *const *granted, index_hit *hits, size_t n);

/* visible_facets - for such a user, the facets without "folder" */
void visible_facets(const char *const *granted, index_results *r);

/* The persons list's filters, order and page, as a request gives them
 * (persons_select.c); the strings are the request's. */
typedef struct {
    const char *role;  /* a role or PERSONS_OFFICIAL; NULL: any */
    const char *court; /* as persons_filter's; NULL: any */
    char article[32];  /* "342"; "": any */
    int part;          /* the article's part; 0: any */
    long year;         /* of a document's date; 0: any */
    const char *sort;  /* documents, name, cases or last (static) */
    int ascending;
    long page, size; /* from 1; size at most 500 */
} persons_query;

/* persons_query_read - the request's role, court, article, year, sort,
 * order, page and size; -1 with a 400 in resp when one is not valid */
int persons_query_read(const web_request *req, persons_query *q, web_response *resp, int json);

/* persons_select - the page of the persons of t that fit q (persons_rows),
 * each with the date of its last document:
 * {"persons":[...,"last"],"total","page","size"} (a new object:
 * json_object_put it); NULL with a 400 in resp when persons/ finds the
 * filter names no court */
json_object *persons_select(const persons *t, const persons_query *q, web_response *resp, int json);

/* The most mentions a page link marks (mention_marks.c). */
#define MENTION_MARKS_MAX 64

/* mention_marks_parse - ?mark=PAGE.POSITION,... ("3.12,3.40": the person's
 * mentions starting at word 12 and 40 of page 3) as a new GArray of
 * unsigned pairs (g_array_free it); NULL when it is not that form or names
 * more than MENTION_MARKS_MAX */
GArray *mention_marks_parse(const char *text);

/* mention_marks_html - append the text of page `page` escaped, the words of
 * the mentions in marks that are on it (as its derived names give them) in
 * <mark class="mention">; returns the number of marks */
int mention_marks_html(GString *b, const char *text, json_object *derived, int page,
                       const GArray *marks);

/* persons_html - the document page's section of the persons the document
 * sha names, with their roles in it, linked to their dossiers (item_persons.c) */
void persons_html(GString *b, const web_config *cfg, const web_request *req, const char *sha);

/* persons_take - the persons of data_dir of the collections granted
 * (NULL: all), the table kept from an earlier request when what it is built
 * from has not changed since, else built anew (persons_cache.c; once builds
 * are slow, in the background, the kept one given meanwhile); other
 * requests wait for it until persons_give_back. NULL with *err (nothing to
 * give back) when it cannot be built */
const persons *persons_take(const char *data_dir, const char *const *granted, char **err);

/* persons_give_back - done with the table persons_take gave (NULL is fine) */
void persons_give_back(const persons *t);

/* persons_cache_timing - how long a build must have taken for the next to
 * be done in the background, and how long requests wait for that (the
 * defaults, 3 s and 2 s, when negative), once a build running has ended;
 * for tests */
void persons_cache_timing(gint64 slow_us, gint64 wait_us);

/* persons_build_for - persons_take of the data directory, as the user may
 * see it (of their collections; persons_give_back it), or NULL with the
 * error in resp (page_persons.c) */
const persons *persons_build_for(const web_config *cfg, const web_request *req, web_response *resp,
                                 int json);

/* Pages: each fills resp. */
/* custody_html - the item's chain of custody section (custody_events), as
 * much of it as a user limited to `granted` may see (visible_custody) */
void custody_html(GString *b, const char *data_dir, const char *sha256, const char *const *granted,
                  const item_report *r);

/* visible_custody - custody_events of the item (put it), without the events
 * a user limited to `granted` may not see: a reception whose path is none of
 * r's (already limited by visible_receptions), a requeue naming another
 * collection. NULL with *err when the audit log cannot be read. */
json_object *visible_custody(const char *data_dir, const char *sha256, const char *const *granted,
                             const item_report *r, char **err);

/* verified_html - the last verification section (custody_last_verified's
 * object, or NULL: never) */
void verified_html(GString *b, json_object *last);

void page_search(const web_config *cfg, const web_request *req, web_response *resp, int json);
void page_item(const web_config *cfg, const web_request *req, const char *sha, web_response *resp,
               int json);
void page_item_file(const web_config *cfg, const char *sha, const char *what, web_response *resp);
void page_image(const web_config *cfg, const char *sha, int page, web_response *resp);
void page_status(const web_config *cfg, const web_request *req, web_response *resp, int json);
void page_batch(const web_config *cfg, const web_request *req, web_response *resp, int json);
void page_asset(const char *name, web_response *resp);
void page_persons(const web_config *cfg, const web_request *req, web_response *resp, int json);
void page_person(const web_config *cfg, const web_request *req, const char *id, web_response *resp,
                 int json);
void page_admin(const web_config *cfg, const web_request *req, web_response *resp);
void page_login(const web_config *cfg, web_gate *gate, const web_caller *caller,
                const web_request *req, web_response *resp);

#endif
