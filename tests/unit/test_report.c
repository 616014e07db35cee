/*
 * test_report.c - what people are shown (report/): the typed reports and
 * their JSON, an item's record
 * with its receptions, pages, children and skipped members; the chain of
 * containers in words; low-confidence OCR pages; the queue at a glance with
 * its counts, lists and rate; and a missing item or a damaged result
 * shown as unknown, never a crash.
 *
 * Every test gets a fresh data directory holding an e-mail that carries a
 * zip that carries a scan (four OCR pages: good, low, blank, low), a failed,
 * an unsupported and an encrypted item, one item queued and one processing.
 */
#include "report/report.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char mail[] = "aa0000000000000000000000000000000000000000000000000000000000000a";
static const char zip[] = "bb0000000000000000000000000000000000000000000000000000000000000b";
static const char scan[] = "cc0000000000000000000000000000000000000000000000000000000000000c";
static const char failed[] = "dd0000000000000000000000000000000000000000000000000000000000000d";
static const char unsup[] = "ee0000000000000000000000000000000000000000000000000000000000000e";
static const char locked[] = "ff0000000000000000000000000000000000000000000000000000000000000f";
static const char queued[] = "1100000000000000000000000000000000000000000000000000000000000001";
static const char active[] = "2200000000000000000000000000000000000000000000000000000000000002";
static const char missing[] = "9900000000000000000000000000000000000000000000000000000000000009";

static const char received[] = "2025-03-01T10:00:00.000Z";
static const char scan_chain[] =
    "scan_03.jpg in folder/ in case_files.zip in email 'Re: documents' received 2025-03-01";

static char *data;

/* receive - record a reception of sha, on the fixed day */
static void receive(const char *sha, const char *path, const char *name, const char *parent,
                    const char *member, uint64_t size)
{
    item_reception r = {.time = received,
                        .path = path,
                        .name = name,
                        .parent = parent,
                        .member = member,
                        .size = size};
    char *err = NULL;
    ck_assert_msg(item_reception_add(data, sha, &r, &err) == 0, "%s", err);
}

/* put - queue sha in `state` */
static void put(const char *sha, queue_state state)
{
    char *err = NULL;
    int added = 0;
    ck_assert_msg(queue_enqueue(data, sha, &added, &err) == 0, "%s", err);
    ck_assert_int_eq(added, 1);
    if (state != QUEUE_INCOMING)
        ck_assert_msg(queue_move(data, sha, QUEUE_INCOMING, state, &err) == 0, "%s", err);
}

/* save - save r as its item's result and free it */
static void save(item_result *r)
{
    char *err = NULL;
    ck_assert_msg(item_result_save(data, r, &err) == 0, "%s", err);
    item_result_free(r);
}

/* add_page - a page of r */
static void add_page(item_result *r, int number, const char *text, item_source source,
                     double confidence, bool blank)
{
    item_page p = {.number = number,
                   .text = (char *)text,
                   .source = source,
                   .confidence = confidence,
                   .blank = blank};
    item_result_add_page(r, &p);
}

/* outcome - a result with only an outcome, saved */
static void outcome(const char *sha, const char *mime, item_status status, const char *reason)
{
    item_result *r = item_result_new(sha);
    item_result_set_outcome(r, mime, status, reason);
    save(r);
}

/* build_mail_chain - the e-mail (received twice), its zip and the zip's scan */
static void build_mail_chain(void)
{
    receive(mail, "/inbox/mail.eml", "mail.eml", NULL, NULL, 9000);
    receive(mail, "/inbox/again/copy.eml", "copy.eml", NULL, NULL, 9000);
    receive(zip, "/inbox/mail.eml", "case_files.zip", mail, "case_files.zip", 5000);
    receive(scan, "/inbox/mail.eml", "scan_03.jpg", zip, "folder/scan_03.jpg", 4096);
    item_result *r = item_result_new(mail);
    item_result_set_outcome(r, "message/rfc822", ITEM_DONE, NULL);
    item_result_add_meta(r, "subject", "Re: documents");
    add_page(r, 1, "see the attachment", ITEM_SOURCE_PLAIN, -1, false);
    item_result_add_child(r, zip, "case_files.zip", 5000);
    save(r);
    r = item_result_new(zip);
    item_result_set_outcome(r, "application/zip", ITEM_DONE, NULL);
    item_result_add_child(r, scan, "folder/scan_03.jpg", 4096);
    item_result_add_skipped(r, "folder/link", "symbolic link to '/etc': not followed");
    save(r);
    r = item_result_new(scan);
    item_result_set_outcome(r, "image/tiff", ITEM_DONE, NULL);
    add_page(r, 1, "ПРИГОВОР", ITEM_SOURCE_OCR, 87.5, false);
    add_page(r, 2, "смазано", ITEM_SOURCE_OCR, 41, false);
    add_page(r, 3, "", ITEM_SOURCE_OCR, -1, true);
    add_page(r, 4, "бледно", ITEM_SOURCE_OCR, 38, false);
    save(r);
}

