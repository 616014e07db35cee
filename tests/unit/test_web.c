/*
 * test_web.c - the web interface without sockets: HTML escaping, snippet
 * sanitising, match highlighting, and whole requests through web_handle on a
 * temporary data directory (search, document page, API, hostile documents,
 * bad requests, unknown items); the guards every request passes first (Host,
 * same origin) and the refusal to listen beyond loopback without TLS and
 * accounts.
 */
#include "web/web.h"
#include "web/web_private.h"
#include "index/index.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "testutil.h"
#include "derived.h"

#include <check.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_Q "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define SHA_D "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define SHA_E "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
#define EVIL_NAME "<img src=x onerror=alert(1)>.txt"
#define EVIL_TEXT "свидетель Петров <script>window.pwned=1</script> & \"quotes\" 'single'"

static char *data_dir;

/* add_record - the records of one processed item, as the worker leaves them */
static void add_record(const char *sha, const char *name, const char *text)
{
    char *path = g_strdup_printf("/inbox/%s", name);
    item_reception r = {.path = path, .name = name, .size = strlen(text)};
    ck_assert_int_eq(item_reception_add(data_dir, sha, &r, NULL), 0);
    item_result *result = item_result_new(sha);
    item_page page = {.number = 1,
                      .text = (char *)text,
                      .source = ITEM_SOURCE_PLAIN,
                      .confidence = -1,
                      .derived = tu_derived_json(text)};
    item_result_add_page(result, &page);
    item_result_set_outcome(result, "text/plain", ITEM_DONE, NULL);
    ck_assert_int_eq(item_result_save(data_dir, result, NULL), 0);
    item_result_free(result);
    g_free(path);
}

/* add_item - records and index pages for one item, as the service would leave them */
static void add_item(index_writer *w, const char *sha, const char *name, const char *text)
{
    char *path = g_strdup_printf("/inbox/%s", name);
    add_record(sha, name, text);
    index_item item = {.sha256 = sha,
                       .name = name,
                       .path = path,
                       .mime = "text/plain",
                       .status = "done"};
    ck_assert_int_eq(tu_index_page(w, &item, 1, text, NULL), 0);
    g_free(path);
}

/* setup - a data directory with a verdict and a hostile document */
static void setup(void)
{
    data_dir = tu_tempdir("web");
    ck_assert_int_eq(queue_init(data_dir, NULL), 0);
    char *index_dir = tu_path(data_dir, "index");
    index_writer *w = index_writer_open(index_dir, NULL);
    ck_assert_ptr_nonnull(w);
    add_item(w, SHA_A, "verdict.txt",
             "ПРИГОВОР по делу № 1-234/2024. Иванов Сергей осуждён "
             "по ч. 1 ст. 342 УК.\nИванова признать виновным.");
    add_item(w, SHA_E, EVIL_NAME, EVIL_TEXT);
    ck_assert_int_eq(index_commit(w, NULL), 0);
    index_writer_close(w);
    item_reception queued = {.path = "/inbox/waiting.pdf", .name = "waiting.pdf", .size = 1};
    ck_assert_int_eq(item_reception_add(data_dir, SHA_Q, &queued, NULL), 0);
    free(index_dir);
}

/* teardown - remove the directory */
static void teardown(void)
{
    tu_rmtree(data_dir);
    free(data_dir);
}

/* request_with - method on path with n parameters; body NUL-terminated */
static web_response request_with(const char *method, const char *path, web_param *params, size_t n)
{
    web_config cfg;
    web_default_config(&cfg);
    cfg.data_dir = data_dir;
    web_request req = {.method = method, .path = path, .params = params, .nparams = n};
    web_response resp;
    web_handle(&cfg, &req, &resp);
    if (resp.body) {
        resp.body = g_realloc(resp.body, resp.len + 1);
        resp.body[resp.len] = '\0';
    }
    return resp;
}

/* request - method on path with up to two name/value parameters */
static web_response request(const char *method, const char *path, const char *n1, const char *v1,
                            const char *n2, const char *v2)
{
    web_param params[2] = {{n1, v1}, {n2, v2}};
    return request_with(method, path, params, n2 ? 2 : n1 ? 1 : 0);
}

