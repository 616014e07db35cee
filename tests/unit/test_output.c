/*
 * test_output.c - search results as JSON and as terminal text: every field
 * present and typed, member null when absent, escaping both ways, and the
 * results of a real search going through the same formatting.
 */
#include "index/index.h"
#include "output/output.h"
#include "testutil.h"
#include "derived.h"
#include "common/xalloc.h"

#include <check.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* mark - one span, as the index gives it (malloc'd) */
static index_span *mark(size_t start, size_t len)
{
    index_span *m = xmalloc(sizeof *m);
    *m = (index_span){start, len};
    return m;
}

/* sample - two hand-made hits: one plain file, one archive member */
static index_results *sample(void)
{
    index_results *r = xcalloc(1, sizeof *r);
    r->query = xstrdup("приговор \"суд\"");
    r->total = 7;
    r->count = 2;
    r->hits = xcalloc(2, sizeof *r->hits);
    r->hits[0] = (index_hit){
        .sha256 = xstrdup(SHA_A),
        .name = xstrdup("verdict.pdf"),
        .path = xstrdup("/srv/inbox/verdict.pdf"),
        .member = NULL,
        .mime = xstrdup("application/pdf"),
        .page = 3,
        .score = 2.5,
        .percent = 87,
        .snippet = xstrdup("Суд вынес приговор <script> & всё"),
        .marks = mark(strlen("Суд вынес "), strlen("приговор")),
        .nmarks = 1,
    };
    r->hits[1] = (index_hit){
        .sha256 = xstrdup(SHA_B),
        .name = xstrdup("bundle\x1b[31m.zip"),
        .path = xstrdup("/srv/inbox/bundle.zip"),
        .member = xstrdup("docs/скан_1.jpg"),
        .mime = xstrdup("image/jpeg"),
        .page = 0,
        .score = 0.75,
        .percent = 20,
        .snippet = xstrdup(""),
    };
    return r;
}

/* get - a member of a JSON object, asserting it is there */
static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    ck_assert_msg(json_object_object_get_ex(o, key, &v), "missing %s", key);
    return v;
}

/* check_hit_fields - every documented field with its type */
static void check_hit_fields(json_object *h)
{
    const char *strings[] = {"sha256", "name", "path", "mime", "snippet"};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        ck_assert_msg(json_object_is_type(get(h, strings[i]), json_type_string),
                      "%s is not a string", strings[i]);
    ck_assert(json_object_is_type(get(h, "page"), json_type_int));
    ck_assert(json_object_is_type(get(h, "score"), json_type_double));
    ck_assert(json_object_is_type(get(h, "percent"), json_type_int));
    json_object *m = get(h, "member");
    ck_assert(m == NULL || json_object_is_type(m, json_type_string));
}

START_TEST(json_has_every_field)
{
    index_results *r = sample();
    char *js = output_results_json(r);
    ck_assert_ptr_nonnull(js);
    json_object *o = json_tokener_parse(js);
    ck_assert_msg(o != NULL, "not JSON: %s", js);

    ck_assert_str_eq(json_object_get_string(get(o, "query")), "приговор \"суд\"");
    ck_assert_int_eq(json_object_get_int64(get(o, "total")), 7);
    json_object *hits = get(o, "hits");
    ck_assert(json_object_is_type(hits, json_type_array));
    ck_assert_uint_eq(json_object_array_length(hits), 2);

    json_object *h0 = json_object_array_get_idx(hits, 0);
    check_hit_fields(h0);
    ck_assert_str_eq(json_object_get_string(get(h0, "sha256")), SHA_A);
    ck_assert_str_eq(json_object_get_string(get(h0, "name")), "verdict.pdf");
    ck_assert_str_eq(json_object_get_string(get(h0, "path")), "/srv/inbox/verdict.pdf");
    ck_assert_ptr_null(get(h0, "member"));
    ck_assert_str_eq(json_object_get_string(get(h0, "mime")), "application/pdf");
    ck_assert_int_eq(json_object_get_int(get(h0, "page")), 3);
    ck_assert_double_eq_tol(json_object_get_double(get(h0, "score")), 2.5, 1e-9);
    ck_assert_int_eq(json_object_get_int(get(h0, "percent")), 87);
    ck_assert_str_eq(json_object_get_string(get(h0, "snippet")),
                     "Суд вынес <b>приговор</b> &lt;script&gt; &amp; всё");
    /* member is present as null, not left out */
    ck_assert_ptr_nonnull(strstr(js, "\"member\":null"));
    /* paths are not written with escaped slashes */
    ck_assert_ptr_nonnull(strstr(js, "/srv/inbox/verdict.pdf"));

    json_object *h1 = json_object_array_get_idx(hits, 1);
    check_hit_fields(h1);
    ck_assert_str_eq(json_object_get_string(get(h1, "member")), "docs/скан_1.jpg");
    ck_assert_str_eq(json_object_get_string(get(h1, "name")), "bundle\x1b[31m.zip");
    ck_assert_int_eq(json_object_get_int(get(h1, "page")), 0);

    json_object_put(o);
    free(js);
    index_results_free(r);
}
END_TEST