/* setup - the data directory described at the top */
static void setup(void)
{
    data = tu_tempdir("report");
    char *err = NULL;
    ck_assert_msg(queue_init(data, &err) == 0, "%s", err);
    build_mail_chain();
    receive(failed, "/inbox/broken.pdf", "broken.pdf", NULL, NULL, 10);
    save(item_result_failed(failed, "application/pdf", "damaged xref table"));
    receive(unsup, "/inbox/tool.exe", "tool.exe", NULL, NULL, 20);
    outcome(unsup, "application/x-dosexec", ITEM_UNSUPPORTED, "unsupported type");
    receive(locked, "/inbox/locked.zip", "locked.zip", NULL, NULL, 30);
    outcome(locked, "application/zip", ITEM_ENCRYPTED, "encrypted archive");
    receive(queued, "/inbox/new.txt", "new.txt", NULL, NULL, 40);
    receive(active, "/inbox/big.pdf", "big.pdf", NULL, NULL, 50);
    const char *done[] = {mail, zip, scan, unsup, locked};
    for (size_t i = 0; i < sizeof done / sizeof *done; i++)
        put(done[i], QUEUE_DONE);
    put(failed, QUEUE_FAILED);
    put(queued, QUEUE_INCOMING);
    put(active, QUEUE_ACTIVE);
}

/* teardown - remove it */
static void teardown(void)
{
    tu_rmtree(data);
    free(data);
}

/* item_json - report_item_json of the item's report */
static json_object *item_json(const char *sha)
{
    item_report *r = item_report_load(data, sha);
    json_object *o = report_item_json(r);
    item_report_free(r);
    return o;
}

/* status_json - report_status_json of the queue report of dir, or NULL */
static json_object *status_json(const char *dir, char **err)
{
    queue_report *q = queue_report_load(dir, false, err);
    json_object *o = q ? report_status_json(q) : NULL;
    queue_report_free(q);
    return o;
}

/* parents_json - report_parents_json of the item's parents */
static json_object *parents_json(const char *sha)
{
    report_parents parents = report_parents_load(data, sha);
    json_object *o = report_parents_json(&parents);
    report_parents_free(&parents);
    return o;
}

/* low_confidence_json - the status's "low_confidence_items" */
static json_object *low_confidence_json(void)
{
    char *err = NULL;
    json_object *o = status_json(data, &err), *list = NULL;
    ck_assert_msg(o != NULL, "%s", err);
    json_object_object_get_ex(o, "low_confidence_items", &list);
    json_object_get(list);
    json_object_put(o);
    return list;
}