START_TEST(text_is_escaped)
{
    GString *b = g_string_new(NULL);
    html_text(b, "<script>alert('x')</script> & \"q\"");
    ck_assert_str_eq(b->str, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    g_string_truncate(b, 0);
    html_text(b, "Сяргей Іваноў\x1b[31m");
    ck_assert_str_eq(b->str, "Сяргей Іваноў [31m");
    g_string_truncate(b, 0);
    html_url(b, "a b&c=д/\"");
    ck_assert_str_eq(b->str, "a%20b%26c%3D%D0%B4%2F%22");
    g_string_free(b, TRUE);
}
END_TEST

START_TEST(snippet_passes_only_bold)
{
    GString *b = g_string_new(NULL);
    const char *text = "Иванов <script> & <i>x</i> <script>y</script> &foo; \"";
    index_span mark = {0, strlen("Иванов")};
    html_snippet(b, text, &mark, 1);
    ck_assert_str_eq(b->str, "<b>Иванов</b> &lt;script&gt; &amp; &lt;i&gt;x&lt;/i&gt; "
                             "&lt;script&gt;y&lt;/script&gt; &amp;foo; &quot;");
    g_string_free(b, TRUE);
}
END_TEST

START_TEST(chain_links_each_container)
{
    report_parent links[] = {{SHA_E, "inner.zip", "in/<a>.txt"},
                             {SHA_A, "bundle.zip", "x/inner.zip"}};
    report_parents parents = {links, 2};
    GString *b = g_string_new(NULL);
    html_chain(b, &parents);
    ck_assert_str_eq(b->str, "<a href=\"/item/" SHA_A "\">bundle.zip</a> › <a href=\"/item/" SHA_E
                             "\">x/inner.zip</a> › <span class=\"member\">in/&lt;a&gt;.txt"
                             "</span>");
    g_string_free(b, TRUE);
}
END_TEST

START_TEST(highlight_marks_forms_not_excluded)
{
    highlighter *h = highlighter_new("Иванов -Петров file:x.txt приго*");
    GString *b = g_string_new(NULL);
    int n = highlight_html(h, b, "Иванову, ИВАНОВ и Петров: приговор <b>");
    ck_assert_int_eq(n, 3);
    ck_assert_str_eq(b->str, "<mark>Иванову</mark>, <mark>ИВАНОВ</mark> и Петров: "
                             "<mark>приговор</mark> &lt;b&gt;");
    highlighter_free(h);
    h = highlighter_new("Іваноў");
    g_string_truncate(b, 0);
    ck_assert_int_eq(highlight_html(h, b, "Іванова Іван"), 1);
    ck_assert_str_eq(b->str, "<mark>Іванова</mark> Іван");
    highlighter_free(h);
    h = highlighter_new("Siarhei Ivanou");
    g_string_truncate(b, 0);
    ck_assert_int_eq(highlight_html(h, b, "дело Иванова Сергея, иванова"), 2);
    ck_assert_str_eq(b->str, "дело <mark>Иванова</mark> <mark>Сергея</mark>, иванова");
    highlighter_free(h);
    g_string_free(b, TRUE);
}
END_TEST

START_TEST(search_page_shows_hits)
{
    web_response r = request("GET", "/search", "q", "Иванов", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.type, "text/html; charset=utf-8");
    ck_assert_ptr_nonnull(strstr(r.body, "verdict.txt"));
    ck_assert_ptr_nonnull(strstr(r.body, "<b>Иванов</b>"));
    ck_assert_ptr_nonnull(strstr(r.body, "/item/" SHA_A "?q="));
    ck_assert_ptr_nonnull(strstr(r.body, "<span class=\"case\">case 1-234/2024</span>"));
    ck_assert_ptr_nonnull(strstr(r.body, "<span class=\"article\">art. 342</span>"));
    ck_assert_ptr_nonnull(strstr(r.body, "<span class=\"doctype\">verdict</span>"));
    ck_assert_ptr_nonnull(strstr(r.body, "data-facet=\"type\""));
    ck_assert_ptr_nonnull(
        strstr(r.body, "&amp;type=verdict\">verdict</a><span class=\"n\">1</span>"));
    web_response_clear(&r);
    r = request("GET", "/search", "q", "Иванов", "type", "summons");
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "id=\"total\">0 documents"));
    ck_assert_ptr_nonnull(strstr(r.body, "<span class=\"filter\">type <b>summons</b>"));
    web_response_clear(&r);
    r = request("GET", "/search", "q", "Иванов", "sort", "sideways");
    ck_assert_int_eq(r.status, 400);
    web_response_clear(&r);
}
END_TEST

START_TEST(hostile_document_is_escaped)
{
    web_response r = request("GET", "/search", "q", "свидетель", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.body, "<script>window"));
    ck_assert_ptr_null(strstr(r.body, "<img src=x"));
    ck_assert_ptr_nonnull(strstr(r.body, "&lt;img src=x onerror=alert(1)&gt;.txt"));
    web_response_clear(&r);
    r = request("GET", "/item/" SHA_E, "q", "свидетель", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_null(strstr(r.body, "<script>window"));
    ck_assert_ptr_nonnull(strstr(r.body, "&lt;script&gt;window.pwned=1&lt;/script&gt;"));
    ck_assert_ptr_nonnull(strstr(r.body, "<mark>свидетель</mark>"));
    web_response_clear(&r);
}
END_TEST

