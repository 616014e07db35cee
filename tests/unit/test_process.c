/*
 * test_process.c - one item through process_item, as a worker without an
 * OCR engine runs it: files received as the service receives them (evidence
 * store, reception, queue), identified by the real libmagic, extracted and
 * recorded. Checks the result record (status, mime, pages and their derived
 * data), the members of a zip stored and received as items of their own,
 * skipped members, a hostile member name that stays a name, the limits
 * against hostile containers, and the failures that are recorded rather
 * than returned.
 */
#include "service/process.h"
#include "extract/identify.h"
#include "ingest/accept.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/fsutil.h"
#include "fixtures.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A page that names a case, and its number. */
static const char verdict[] =
    "ПРИГОВОР\nименем Республики Беларусь\n12 марта 2024 года суд Центрального района "
    "г. Минска рассмотрел уголовное дело № 1-234/2024 в отношении обвиняемого Иванова "
    "Сергея Николаевича по ч. 1 ст. 342 УК.\n";
static const char verdict_case[] = "1-234/2024";

static char *base; /* the test's directory: inbox/ and data/a/b/ */
static char *data; /* the data directory, two levels down, for "../../x" */
static identify *magic;
static deriver *rules;
static process_env env;

/* setup - a prepared data directory, libmagic, the rules, no OCR engine */
static void setup(void)
{
    char *err = NULL;
    base = tu_tempdir("process");
    data = tu_path(base, "data/a/b");
    ck_assert_msg(accept_prepare(data, &err) == 0, "%s", err);
    magic = identify_open(&err);
    ck_assert_msg(magic != NULL, "identify_open: %s", err);
    rules = deriver_new(&err);
    ck_assert_msg(rules != NULL, "deriver_new: %s", err);
    env = (process_env){.data_dir = data,
                        .magic = magic,
                        .extract = {.ocr = NULL, .pdf_render_dpi = 300},
                        .derive = rules};
    process_default_limits(&env.limits);
}

/* teardown - free them, remove the directory */
static void teardown(void)
{
    deriver_free(rules);
    identify_close(magic);
    tu_rmtree(base);
    free(data);
    free(base);
}

/* receive - drop `len` bytes as inbox/name and receive them as the service
 * does; sha gets the item's hash */
static void receive(const char *name, const void *bytes, size_t len, char sha[65])
{
    char *rel = g_strconcat("inbox/", name, NULL), *path = tu_path(base, rel);
    tu_write(path, bytes, len);
    accept_item it = {.path = path, .collection = "cases"};
    ck_assert_msg(accept_files(data, &it, 1) == 0, "%s", it.error);
    ck_assert_int_eq(it.queued, 1);
    memcpy(sha, it.ref.sha256, 65);
    free(path);
    g_free(rel);
}

/* zip_bytes - a zip of the entries, made with libarchive (malloc'd) */
static char *zip_bytes(const fx_entry *entries, size_t n, size_t *len)
{
    char *path = tu_path(base, "made.zip");
    ck_assert_int_eq(fx_archive(path, "zip", NULL, entries, n, NULL), 0);
    char *bytes = tu_read(path, len);
    ck_assert_ptr_nonnull(bytes);
    unlink(path);
    free(path);
    return bytes;
}

/* receive_zip - a zip of the entries received as inbox/name */
static void receive_zip(const char *name, const fx_entry *entries, size_t n, char sha[65])
{
    size_t len = 0;
    char *bytes = zip_bytes(entries, n, &len);
    receive(name, bytes, len, sha);
    free(bytes);
}

/* process - process_item, which must record a result and say whether it is
 * done as the record does, and that result */
static item_result *process(const char *sha)
{
    char *err = NULL;
    bool done = false;
    ck_assert_msg(process_item(&env, sha, &done, &err) == 0, "process_item: %s", err);
    item_result *r = item_result_load(data, sha, &err);
    ck_assert_msg(r != NULL, "item_result_load: %s", err);
    ck_assert_int_eq(done, r->status == ITEM_DONE);
    return r;
}

/* expect_reason - r failed, and its reason names `what` */
static void expect_reason(const item_result *r, item_status status, const char *what)
{
    ck_assert_int_eq(r->status, status);
    ck_assert_ptr_nonnull(r->reason);
    ck_assert_msg(strstr(r->reason, what) != NULL, "'%s' does not name %s", r->reason, what);
}