/* string_of - o[key] if it is a string, else NULL */
static const char *string_of(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* get - o[key], which must be there (its value may be null) */
static json_object *get(json_object *o, const char *key)
{
    json_object *v = NULL;
    ck_assert_msg(json_object_object_get_ex(o, key, &v), "no \"%s\" in %s", key,
                  json_object_to_json_string(o));
    return v;
}

/* expect_str - o[key] is there and is `want` (NULL: null) */
static void expect_str(json_object *o, const char *key, const char *want)
{
    json_object *v = get(o, key);
    if (want == NULL)
        ck_assert_msg(v == NULL, "\"%s\" is %s, not null", key, json_object_to_json_string(v));
    else
        ck_assert_pstr_eq(string_of(o, key), want);
}

/* expect_int - o[key] is the integer `want` */
static void expect_int(json_object *o, const char *key, int64_t want)
{
    json_object *v = get(o, key);
    ck_assert_msg(json_object_is_type(v, json_type_int), "\"%s\" is not an integer", key);
    ck_assert_int_eq(json_object_get_int64(v), want);
}

/* array - o[key], an array of n elements */
static json_object *array(json_object *o, const char *key, size_t n)
{
    json_object *v = get(o, key);
    ck_assert_msg(json_object_is_type(v, json_type_array), "\"%s\" is not an array", key);
    ck_assert_uint_eq(json_object_array_length(v), n);
    return v;
}

/* at - element i of an array */
static json_object *at(json_object *list, size_t i)
{
    return json_object_array_get_idx(list, i);
}

/* write_file - put text at DATA/items/ab/<sha>.<name> */
static void write_file(const char *sha, const char *name, const char *text)
{
    char *path = item_file(data, sha, name);
    tu_write(path, text, strlen(text));
    free(path);
}

START_TEST(item_record)
{
    json_object *o = item_json(scan);
    expect_str(o, "sha256", scan);
    expect_str(o, "name", "scan_03.jpg");
    expect_str(o, "path", "/inbox/mail.eml");
    expect_str(o, "received", received);
    expect_int(o, "size", 4096);
    expect_str(o, "mime", "image/tiff");
    expect_str(o, "status", "done");
    expect_str(o, "reason", NULL);
    expect_str(o, "parent", zip);
    expect_str(o, "member", "folder/scan_03.jpg");
    char *stored = evidence_path(data, scan);
    expect_str(o, "stored", stored);
    free(stored);
    json_object *receptions = array(o, "receptions", 1);
    expect_str(at(receptions, 0), "time", received);
    expect_str(at(receptions, 0), "member", "folder/scan_03.jpg");
    json_object *pages = array(o, "pages", 4);
    expect_int(at(pages, 0), "number", 1);
    expect_str(at(pages, 0), "text", "ПРИГОВОР");
    expect_str(at(pages, 0), "source", "ocr");
    ck_assert(json_object_get_double(get(at(pages, 0), "confidence")) == 87.5);
    expect_str(at(pages, 2), "confidence", NULL); /* blank: not recognised */
    ck_assert(json_object_get_boolean(get(at(pages, 2), "blank")));
    array(o, "children", 0);
    json_object *parents = array(o, "parents", 2);
    expect_str(at(parents, 0), "sha256", zip);
    expect_str(at(parents, 1), "sha256", mail);
    expect_str(o, "chain", scan_chain);
    expect_str(o, "meta", NULL);
    expect_str(o, "skipped", NULL);
    expect_str(o, "searchable_pdf", NULL);
    /* the record owns all it holds: a second one is built alike */
    json_object *again = item_json(scan);
    ck_assert(json_object_equal(o, again));
    json_object_put(again);
    json_object_put(o);
}
END_TEST

START_TEST(containers_and_receptions)
{
    json_object *o = item_json(zip);
    json_object *children = array(o, "children", 1);
    expect_str(at(children, 0), "sha256", scan);
    expect_str(at(children, 0), "member", "folder/scan_03.jpg");
    expect_int(at(children, 0), "size", 4096);
    json_object *skipped = array(o, "skipped", 1);
    expect_str(at(skipped, 0), "member", "folder/link");
    expect_str(at(skipped, 0), "reason", "symbolic link to '/etc': not followed");
    array(o, "pages", 0);
    json_object_put(o);
    /* received twice: the first reception names it, both are listed */
    o = item_json(mail);
    expect_str(o, "name", "mail.eml");
    expect_str(o, "parent", NULL);
    expect_str(o, "chain", NULL);
    array(o, "parents", 0);
    json_object *receptions = array(o, "receptions", 2);
    expect_str(at(receptions, 1), "name", "copy.eml");
    expect_str(at(receptions, 1), "path", "/inbox/again/copy.eml");
    expect_str(get(o, "meta"), "subject", "Re: documents");
    json_object_put(o);
}
END_TEST

START_TEST(queue_states_and_failures)
{
    static const struct {
        const char *sha, *status, *mime, *reason;
    } want[] = {
        {queued, "queued", NULL, NULL},
        {active, "processing", NULL, NULL},
        {failed, "failed", "application/pdf", "damaged xref table"},
        {unsup, "unsupported", "application/x-dosexec", "unsupported type"},
        {locked, "encrypted", "application/zip", "encrypted archive"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        json_object *o = item_json(want[i].sha);
        expect_str(o, "status", want[i].status);
        expect_str(o, "mime", want[i].mime);
        expect_str(o, "reason", want[i].reason);
        array(o, "pages", 0);
        array(o, "receptions", 1);
        json_object_put(o);
    }
}
END_TEST

START_TEST(chain_in_words)
{
    char *chain = report_chain(data, scan);
    ck_assert_pstr_eq(chain, scan_chain);
    free(chain); /* malloc'd, as report.h says */
    chain = report_chain(data, zip);
    ck_assert_pstr_eq(chain, "case_files.zip in email 'Re: documents' received 2025-03-01");
    free(chain);
    ck_assert_ptr_null(report_chain(data, mail)); /* received directly */
    /* an e-mail is dated by its Date header */
    item_result *r = item_result_load(data, mail, NULL);
    ck_assert_ptr_nonnull(r);
    item_result_add_meta(r, "date", "2025-02-28T09:15:00+03:00");
    save(r);
    chain = report_chain(data, zip);
    ck_assert_pstr_eq(chain, "case_files.zip in email 'Re: documents' received 2025-02-28");
    free(chain);
    /* an archive received directly, with no result yet, is named by its file name */
    static const char tar[] = "3300000000000000000000000000000000000000000000000000000000000003";
    static const char deep[] = "4400000000000000000000000000000000000000000000000000000000000004";
    receive(tar, "/inbox/case.tar", "case.tar", NULL, NULL, 100);
    receive(deep, "/inbox/case.tar", "a.txt", tar, "docs/2024/a.txt", 10);
    chain = report_chain(data, deep);
    ck_assert_pstr_eq(chain, "a.txt in docs/2024/ in case.tar received 2025-03-01");
    free(chain);
}
END_TEST

START_TEST(parents_and_cycles)
{
    json_object *parents = parents_json(scan);
    ck_assert_uint_eq(json_object_array_length(parents), 2);
    expect_str(at(parents, 0), "sha256", zip);
    expect_str(at(parents, 0), "name", "case_files.zip");
    expect_str(at(parents, 0), "member", "folder/scan_03.jpg");
    expect_str(at(parents, 1), "sha256", mail);
    expect_str(at(parents, 1), "name", "mail.eml");
    expect_str(at(parents, 1), "member", "case_files.zip");
    json_object_put(parents);
    /* two items inside each other: the chain is cut where it comes back */
    static const char a[] = "5500000000000000000000000000000000000000000000000000000000000005";
    static const char b[] = "6600000000000000000000000000000000000000000000000000000000000006";
    receive(a, "/inbox/a.zip", "a.zip", b, "a.zip", 1);
    receive(b, "/inbox/a.zip", "b.zip", a, "b.zip", 1);
    parents = parents_json(a);
    ck_assert_uint_eq(json_object_array_length(parents), 1);
    expect_str(at(parents, 0), "sha256", b);
    json_object_put(parents);
    char *chain = report_chain(data, a);
    ck_assert_pstr_eq(chain, "a.zip in b.zip received 2025-03-01");
    free(chain);
    /* an item that names itself its parent was received directly */
    static const char self[] = "7700000000000000000000000000000000000000000000000000000000000007";
    receive(self, "/inbox/self.zip", "self.zip", self, "self.zip", 1);
    parents = parents_json(self);
    ck_assert_uint_eq(json_object_array_length(parents), 0);
    json_object_put(parents);
    ck_assert_ptr_null(report_chain(data, self));
}
END_TEST

START_TEST(low_confidence_pages)
{
    json_object *o = item_json(scan);
    json_object *pages = array(o, "pages", 4);
    static const bool low[] = {false, true, false, true}; /* 87.5, 41, blank, 38 */
    for (size_t i = 0; i < 4; i++) {
        json_object *flag = NULL;
        ck_assert_msg(json_object_object_get_ex(at(pages, i), "low_confidence", &flag) == low[i],
                      "page %zu", i + 1);
        ck_assert(!low[i] || json_object_get_boolean(flag));
    }
    json_object_put(o);
    json_object *list = low_confidence_json();
    ck_assert_uint_eq(json_object_array_length(list), 1);
    expect_str(at(list, 0), "sha256", scan);
    expect_str(at(list, 0), "name", "scan_03.jpg");
    expect_str(at(list, 0), "mime", "image/tiff");
    expect_str(at(list, 0), "reason", "low OCR confidence on pages 2 (41%), 4 (38%)");
    json_object_put(list);
    /* DATA/ocr.conf moves the threshold */
    char *conf = tu_path(data, "ocr.conf");
    tu_write(conf, "low_confidence = 40\n", 20);
    free(conf);
    o = item_json(scan);
    pages = array(o, "pages", 4);
    ck_assert(!json_object_object_get_ex(at(pages, 1), "low_confidence", NULL));
    ck_assert(json_object_object_get_ex(at(pages, 3), "low_confidence", NULL));
    json_object_put(o);
    list = low_confidence_json();
    ck_assert_uint_eq(json_object_array_length(list), 1);
    expect_str(at(list, 0), "reason", "low OCR confidence on page 4 (38%)");
    json_object_put(list);
}
END_TEST

START_TEST(searchable_pdf)
{
    /* the OCR cache keeps it under the settings it was read with */
    char *rel = g_strdup_printf("cache/ocr/cc/%s/settings/searchable.pdf", scan);
    char *pdf = tu_path(data, rel);
    tu_write(pdf, "%PDF-1.4\n", 9);
    json_object *o = item_json(scan);
    expect_str(o, "searchable_pdf", pdf);
    free(pdf);
    g_free(rel);
    json_object_put(o);
    /* a record without a result gets the key too */
    o = item_json(missing);
    expect_str(o, "searchable_pdf", NULL);
    json_object_put(o);
}
END_TEST

START_TEST(queue_at_a_glance)
{
    char *err = NULL;
    json_object *o = status_json(data, &err);
    ck_assert_msg(o != NULL, "%s", err);
    expect_int(o, "queued", 1);
    expect_int(o, "processing", 1);
    expect_int(o, "done", 5);
    expect_int(o, "failed", 1);
    expect_int(o, "unsupported", 1);
    expect_int(o, "encrypted", 1);
    json_object *item = at(array(o, "failed_items", 1), 0);
    expect_str(item, "sha256", failed);
    expect_str(item, "name", "broken.pdf");
    expect_str(item, "path", "/inbox/broken.pdf");
    expect_str(item, "mime", "application/pdf");
    expect_str(item, "reason", "damaged xref table");
    item = at(array(o, "unsupported_items", 1), 0);
    expect_str(item, "sha256", unsup);
    expect_str(item, "reason", "unsupported type");
    item = at(array(o, "encrypted_items", 1), 0);
    expect_str(item, "sha256", locked);
    expect_str(item, "mime", "application/zip");
    item = at(array(o, "processing_items", 1), 0);
    expect_str(item, "sha256", active);
    expect_str(item, "name", "big.pdf");
    expect_str(item, "mime", NULL);
    expect_str(at(array(o, "low_confidence_items", 1), 0), "sha256", scan);
    /* every done item was just done: the e-mail's page and the scan's four */
    expect_int(o, "pages_last_10min", 5);
    ck_assert(json_object_get_double(get(o, "pages_per_minute")) == 0.5);
    ck_assert_str_eq(json_object_to_json_string(get(o, "pages_per_minute")), "0.5");
    json_object_put(o);
}
END_TEST

START_TEST(missing_item)
{
    json_object *o = item_json(missing);
    expect_str(o, "sha256", missing);
    expect_str(o, "status", "unknown");
    expect_str(o, "name", NULL);
    expect_str(o, "received", NULL);
    expect_str(o, "size", NULL);
    expect_str(o, "mime", NULL);
    expect_str(o, "chain", NULL);
    array(o, "receptions", 0);
    array(o, "pages", 0);
    array(o, "children", 0);
    array(o, "parents", 0);
    json_object_put(o);
    ck_assert_ptr_null(report_chain(data, missing));
    /* a data directory without a queue */
    char *err = NULL, *nowhere = tu_path(data, "no/such/data");
    ck_assert_ptr_null(status_json(nowhere, &err));
    ck_assert_ptr_nonnull(err);
    ck_assert_msg(strstr(err, "no/such/data") != NULL, "'%s' does not name the folder", err);
    free(err);
    free(nowhere);
    /* one nothing was received into yet: every count 0, and said so */
    char *fresh = tu_path(data, "fresh");
    ck_assert_int_eq(mkdir(fresh, 0700), 0);
    err = NULL;
    o = status_json(fresh, &err);
    ck_assert_msg(o != NULL, "%s", err);
    ck_assert(json_object_get_boolean(get(o, "nothing_received")));
    expect_int(o, "queued", 0);
    expect_int(o, "done", 0);
    expect_int(o, "failed", 0);
    array(o, "failed_items", 0);
    json_object_put(o);
    free(fresh);
    /* the full one is not said to be empty */
    o = status_json(data, &err);
    ck_assert_msg(o != NULL, "%s", err);
    ck_assert(!json_object_get_boolean(get(o, "nothing_received")));
    json_object_put(o);
}
END_TEST

START_TEST(damaged_result)
{
    const char *result = item_record_name(ITEM_RECORD_RESULT);
    write_file(failed, result, "{\"status\":");         /* not JSON */
    write_file(scan, result, "{\"status\":\"weird\"}"); /* not a result */
    json_object *o = item_json(failed);
    expect_str(o, "status", "unknown"); /* the queue says failed, nothing says why */
    expect_str(o, "name", "broken.pdf");
    expect_str(o, "mime", NULL);
    expect_str(o, "reason", NULL);
    array(o, "pages", 0);
    json_object_put(o);
    o = item_json(scan);
    expect_str(o, "status", "unknown");
    array(o, "pages", 0);
    expect_str(o, "chain", scan_chain); /* the receptions still tell where it came from */
    json_object_put(o);
    char *err = NULL;
    o = status_json(data, &err);
    ck_assert_msg(o != NULL, "%s", err);
    expect_int(o, "failed", 1);
    json_object *item = at(array(o, "failed_items", 1), 0);
    expect_str(item, "name", "broken.pdf");
    expect_str(item, "mime", NULL);
    expect_str(item, "reason", NULL);
    array(o, "low_confidence_items", 0);
    expect_int(o, "pages_last_10min", 1); /* the scan's pages are not known any more */
    json_object_put(o);
}
END_TEST

START_TEST(typed_views)
{
    item_report *r = item_report_load(data, scan);
    ck_assert_str_eq(r->sha256, scan);
    ck_assert_str_eq(r->first->name, "scan_03.jpg");
    ck_assert_str_eq(r->status, "done");
    ck_assert_uint_eq(r->result->npages, 4);
    static const bool low[] = {false, true, false, true};
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(r->low_confidence[i] == low[i], "page %zu", i + 1);
    ck_assert_uint_eq(r->parents.n, 2);
    ck_assert_str_eq(r->parents.list[0].sha256, zip);
    ck_assert_str_eq(r->parents.list[1].name, "mail.eml");
    ck_assert_str_eq(r->chain, scan_chain);
    ck_assert_ptr_null(r->searchable_pdf);
    item_report_free(r);
    r = item_report_load(data, missing);
    ck_assert_str_eq(r->status, "unknown");
    ck_assert_ptr_null(r->first);
    ck_assert_ptr_null(r->result);
    ck_assert_ptr_null(r->low_confidence);
    ck_assert_uint_eq(r->parents.n, 0);
    item_report_free(r);
    char *err = NULL;
    queue_report *q = queue_report_load(data, false, &err);
    ck_assert_msg(q != NULL, "%s", err);
    ck_assert_uint_eq(q->queued, 1);
    ck_assert_uint_eq(q->processing, 1);
    ck_assert_uint_eq(q->done, 5);
    ck_assert_uint_eq(q->failed, 1);
    ck_assert_uint_eq(q->failed_items.n, 1);
    ck_assert_str_eq(q->failed_items.list[0].reason, "damaged xref table");
    ck_assert_uint_eq(q->processing_items.n, 1);
    ck_assert_ptr_null(q->processing_items.list[0].mime);
    ck_assert_uint_eq(q->low_confidence_items.n, 1);
    ck_assert_str_eq(q->low_confidence_items.list[0].sha256, scan);
    ck_assert_int_eq(q->pages_last_10min, 5);
    ck_assert(q->pages_per_minute == 0.5);
    queue_report_free(q);
}
END_TEST

START_TEST(summary_lists_and_file)
{
    /* a list keeps its newest QUEUE_SUMMARY_LIST_MAX, the count all of them */
    queue_summary *sum = queue_summary_new(60);
    time_t now = time(NULL);
    for (int i = 0; i < 150; i++) {
        char sha[65];
        snprintf(sha, sizeof sha, "%064x", i);
        item_result *r = item_result_failed(sha, "application/pdf", "damaged");
        queue_summary_stage(sum, data, sha, QUEUE_FAILED, r, 0, NULL);
        item_result_free(r);
    }
    queue_summary_drop(sum); /* a group that was not committed counts nothing */
    ck_assert_uint_eq(sum->failed, 0);
    for (int i = 0; i < 150; i++) {
        char sha[65];
        snprintf(sha, sizeof sha, "%064x", i);
        item_result *r = item_result_new(sha);
        queue_summary_stage(sum, data, sha, QUEUE_DONE, r, 3, i % 2 ? "1 (41%)" : NULL);
        item_result_free(r);
    }
    queue_summary_commit(sum, now);
    queue_summary_add(sum, data, failed, QUEUE_FAILED, NULL, 0, NULL, now);
    ck_assert_uint_eq(sum->done, 150);
    ck_assert_uint_eq(sum->pages, 450);
    ck_assert_uint_eq(sum->low_confidence, 75);
    ck_assert_uint_eq(sum->low_confidence_items.n, 75);
    ck_assert_str_eq(sum->low_confidence_items.list[0].reason,
                     "low OCR confidence on page 1 (41%)");
    ck_assert_uint_eq(sum->failed, 1);
    ck_assert_int_eq(queue_summary_pages_since(sum, now, 600), 450);
    ck_assert_int_eq(queue_summary_pages_since(sum, now + 700, 600), 0);

    /* saved and read back the same; the queue moving on shows */
    char *err = NULL;
    ck_assert_msg(queue_summary_save(sum, data, &err) == 0, "%s", err);
    queue_summary *back = queue_summary_load(data, &err);
    ck_assert_msg(back != NULL, "%s", err);
    ck_assert_uint_eq(back->done, 150);
    ck_assert_uint_eq(back->pages, 450);
    ck_assert_uint_eq(back->low_confidence, 75);
    ck_assert_uint_eq(back->failed_items.n, 1);
    ck_assert_int_eq(queue_summary_pages_since(back, now, 600), 450);
    ck_assert(!queue_summary_changed(back, data, QUEUE_DONE));
    ck_assert(!queue_summary_changed(back, data, QUEUE_FAILED));
    char *err2 = NULL;
    ck_assert_msg(queue_move(data, unsup, QUEUE_DONE, QUEUE_INCOMING, &err2) == 0, "%s", err2);
    ck_assert(queue_summary_changed(back, data, QUEUE_DONE));
    queue_summary_free(back);

    /* more failed items than a list holds */
    for (int i = 0; i < 150; i++) {
        char sha[65];
        snprintf(sha, sizeof sha, "%064x", 1000 + i);
        queue_summary_add(sum, data, sha, QUEUE_FAILED, NULL, 0, NULL, now);
    }
    ck_assert_uint_eq(sum->failed, 151);
    ck_assert_uint_eq(sum->failed_items.n, QUEUE_SUMMARY_LIST_MAX);
    char newest[65];
    snprintf(newest, sizeof newest, "%064x", 1149);
    ck_assert_str_eq(sum->failed_items.list[QUEUE_SUMMARY_LIST_MAX - 1].sha256, newest);
    queue_summary_free(sum);

    /* another version's file is not used */
    char *path = tu_path(data, QUEUE_SUMMARY_FILE);
    tu_write(path, "{\"version\":999}", 15);
    ck_assert_ptr_null(queue_summary_load(data, &err));
    ck_assert_str_eq(err, "the status summary was written by another version of dokaz");
    free(err);
    free(path);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("report");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, item_record);
    tcase_add_test(tc, containers_and_receptions);
    tcase_add_test(tc, queue_states_and_failures);
    tcase_add_test(tc, chain_in_words);
    tcase_add_test(tc, parents_and_cycles);
    tcase_add_test(tc, low_confidence_pages);
    tcase_add_test(tc, searchable_pdf);
    tcase_add_test(tc, queue_at_a_glance);
    tcase_add_test(tc, missing_item);
    tcase_add_test(tc, damaged_result);
    tcase_add_test(tc, typed_views);
    tcase_add_test(tc, summary_lists_and_file);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