START_TEST(api_has_cli_shapes)
{
    web_response r = request("GET", "/api/search", "q", "приговор", "facets", "1");
    ck_assert_int_eq(r.status, 200);
    json_object *o = json_tokener_parse(r.body), *hits = NULL, *v = NULL;
    ck_assert_ptr_nonnull(o);
    ck_assert(json_object_object_get_ex(o, "facets", &v));
    ck_assert(json_object_object_get_ex(o, "hits", &hits));
    ck_assert_int_eq(json_object_array_length(hits), 1);
    ck_assert(json_object_object_get_ex(json_object_array_get_idx(hits, 0), "sha256", &v));
    ck_assert_str_eq(json_object_get_string(v), SHA_A);
    json_object_put(o);
    web_response_clear(&r);
    r = request("GET", "/api/item/" SHA_A, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    o = json_tokener_parse(r.body);
    ck_assert(json_object_object_get_ex(o, "pages", &v));
    ck_assert(json_object_object_get_ex(o, "receptions", &v));
    ck_assert(json_object_object_get_ex(o, "parents", &v));
    json_object_put(o);
    web_response_clear(&r);
    r = request("GET", "/api/status", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    o = json_tokener_parse(r.body);
    ck_assert(json_object_object_get_ex(o, "failed_items", &v));
    json_object_put(o);
    web_response_clear(&r);
}
END_TEST

START_TEST(empty_data_directory_serves_every_page)
{
    /* a team starts the server before anything was received */
    char *full = data_dir;
    data_dir = tu_tempdir("web-empty");
    static const char *const paths[] = {"/",           "/status",      "/api/status",
                                        "/persons",    "/api/persons", "/search",
                                        "/api/search", "/batch"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        web_response r = request("GET", paths[i], "q", "Иванов", NULL, NULL);
        ck_assert_msg(r.status == 200, "%s: %d %s", paths[i], r.status, r.body);
        web_response_clear(&r);
    }
    web_response r = request("GET", "/status", NULL, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(strstr(r.body, "nothing received yet"));
    web_response_clear(&r);
    tu_rmtree(data_dir);
    free(data_dir);
    data_dir = full;
}
END_TEST

START_TEST(bad_requests_get_clear_errors)
{
    web_response r = request("GET", "/item/" SHA_A "0", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404);
    web_response_clear(&r);
    r = request("GET", "/item/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404);
    ck_assert_ptr_nonnull(strstr(r.body, "no document"));
    web_response_clear(&r);
    r = request("GET", "/api/item/../../etc/passwd", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404);
    ck_assert_ptr_nonnull(strstr(r.body, "\"error\""));
    web_response_clear(&r);
    r = request("GET", "/search", "q", "x", "page", "-3");
    ck_assert_int_eq(r.status, 400);
    web_response_clear(&r);
    r = request("GET", "/search", "q", "\xff\xfe", NULL, NULL);
    ck_assert_int_eq(r.status, 400);
    web_response_clear(&r);
    r = request("DELETE", "/search", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 405);
    web_response_clear(&r);
    r = request("GET", "/item/" SHA_A "/page/1.png", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404); /* text has no page images */
    web_response_clear(&r);
    r = request("GET", "/nowhere", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404);
    web_response_clear(&r);
}
END_TEST

START_TEST(item_page_shows_stored_facts)
{
    web_response r = request("GET", "/item/" SHA_A, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "<p class=\"facts\"><span class=\"doctype\">verdict"
                                         "</span><span class=\"case\">case 1-234/2024</span>"
                                         "<span class=\"article\">art. 342/1</span>"));
    web_response_clear(&r);
}
END_TEST

START_TEST(unprocessed_item_has_a_page)
{
    web_response r = request("GET", "/item/" SHA_Q, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "waiting.pdf"));
    ck_assert_ptr_nonnull(strstr(r.body, "0 pages"));
    web_response_clear(&r);
    r = request("GET", "/item/" SHA_Q "/page/1.png", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404);
    web_response_clear(&r);
}
END_TEST

/* done - the two processed items moved to queue/done, where persons/ reads */
static void done(void)
{
    const char *shas[] = {SHA_A, SHA_E};
    for (size_t i = 0; i < 2; i++) {
        int added = 0;
        ck_assert_int_eq(queue_enqueue(data_dir, shas[i], &added, NULL), 0);
        ck_assert_int_eq(queue_move(data_dir, shas[i], QUEUE_INCOMING, QUEUE_DONE, NULL), 0);
    }
}

START_TEST(persons_and_a_dossier)
{
    done();
    web_response r = request("GET", "/persons", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, ">Иванов Сергей, Иванова</a></td><td></td><td>accused</td>"
                                         "<td>1-234/2024</td><td>1</td>"));
    web_response_clear(&r);
    r = request("GET", "/persons", "role", "witness", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "<p>1 persons</p>"));
    ck_assert_ptr_null(strstr(r.body, "УК")); /* an abbreviation, no one */
    ck_assert_ptr_nonnull(strstr(r.body, ">Петров</a>"));
    web_response_clear(&r);
    r = request("GET", "/persons", "role", "<hero>", NULL, NULL);
    ck_assert_int_eq(r.status, 400);
    ck_assert_ptr_null(strstr(r.body, "<hero>"));
    web_response_clear(&r);
    r = request("GET", "/api/persons", "role", "accused", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    json_object *o = json_tokener_parse(r.body);
    json_object *p = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    char *path = g_strdup_printf("/person/%s",
                                 json_object_get_string(json_object_object_get(p, "id")));
    json_object_put(o);
    web_response_clear(&r);
    r = request("GET", path, NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "<h2>case 1-234/2024</h2>"));
    ck_assert_ptr_nonnull(
        strstr(r.body, "<a class=\"page-link\" href=\"/item/" SHA_A "?mark=1.4,1.11#p1\">1</a>"));
    web_response_clear(&r);
    g_free(path);
    r = request("GET", "/person/000000000000", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 404);
    web_response_clear(&r);
}
END_TEST