/* path_in - o's member at a path of keys (NULL-terminated), or NULL */
static json_object *path_in(json_object *o, const char *const *keys)
{
    for (; o != NULL && *keys != NULL; keys++)
        if (!json_object_object_get_ex(o, *keys, &o))
            return NULL;
    return o;
}

/* find_child - the child stored from `member` */
static const item_child *find_child(const item_result *r, const char *member)
{
    for (size_t i = 0; i < r->nchildren; i++)
        if (strcmp(r->children[i].member, member) == 0)
            return &r->children[i];
    ck_abort_msg("no child from member '%s'", member);
    return NULL;
}

/* expect_member - the child from `member` holds `text`, is received with
 * the zip as its parent and queued */
static const item_child *expect_member(const item_result *zip, const char *member, const char *text)
{
    const item_child *c = find_child(zip, member);
    ck_assert_uint_eq(c->size, strlen(text));
    char *stored = evidence_path(data, c->sha256), *bytes = tu_read(stored, NULL);
    ck_assert_pstr_eq(bytes, text);
    free(bytes);
    free(stored);
    item_receptions *list = item_receptions_load(data, c->sha256, NULL);
    const item_reception *first = item_receptions_first(list);
    ck_assert_ptr_nonnull(first);
    ck_assert_pstr_eq(first->parent, zip->sha256);
    ck_assert_pstr_eq(first->member, member);
    char *name = g_path_get_basename(member);
    ck_assert_pstr_eq(first->name, name);
    g_free(name);
    ck_assert_msg(first->path && g_str_has_suffix(first->path, "/inbox/case.zip"),
                  "path %s is not the zip's", first->path);
    item_receptions_free(list);
    ck_assert_int_eq(queue_state_of(data, c->sha256), QUEUE_INCOMING);
    return c;
}

START_TEST(default_limits)
{
    process_limits l;
    process_default_limits(&l);
    ck_assert_int_eq(l.max_depth, 10);
    ck_assert_int_eq(l.max_members, 250000);
    ck_assert(l.max_expanded == 20LL << 30);
    ck_assert_int_eq(l.max_ratio, 100);
}
END_TEST