START_TEST(json_of_no_hits)
{
    index_results r = {.query = "ничего", .total = 0, .count = 0, .hits = NULL};
    char *js = output_results_json(&r);
    json_object *o = json_tokener_parse(js);
    ck_assert_ptr_nonnull(o);
    ck_assert_int_eq(json_object_get_int64(get(o, "total")), 0);
    ck_assert_uint_eq(json_object_array_length(get(o, "hits")), 0);
    json_object_put(o);
    free(js);
    ck_assert_ptr_null(output_results_json(NULL));
    ck_assert_ptr_null(output_results_text(NULL));
}
END_TEST

START_TEST(text_has_name_page_and_marked_snippet)
{
    index_results *r = sample();
    char *t = output_results_text(r);
    ck_assert_ptr_nonnull(t);
    ck_assert_msg(strstr(t, "verdict.pdf, page 3") != NULL, "text: %s", t);
    ck_assert_ptr_nonnull(strstr(t, "/srv/inbox/verdict.pdf"));
    ck_assert_ptr_nonnull(strstr(t, "7 files found"));
    ck_assert_ptr_nonnull(strstr(t, SHA_A));
    /* highlights become [[...]], entities are decoded */
    ck_assert_msg(strstr(t, "Суд вынес [[приговор]] <script> & всё") != NULL, "text: %s", t);
    ck_assert_ptr_null(strstr(t, "<b>"));
    ck_assert_ptr_null(strstr(t, "&lt;"));
    /* the member and the name-only hit */
    ck_assert_ptr_nonnull(strstr(t, "member: docs/скан_1.jpg"));
    ck_assert_ptr_nonnull(strstr(t, "(no pages)"));
    /* no escape sequence from a hostile file name reaches the terminal */
    ck_assert_ptr_null(strchr(t, '\x1b'));
    ck_assert_ptr_nonnull(strstr(t, "bundle [31m.zip"));
    free(t);
    index_results_free(r);
}
END_TEST

START_TEST(real_search_formats)
{
    char *tmp = tu_tempdir("format");
    char *dir = tu_path(tmp, "index");
    char *err = NULL;
    index_writer *w = index_writer_open(dir, &err);
    ck_assert_msg(w != NULL, "%s", err ? err : "?");
    index_item a = {.sha256 = SHA_A,
                    .name = "prigovor.pdf",
                    .path = "/in/prigovor.pdf",
                    .member = NULL,
                    .mime = "application/pdf",
                    .status = "done"};
    index_item b = {.sha256 = SHA_B,
                    .name = "archive.zip",
                    .path = "/in/archive.zip",
                    .member = "2023/postanovlenie.pdf",
                    .mime = "application/pdf",
                    .status = "done"};
    ck_assert_int_eq(tu_index_page(w, &a, 2, "Суд <b>вынес</b> приговор.", &err), 0);
    ck_assert_int_eq(tu_index_page(w, &b, 1, "Постановление и приговор.", &err), 0);
    index_writer_close(w);

    index_results *r = NULL;
    ck_assert_int_eq(index_search(dir, "приговор", 0, 10, &r, &err), 0);
    ck_assert_uint_eq(r->count, 2);

    char *js = output_results_json(r);
    json_object *o = json_tokener_parse(js);
    ck_assert_msg(o != NULL, "not JSON: %s", js);
    json_object *hits = get(o, "hits");
    ck_assert_uint_eq(json_object_array_length(hits), 2);
    int seen_null = 0, seen_member = 0;
    for (size_t i = 0; i < 2; i++) {
        json_object *h = json_object_array_get_idx(hits, i);
        check_hit_fields(h);
        json_object *m = get(h, "member");
        if (m == NULL) {
            seen_null++;
            ck_assert_str_eq(json_object_get_string(get(h, "sha256")), SHA_A);
            ck_assert_int_eq(json_object_get_int(get(h, "page")), 2);
            /* the document's own markup is escaped, ours is not */
            ck_assert_str_eq(json_object_get_string(get(h, "snippet")),
                             "Суд &lt;b&gt;вынес&lt;/b&gt; <b>приговор</b>.");
        } else {
            seen_member++;
            ck_assert_str_eq(json_object_get_string(m), "2023/postanovlenie.pdf");
        }
    }
    ck_assert_int_eq(seen_null, 1);
    ck_assert_int_eq(seen_member, 1);
    json_object_put(o);
    free(js);

    char *t = output_results_text(r);
    ck_assert_ptr_nonnull(strstr(t, "prigovor.pdf, page 2"));
    ck_assert_ptr_nonnull(strstr(t, "archive.zip, page 1"));
    ck_assert_msg(strstr(t, "Суд <b>вынес</b> [[приговор]].") != NULL, "text: %s", t);
    free(t);

    index_results_free(r);
    tu_rmtree(tmp);
    free(dir);
    free(tmp);
}
END_TEST

/* output_suite - all of the above */
static Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("output");
    tcase_add_test(tc, json_has_every_field);
    tcase_add_test(tc, json_of_no_hits);
    tcase_add_test(tc, text_has_name_page_and_marked_snippet);
    tcase_add_test(tc, real_search_formats);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(output_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