/* body_has - the response's status is 200 and its body holds s */
static void body_has(web_response *r, const char *s)
{
    ck_assert_int_eq(r->status, 200);
    ck_assert_msg(strstr(r->body, s) != NULL, "no %s in %s", s, r->body);
    web_response_clear(r);
}

/* get - GET path with the parameters "name", "value", ... NULL */
static web_response get(const char *path, ...)
{
    web_param params[8];
    size_t n = 0;
    va_list ap;
    va_start(ap, path);
    for (; n < 8; n++) {
        /* clang-analyzer 14 loses the va_start above on entering the loop
         * (valist.Uninitialized): a false positive */
        const char *name = va_arg(ap, const char *); // NOLINT(clang-analyzer-valist.Uninitialized)
        if (name == NULL)
            break;
        const char *value = va_arg(ap, const char *);
        params[n] = (web_param){name, value};
    }
    va_end(ap);
    return request_with("GET", path, params, n);
}

/* sidorov - a verdict of another court, year and article, processed */
static void sidorov(void)
{
    add_record(SHA_D, "sidorov.txt",
               "ПРИГОВОР Минского городского суда от 12 марта 2023 года по делу № 1-99/2023. "
               "Обвиняемый Сидоров Пётр Иванович осуждён по ч. 2 ст. 361-1 УК, уроженец г. "
               "Гомеля, проживающий по адресу: г. Минск, ул. Ленина, д. 5.");
    done();
    int added = 0;
    ck_assert_int_eq(queue_enqueue(data_dir, SHA_D, &added, NULL), 0);
    ck_assert_int_eq(queue_move(data_dir, SHA_D, QUEUE_INCOMING, QUEUE_DONE, NULL), 0);
}

START_TEST(persons_filtered_sorted_paged)
{
    sidorov();
    web_response r = get("/persons", "court", "минского ГОРОДСКОГО", NULL);
    ck_assert_ptr_null(strstr(r.body, ">Иванов Сергей"));
    body_has(&r, ">Сидоров Пётр Иванович</a></td><td></td><td>accused</td><td>1-99/2023</td>"
                 "<td>1</td><td>2023-03-12</td>");
    r = get("/persons", "article", "361-1/2", "role", "accused", "year", "2023", NULL);
    body_has(&r, "<p>1 persons</p>");
    r = get("/persons", "article", "342", NULL);
    ck_assert_ptr_null(strstr(r.body, "Сидоров"));
    body_has(&r, ">Иванов Сергей, Иванова</a>");
    r = get("/persons", "year", "1999", NULL);
    body_has(&r, "<p>0 persons</p>");
    r = get("/persons", "sort", "last", NULL); /* the one dated first, the undated after */
    ck_assert_ptr_nonnull(strstr(r.body, "Сидоров"));
    ck_assert(strstr(r.body, "Сидоров") < strstr(r.body, ">Иванов Сергей"));
    web_response_clear(&r);
    r = get("/persons", "sort", "name", "size", "1", "page", "2", NULL);
    ck_assert_ptr_nonnull(strstr(r.body, "<p>3 persons</p>"));
    ck_assert_ptr_nonnull(strstr(r.body, ">Петров</a>")); /* Иванов, Петров, Сидоров */
    ck_assert_ptr_null(strstr(r.body, "Сидоров"));
    body_has(&r, "page 2 of 3 <a rel=\"prev\" href=\"/persons?sort=name&amp;order=asc&amp;"
                 "page=1&amp;size=1\">");
    r = get("/api/persons", "sort", "documents", "order", "asc", "size", "2", NULL);
    json_object *o = json_tokener_parse(r.body);
    ck_assert_int_eq(json_object_get_int(json_object_object_get(o, "total")), 3);
    ck_assert_int_eq(json_object_array_length(json_object_object_get(o, "persons")), 2);
    json_object_put(o);
    web_response_clear(&r);
    const char *bad[][2] = {{"year", "20x3"}, {"size", "0"},         {"size", "501"},
                            {"page", "0"},    {"sort", "<b>"},       {"order", "up"},
                            {"article", "x"}, {"court", "\xff\xfe"}, {"role", "king"}};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        r = get("/persons", bad[i][0], bad[i][1], NULL);
        ck_assert_int_eq(r.status, 400);
        ck_assert_ptr_null(strstr(r.body, "<b>"));
        web_response_clear(&r);
    }
    r = get("/persons", "court", "<script>x</script>", NULL);
    ck_assert_ptr_null(strstr(r.body, "<script>x"));
    body_has(&r, "value=\"&lt;script&gt;x&lt;/script&gt;\"");
}
END_TEST