START_TEST(text_page_with_derived_data)
{
    char sha[65];
    receive("verdict.txt", verdict, strlen(verdict), sha);
    item_result *r = process(sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_pstr_eq(r->mime, "text/plain");
    ck_assert_ptr_null(r->reason);
    ck_assert_uint_eq(r->npages, 1);
    ck_assert_int_eq(r->pages[0].number, 1);
    ck_assert_str_eq(r->pages[0].text, verdict);
    ck_assert_int_eq(r->pages[0].source, ITEM_SOURCE_PLAIN);
    ck_assert(r->pages[0].confidence < 0 && !r->pages[0].blank);
    static const char *const cases[] = {"fields", "cases", NULL};
    json_object *found = path_in(r->pages[0].derived, cases);
    ck_assert_msg(found && json_object_array_length(found) == 1, "no cases in %s",
                  json_object_to_json_string(r->pages[0].derived));
    ck_assert_str_eq(json_object_get_string(json_object_array_get_idx(found, 0)), verdict_case);
    static const char *const mentions[] = {"names", NULL};
    ck_assert_ptr_nonnull(path_in(r->pages[0].derived, mentions));
    ck_assert_ptr_null(r->derived); /* an item with pages has none of its own */
    item_result_free(r);
    /* a page that names no case has no "cases" */
    static const char note[] = "a note about nothing in particular\n";
    receive("note.txt", note, strlen(note), sha);
    r = process(sha);
    ck_assert_uint_eq(r->npages, 1);
    ck_assert_ptr_nonnull(r->pages[0].derived);
    ck_assert_ptr_null(path_in(r->pages[0].derived, cases));
    item_result_free(r);
}
END_TEST

START_TEST(huge_text_in_bounded_pages)
{
    enum { WORDS = 120000, PIECE = 256 << 10 };
    GString *text = g_string_new(NULL);
    for (int i = 0; i < WORDS; i++)
        g_string_append_printf(text, "слово%d ", i); /* one line, two-byte letters */
    char sha[65];
    receive("huge.txt", text->str, text->len, sha);
    item_result *r = process(sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_uint_eq(r->npages, (text->len + PIECE - 1) / PIECE);
    GString *joined = g_string_new(NULL);
    for (size_t i = 0; i < r->npages; i++) {
        size_t len = strlen(r->pages[i].text);
        ck_assert_int_eq(r->pages[i].number, (int)i + 1);
        ck_assert_uint_le(len, PIECE);
        ck_assert(g_utf8_validate(r->pages[i].text, -1, NULL));
        if (i + 1 < r->npages) /* cut after a space, never inside a word */
            ck_assert_int_eq(r->pages[i].text[len - 1], ' ');
        g_string_append(joined, r->pages[i].text);
    }
    ck_assert_str_eq(joined->str, text->str); /* nothing lost at the cuts */
    g_string_free(joined, TRUE);
    g_string_free(text, TRUE);
    item_result_free(r);
}
END_TEST

START_TEST(no_deriver_no_derived_data)
{
    env.derive = NULL;
    char sha[65];
    receive("verdict.txt", verdict, strlen(verdict), sha);
    item_result *r = process(sha);
    ck_assert_uint_eq(r->npages, 1);
    ck_assert_ptr_null(r->pages[0].derived);
    ck_assert_ptr_null(r->derived);
    item_result_free(r);
}
END_TEST

START_TEST(zip_members_become_items)
{
    static const char a[] = "first member\n", b[] = "second member, in a folder\n",
                      hostile[] = "a name that climbs\n";
    const fx_entry entries[] = {
        {"a.txt", a, sizeof a - 1, NULL},
        {"folder/b.txt", b, sizeof b - 1, NULL},
        {"../../x", hostile, sizeof hostile - 1, NULL},
        {"folder/link", NULL, 0, "/etc/passwd"},
    };
    char sha[65];
    receive_zip("case.zip", entries, 4, sha);
    item_result *r = process(sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_pstr_eq(r->mime, "application/zip");
    ck_assert_uint_eq(r->npages, 0);
    ck_assert_uint_eq(r->nchildren, 3);
    expect_member(r, "a.txt", a);
    expect_member(r, "folder/b.txt", b);
    /* "../../x" is only a name: stored by its hash, written nowhere else */
    expect_member(r, "../../x", hostile);
    char *climbed = tu_path(base, "data/x"), *above = tu_path(base, "x");
    ck_assert(!fs_exists(climbed) && !fs_exists(above));
    free(above);
    free(climbed);
    ck_assert_uint_eq(r->nskipped, 1);
    ck_assert_str_eq(r->skipped[0].member, "folder/link");
    ck_assert_msg(strstr(r->skipped[0].reason, "symbolic link") != NULL, "%s",
                  r->skipped[0].reason);
    ck_assert_ptr_nonnull(r->derived); /* no pages: the item's own, for its name */
    item_result_free(r);
}
END_TEST

START_TEST(email_sender_in_derived_names)
{
    static const char eml[] =
        "From: Анна Петрова <a@b.by>\r\nTo: court@example.org\r\n"
        "Subject: documents\r\nDate: Sat, 01 Mar 2025 10:00:00 +0300\r\n"
        "Message-ID: <1@b.by>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nПрошу приобщить к делу.\r\n";
    char sha[65];
    receive("mail.eml", eml, sizeof eml - 1, sha);
    item_result *r = process(sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_pstr_eq(r->mime, "message/rfc822");
    ck_assert_pstr_eq(item_result_meta(r, "subject"), "documents");
    ck_assert_uint_eq(r->npages, 1);
    static const char *const mentions[] = {"names", NULL};
    json_object *list = path_in(r->pages[0].derived, mentions);
    ck_assert_ptr_nonnull(list);
    /* the sender's name comes after the text, DERIVE_META_GAP positions on */
    int sender = 0;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *m = json_object_array_get_idx(list, i);
        sender |= json_object_get_int(json_object_array_get_idx(m, 0)) > DERIVE_META_GAP &&
                  strcmp(json_object_get_string(json_object_array_get_idx(m, 2)), "patrav") == 0;
    }
    ck_assert_msg(sender, "no sender in %s", json_object_to_json_string(list));
    item_result_free(r);
}
END_TEST

START_TEST(empty_and_unknown_files)
{
    char sha[65];
    receive("empty.txt", "", 0, sha);
    item_result *r = process(sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_pstr_eq(r->mime, "application/x-empty");
    ck_assert_uint_eq(r->npages, 0);
    ck_assert_ptr_nonnull(r->derived);
    item_result_free(r);
    static const unsigned char noise[] = {0x00, 0x9f, 0x01, 0xfe, 0x13, 0x37, 0x00, 0xc8,
                                          0x02, 0x7f, 0xee, 0x00, 0x42, 0x99, 0x05, 0xd1};
    receive("noise.bin", noise, sizeof noise, sha);
    r = process(sha);
    expect_reason(r, ITEM_UNSUPPORTED, "unsupported type");
    ck_assert_uint_eq(r->npages, 0);
    item_result_free(r);
}
END_TEST

START_TEST(missing_original_is_recorded)
{
    static const char gone[] = "ab000000000000000000000000000000000000000000000000000000000000ab";
    item_result *r = process(gone);
    expect_reason(r, ITEM_FAILED, "cannot open the stored original");
    ck_assert_ptr_null(r->mime);
    ck_assert_uint_eq(r->npages, 0);
    item_result_free(r);
    /* a result that cannot be recorded is the one error returned */
    char *err = NULL, *items = tu_path(base, "broken/items");
    tu_write(items, "not a directory", 15);
    char *broken = tu_path(base, "broken");
    env.data_dir = broken;
    bool done = true;
    ck_assert_int_eq(process_item(&env, gone, &done, &err), -1);
    ck_assert(!done);
    ck_assert_ptr_nonnull(err);
    free(err);
    free(broken);
    free(items);
}
END_TEST

START_TEST(too_many_members)
{
    const fx_entry entries[] = {
        {"1.txt", "one\n", 4, NULL},
        {"2.txt", "two\n", 4, NULL},
        {"3.txt", "three\n", 6, NULL},
    };
    char sha[65];
    receive_zip("case.zip", entries, 3, sha);
    env.limits.max_members = 2;
    item_result *r = process(sha);
    expect_reason(r, ITEM_FAILED, "--max-members");
    ck_assert_pstr_eq(r->mime, "application/zip");
    ck_assert_uint_eq(r->nchildren, 2); /* the first ones are kept */
    expect_member(r, "1.txt", "one\n");
    expect_member(r, "2.txt", "two\n");
    item_result_free(r);
}
END_TEST

START_TEST(too_deep)
{
    const fx_entry inner[] = {{"deep.txt", "at the bottom\n", 14, NULL}};
    size_t len = 0;
    char *inner_zip = zip_bytes(inner, 1, &len);
    const fx_entry outer[] = {{"nested/inner.zip", inner_zip, len, NULL}};
    char sha[65];
    receive_zip("case.zip", outer, 1, sha);
    env.limits.max_depth = 1;
    item_result *r = process(sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_uint_eq(r->nchildren, 1);
    char inner_sha[65];
    memcpy(inner_sha, r->children[0].sha256, 65);
    item_result_free(r);
    /* the inner zip is one container down: its members would be two */
    r = process(inner_sha);
    expect_reason(r, ITEM_FAILED, "--max-depth");
    ck_assert_uint_eq(r->nchildren, 0);
    item_result_free(r);
    process_default_limits(&env.limits);
    r = process(inner_sha);
    ck_assert_int_eq(r->status, ITEM_DONE);
    ck_assert_uint_eq(r->nchildren, 1);
    ck_assert_str_eq(r->children[0].member, "deep.txt");
    item_result_free(r);
    free(inner_zip);
}
END_TEST

START_TEST(too_much_unpacked)
{
    char big[4096];
    memset(big, 'z', sizeof big);
    const fx_entry entries[] = {{"big.txt", big, sizeof big, NULL}};
    char sha[65];
    receive_zip("case.zip", entries, 1, sha);
    env.limits.max_expanded = 1024;
    item_result *r = process(sha);
    expect_reason(r, ITEM_FAILED, "--max-expanded");
    ck_assert_msg(strstr(r->reason, "big.txt") != NULL, "%s", r->reason);
    ck_assert_uint_eq(r->nchildren, 0);
    item_result_free(r);
    /* nothing of the member is stored */
    char *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)big, sizeof big);
    char *stored = evidence_path(data, hash);
    ck_assert(!fs_exists(stored));
    free(stored);
    g_free(hash);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("process");
    TCase *tc = tcase_create("process");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, default_limits);
    tcase_add_test(tc, text_page_with_derived_data);
    tcase_add_test(tc, huge_text_in_bounded_pages);
    tcase_add_test(tc, no_deriver_no_derived_data);
    tcase_add_test(tc, zip_members_become_items);
    tcase_add_test(tc, email_sender_in_derived_names);
    tcase_add_test(tc, empty_and_unknown_files);
    tcase_add_test(tc, missing_original_is_recorded);
    tcase_add_test(tc, too_many_members);
    tcase_add_test(tc, too_deep);
    tcase_add_test(tc, too_much_unpacked);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