/* ids - the persons' ids of a list form, in order, joined by spaces */
static char *ids(json_object *o)
{
    json_object *list = json_object_object_get(o, "persons");
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < json_object_array_length(list); i++)
        g_string_append_printf(s, " %s",
                               json_object_get_string(
                                   json_object_object_get(json_object_array_get_idx(list, i),
                                                          "id")));
    return g_string_free(s, FALSE);
}

START_TEST(web_lists_the_persons_the_cli_lists)
{
    sidorov();
    char *err = NULL;
    persons *t = persons_build(data_dir, NULL, NULL, &err);
    ck_assert_msg(t != NULL, "%s", err);
    /* role, court, article, year: as `dokaz persons` takes them and /persons */
    const char *filters[][4] = {
        {NULL, NULL, NULL, NULL},       {"accused", NULL, NULL, NULL},
        {"witness", NULL, NULL, NULL},  {NULL, "Минского городского", NULL, NULL},
        {NULL, "минского", NULL, NULL}, {NULL, NULL, "342", NULL},
        {NULL, NULL, "361-1/2", NULL},  {"accused", NULL, "361-1", "2023"},
        {NULL, NULL, NULL, "2023"},     {"witness", "Минского городского", NULL, NULL},
        {"official", NULL, NULL, NULL}, {NULL, "Гомельского областного", NULL, NULL},
    };
    size_t nonempty = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(filters); i++) {
        persons_filter f = {filters[i][0], filters[i][1], filters[i][2],
                            filters[i][3] ? atoi(filters[i][3]) : 0};
        json_object *cli = persons_filtered_json(t, &f, &err);
        ck_assert_msg(cli != NULL, "%s", err);
        web_param params[5] = {{"size", "500"}};
        size_t n = 1;
        const char *keys[] = {"role", "court", "article", "year"};
        for (size_t k = 0; k < 4; k++)
            if (filters[i][k] != NULL)
                params[n++] = (web_param){keys[k], filters[i][k]};
        web_response r = request_with("GET", "/api/persons", params, n);
        ck_assert_int_eq(r.status, 200);
        json_object *web = json_tokener_parse(r.body);
        char *want = ids(cli), *got = ids(web);
        ck_assert_msg(strcmp(want, got) == 0, "filter %zu: cli [%s], web [%s]", i, want, got);
        nonempty += want[0] != '\0';
        g_free(want);
        g_free(got);
        json_object_put(cli);
        json_object_put(web);
        web_response_clear(&r);
    }
    ck_assert_uint_ge(nonempty, 8); /* the filters tell persons apart */
    persons_free(t);
}
END_TEST

/* age - a file of the data directory last changed an hour ago, when it is there */
static void age(const char *name)
{
    char *path = tu_path(data_dir, name);
    struct timespec hour_ago[2] = {{time(NULL) - 3600, 0}, {time(NULL) - 3600, 0}};
    ck_assert(utimensat(AT_FDCWD, path, hour_ago, 0) == 0 || access(path, F_OK) != 0);
    free(path);
}

START_TEST(persons_table_kept_until_an_item_is_processed)
{
    done();
    age("queue/done");
    age("audit.log");
    web_response r = get("/api/persons", NULL);
    body_has(&r, "Иванов Сергей");
    /* the table is kept: a record gone with nothing logged goes unseen */
    char *result = item_file(data_dir, SHA_A, item_record_name(ITEM_RECORD_RESULT));
    ck_assert_int_eq(unlink(result), 0);
    r = get("/api/persons", NULL);
    body_has(&r, "Иванов Сергей");
    r = get("/persons", "role", "witness", NULL); /* another filter, the same table */
    body_has(&r, ">Петров</a>");
    /* an item processed: built again */
    add_record(SHA_D, "sidorov.txt", "Обвиняемый Сидоров Пётр Иванович осуждён.");
    int added = 0;
    ck_assert_int_eq(queue_enqueue(data_dir, SHA_D, &added, NULL), 0);
    ck_assert_int_eq(queue_move(data_dir, SHA_D, QUEUE_INCOMING, QUEUE_DONE, NULL), 0);
    r = get("/api/persons", NULL);
    ck_assert_ptr_null(strstr(r.body, "Иванов Сергей"));
    body_has(&r, "Сидоров Пётр Иванович");
    free(result);
}
END_TEST

/* once builds are slow, a changed table is built in the background: the
 * kept one is given meanwhile, then the new one */
START_TEST(persons_brought_up_to_date_behind)
{
    persons_cache_timing(0, 0); /* every build slow; no waiting for one */
    int added = 0;
    ck_assert_int_eq(queue_enqueue(data_dir, SHA_A, &added, NULL), 0);
    ck_assert_int_eq(queue_move(data_dir, SHA_A, QUEUE_INCOMING, QUEUE_DONE, NULL), 0);
    age("queue/done");
    age("audit.log");
    web_response r = get("/persons", NULL); /* none kept: built while it waits */
    ck_assert_ptr_null(strstr(r.body, ">Петров</a>"));
    body_has(&r, ">Иванов Сергей, Иванова</a>");
    ck_assert_int_eq(queue_enqueue(data_dir, SHA_E, &added, NULL), 0);
    ck_assert_int_eq(queue_move(data_dir, SHA_E, QUEUE_INCOMING, QUEUE_DONE, NULL), 0);
    r = get("/persons", NULL); /* the kept table, while the new one is built */
    ck_assert_ptr_null(strstr(r.body, ">Петров</a>"));
    body_has(&r, ">Иванов Сергей, Иванова</a>");
    int tries = 0;
    for (;; tries++) {
        r = get("/persons", NULL);
        int has = strstr(r.body, ">Петров</a>") != NULL;
        body_has(&r, ">Иванов Сергей, Иванова</a>");
        if (has || tries == 600)
            break;
        g_usleep(50000);
    }
    ck_assert_int_lt(tries, 600);
    persons_cache_timing(-1, -1); /* and the build a request may have started ended */
}
END_TEST

START_TEST(dossier_marks_the_mention)
{
    sidorov();
    web_response r = get("/api/persons", "court", "Минского", NULL);
    json_object *o = json_tokener_parse(r.body);
    char *id = g_strdup(json_object_get_string(
        json_object_object_get(json_object_array_get_idx(json_object_object_get(o, "persons"), 0),
                               "id")));
    json_object_put(o);
    web_response_clear(&r);
    char *path = g_strdup_printf("/person/%s", id);
    r = get(path, NULL);
    body_has(&r, "<tr><td>2023-03-12</td><td>verdict</td><td>Минского городского суда</td>"
                 "<td class=\"role\">accused</td><td><a href=\"/item/" SHA_D "\">sidorov.txt</a>"
                 "</td><td><a class=\"page-link\" href=\"/item/" SHA_D "?mark=1.11#p1\">1</a>");
    r = get(path, NULL);
    body_has(&r, "<p class=\"places\">born in г. Гомеля · address г. Минск, ул. Ленина, д. 5</p>");
    r = get("/item/" SHA_D, "mark", "1.11", NULL);
    ck_assert_ptr_nonnull(strstr(r.body, "data-count=\"1\">1 mention marked"));
    body_has(&r, "Обвиняемый <mark class=\"mention\">Сидоров Пётр Иванович</mark> осуждён");
    r = get("/item/" SHA_D, NULL);
    char *link = g_strdup_printf("<h2>Persons named</h2><ul><li><a href=\"/person/%s\">"
                                 "Сидоров Пётр Иванович</a> <span class=\"role\">accused</span>",
                                 id);
    body_has(&r, link);
    const char *bad[] = {"1", "1.", ".5", "1.5;2", "-1.5", "1.5,x", "123456789.1"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        r = get("/item/" SHA_D, "mark", bad[i], NULL);
        ck_assert_int_eq(r.status, 400);
        web_response_clear(&r);
    }
    r = get(path, "print", "1", NULL);
    ck_assert_ptr_null(strstr(r.body, "<header>"));
    ck_assert_ptr_null(strstr(r.body, "printable dossier"));
    body_has(&r, "sidorov.txt</a><br><code>" SHA_D "</code>");
    r = get(path, "print", "yes", NULL);
    ck_assert_int_eq(r.status, 400);
    web_response_clear(&r);
    g_free(link);
    g_free(path);
    g_free(id);
}
END_TEST

START_TEST(search_hit_says_the_role)
{
    web_response r = get("/search", "q", "Иванов Сергей", NULL);
    body_has(&r, "<p class=\"facts\"><span class=\"person-role\">accused</span>");
    r = get("/search", "q", "Петров", NULL); /* the hostile paper's witness */
    body_has(&r, "<span class=\"person-role\">witness</span>");
    r = get("/api/search", "q", "ПРИГОВОР", NULL); /* no name asked: no role */
    ck_assert_ptr_null(strstr(r.body, "\"role\""));
    body_has(&r, "\"hits\"");
}
END_TEST

START_TEST(batch_searches_each_line)
{
    web_response r = request("POST", "/api/batch", "names", "Иванов Сергей\n\nПетров\n# note\n",
                             NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    json_object *o = json_tokener_parse(r.body), *lines = NULL, *v = NULL;
    ck_assert(json_object_object_get_ex(o, "lines", &lines));
    ck_assert_int_eq(json_object_array_length(lines), 2);
    ck_assert(json_object_object_get_ex(json_object_array_get_idx(lines, 0), "total", &v));
    ck_assert_int_eq(json_object_get_int(v), 1);
    json_object_put(o);
    web_response_clear(&r);
    r = request("POST", "/api/batch", "names", "Иванов\nПетров", "format", "csv");
    ck_assert_int_eq(r.status, 200);
    ck_assert_str_eq(r.type, "text/csv; charset=utf-8");
    ck_assert_ptr_nonnull(r.filename);
    ck_assert_ptr_nonnull(strstr(r.body, "verdict.txt"));
    web_response_clear(&r);
    r = request("POST", "/batch", "names", "Иванов", NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "<tr class=\"line\"><td>Иванов</td>"));
    web_response_clear(&r);
    r = request("GET", "/batch", NULL, NULL, NULL, NULL);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "<textarea"));
    web_response_clear(&r);
}
END_TEST

START_TEST(host_must_name_this_server)
{
    const char *ok[] = {"localhost",         "localhost:8080",
                        "LOCALHOST:1",       "127.0.0.1:8080",
                        "10.1.2.3",          "[::1]:443",
                        "dokaz.example.org", "Dokaz.Example.org:8443"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        ck_assert_msg(guard_host("0.0.0.0", "dokaz.example.org", ok[i]), "%s refused", ok[i]);
    const char *bad[] = {"attacker.example",
                         "attacker.example:8080",
                         "localhost.attacker.example",
                         "dokaz.example.org.evil",
                         "localhost:",
                         "localhost:80x",
                         "user@localhost",
                         "[::1",
                         "",
                         NULL};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        ck_assert_msg(!guard_host("0.0.0.0", "dokaz.example.org", bad[i]), "%s accepted",
                      bad[i] ? bad[i] : "no Host");
    ck_assert(!guard_host("0.0.0.0", NULL, "dokaz.example.org"));
    ck_assert(guard_host("192.168.1.5", NULL, "192.168.1.5:8080"));
}
END_TEST

START_TEST(posts_only_from_our_pages)
{
    ck_assert(guard_same_origin(1, "localhost:8443", NULL, NULL)); /* curl, a script */
    ck_assert(guard_same_origin(1, "localhost:8443", "null", "same-origin"));
    ck_assert(guard_same_origin(1, "localhost:8443", "https://localhost:8443", NULL));
    ck_assert(!guard_same_origin(1, "localhost:8443", "http://localhost:8443", NULL));
    ck_assert(!guard_same_origin(1, "localhost:8443", "https://evil.example", NULL));
    ck_assert(!guard_same_origin(1, "localhost:8443", "null", NULL));
    ck_assert(!guard_same_origin(0, "localhost:80", "http://localhost:80", "cross-site"));
    ck_assert(!guard_same_origin(0, "localhost:80", NULL, "same-site"));
}
END_TEST

START_TEST(exposure_needs_tls_and_accounts)
{
    web_config cfg;
    web_default_config(&cfg);
    cfg.data_dir = data_dir;
    char *err = NULL;
    const char *loopback[] = {"127.0.0.1:8080", "127.1.2.3:80", "[::1]:8080", "localhost:8080"};
    for (size_t i = 0; i < sizeof loopback / sizeof *loopback; i++) {
        cfg.listen = loopback[i];
        ck_assert_msg(web_check_exposure(&cfg, &err) == 0, "%s: %s", loopback[i], err);
    }
    cfg.listen = "0.0.0.0:8080";
    ck_assert_int_eq(web_check_exposure(&cfg, &err), -1);
    ck_assert_msg(strstr(err, "--tls-cert") != NULL, "%s", err);
    free(err);
    err = NULL;
    cfg.tls_cert = cfg.tls_key = "/nonexistent.pem";
    cfg.listen = "[::]:8080";
    ck_assert_int_eq(web_check_exposure(&cfg, &err), -1);
    ck_assert_msg(strstr(err, "dokaz user add") != NULL, "%s", err);
    free(err);
    err = NULL;
    char *path = auth_db_path(data_dir);
    auth_db db = {0};
    ck_assert_int_eq(auth_db_add_user(&db, "anna", AUTH_ADMIN, "a long password", &err), 0);
    ck_assert_int_eq(auth_db_save(path, &db, &err), 0);
    auth_db_clear(&db);
    ck_assert_int_eq(web_check_exposure(&cfg, &err), 0);
    free(path);
}
END_TEST

/* A thread of turns_are_first_come: takes a turn, notes its place and how
 * many hold one, holds it a little, gives it back. */
typedef struct {
    turns *turns;
    GMutex lock;
    int order[3], came, holding, most_holding;
} turn_log;

typedef struct {
    turn_log *log;
    int who;
} turn_taker;

static gpointer take_a_turn(gpointer data)
{
    turn_taker *me = data;
    turn_log *log = me->log;
    turn_take(log->turns);
    g_mutex_lock(&log->lock);
    log->order[log->came++] = me->who;
    if (++log->holding > log->most_holding)
        log->most_holding = log->holding;
    g_mutex_unlock(&log->lock);
    g_usleep(20000);
    g_mutex_lock(&log->lock);
    log->holding--;
    g_mutex_unlock(&log->lock);
    turn_give(log->turns);
    return NULL;
}

START_TEST(turns_are_first_come)
{
    turn_log log = {.turns = turns_new(2)};
    g_mutex_init(&log.lock);
    turn_take(log.turns); /* both turns held here: the three threads wait, */
    turn_take(log.turns); /* each started once the one before has its ticket */
    turn_taker takers[3];
    GThread *threads[3];
    for (int i = 0; i < 3; i++) {
        takers[i] = (turn_taker){.log = &log, .who = i};
        threads[i] = g_thread_new("turn", take_a_turn, &takers[i]);
        g_usleep(150000);
    }
    g_mutex_lock(&log.lock);
    ck_assert_int_eq(log.came, 0);
    g_mutex_unlock(&log.lock);
    turn_give(log.turns); /* one turn free: they pass one at a time, in order */
    g_thread_join(threads[0]);
    /* thread 1 had the turn thread 0 gave back; once it has noted its place,
     * a second free turn lets thread 2 work beside it (given earlier, thread 2
     * could note its place before thread 1 did, though let in after it) */
    for (int waited = 0; waited < 500; waited++) {
        g_mutex_lock(&log.lock);
        int came = log.came;
        g_mutex_unlock(&log.lock);
        if (came == 2)
            break;
        g_usleep(10000);
    }
    turn_give(log.turns); /* two free: the last two may work at once */
    for (int i = 1; i < 3; i++)
        g_thread_join(threads[i]);
    ck_assert_int_eq(log.came, 3);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(log.order[i], i);
    ck_assert_int_le(log.most_holding, 2);
    turns_free(log.turns);
    g_mutex_clear(&log.lock);
}
END_TEST

/* web_suite - the cases */
static Suite *web_suite(void)
{
    Suite *s = suite_create("web");
    TCase *html = tcase_create("html");
    tcase_add_test(html, text_is_escaped);
    tcase_add_test(html, snippet_passes_only_bold);
    tcase_add_test(html, highlight_marks_forms_not_excluded);
    tcase_add_test(html, chain_links_each_container);
    suite_add_tcase(s, html);
    TCase *req = tcase_create("requests");
    tcase_add_checked_fixture(req, setup, teardown);
    tcase_add_test(req, search_page_shows_hits);
    tcase_add_test(req, hostile_document_is_escaped);
    tcase_add_test(req, api_has_cli_shapes);
    tcase_add_test(req, empty_data_directory_serves_every_page);
    tcase_add_test(req, bad_requests_get_clear_errors);
    tcase_add_test(req, item_page_shows_stored_facts);
    tcase_add_test(req, unprocessed_item_has_a_page);
    tcase_add_test(req, batch_searches_each_line);
    tcase_add_test(req, persons_and_a_dossier);
    tcase_add_test(req, persons_filtered_sorted_paged);
    tcase_add_test(req, web_lists_the_persons_the_cli_lists);
    tcase_add_test(req, persons_table_kept_until_an_item_is_processed);
    tcase_add_test(req, persons_brought_up_to_date_behind);
    tcase_add_test(req, dossier_marks_the_mention);
    tcase_add_test(req, search_hit_says_the_role);
    tcase_add_test(req, exposure_needs_tls_and_accounts);
    suite_add_tcase(s, req);
    TCase *guards = tcase_create("guards");
    tcase_add_test(guards, host_must_name_this_server);
    tcase_add_test(guards, posts_only_from_our_pages);
    suite_add_tcase(s, guards);
    TCase *turn = tcase_create("turns");
    tcase_add_test(turn, turns_are_first_come);
    suite_add_tcase(s, turn);
    return s;
}

/* main - run */
int main(void)
{
    return tu_run_suite(web_suite());
}
