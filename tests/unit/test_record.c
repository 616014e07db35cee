/*
 * test_record.c - typed item records: a full result through save and load
 * (derived data untouched), version 1 records, a record's version read
 * without loading it, failed results, receptions, pages read one at a time
 * (longer than the reader's buffer, in a record laid out otherwise), and
 * damaged files refused with a message that names them; member lists
 * spooled to files saved as the same bytes, and left out of a record opened
 * for indexing.
 */
#include "common/filehash.h"
#include "record/record.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char sha[] = "abcdef0000000000000000000000000000000000000000000000000000000001";
static const char sha2[] = "abcdef1111111111111111111111111111111111111111111111111111111112";

/* write_result - put `text` in the item's result.json.gz as it is (not
 * compressed, which the reader takes as it is), as a damaged or old file */
static void write_result(const char *data_dir, const char *text)
{
    char *path = item_file(data_dir, sha, item_record_name(ITEM_RECORD_RESULT));
    tu_write(path, text, strlen(text));
    free(path);
}

START_TEST(full_result_round_trip)
{
    char *dir = tu_tempdir("record");
    item_result *r = item_result_new(sha);
    item_page one = {.number = 1,
                     .text = "Приговор",
                     .source = ITEM_SOURCE_TEXT_LAYER,
                     .confidence = -1,
                     .derived = json_tokener_parse("{\"fields\":{\"case\":[\"1-23/2024\"]}}")};
    item_page two = {.number = 2, .text = "scan", .source = ITEM_SOURCE_OCR, .confidence = 87.5};
    item_page three = {.number = 3,
                       .text = "",
                       .source = ITEM_SOURCE_OCR,
                       .confidence = -1,
                       .blank = true};
    item_result_add_page(r, &one);
    item_result_add_page(r, &two);
    item_result_add_page(r, &three);
    item_result_add_child(r, sha2, "d/a.pdf", 42);
    item_result_add_meta(r, "subject", "Re: documents");
    item_result_add_meta(r, "to", "a@x");
    item_result_add_meta(r, "to", "b@x");
    item_result_add_skipped(r, "link", "a symbolic link");
    r->derived = json_tokener_parse("{\"persons\":[\"ivanou\"]}");
    item_result_set_outcome(r, "application/pdf", ITEM_DONE, NULL);
    char *err = NULL;
    ck_assert_int_eq(item_result_save(dir, r, &err), 0);

    item_result *back = item_result_load(dir, sha, &err);
    ck_assert_ptr_nonnull(back);
    ck_assert_int_eq(back->version, RECORD_VERSION);
    ck_assert_str_eq(back->sha256, sha);
    ck_assert_str_eq(back->mime, "application/pdf");
    ck_assert_int_eq(back->status, ITEM_DONE);
    ck_assert_ptr_null(back->reason);
    ck_assert_uint_eq(back->npages, 3);
    ck_assert_str_eq(back->pages[0].text, "Приговор");
    ck_assert_int_eq(back->pages[0].source, ITEM_SOURCE_TEXT_LAYER);
    ck_assert(back->pages[0].confidence < 0);
    ck_assert(json_object_equal(back->pages[0].derived, r->pages[0].derived));
    ck_assert_int_eq(back->pages[1].number, 2);
    ck_assert(back->pages[1].confidence == 87.5);
    ck_assert_ptr_null(back->pages[1].derived);
    ck_assert(!back->pages[1].blank);
    ck_assert(back->pages[2].blank);
    ck_assert_uint_eq(back->nchildren, 1);
    ck_assert_str_eq(back->children[0].sha256, sha2);
    ck_assert_str_eq(back->children[0].member, "d/a.pdf");
    ck_assert_uint_eq(back->children[0].size, 42);
    ck_assert_uint_eq(back->nmeta, 2);
    ck_assert_str_eq(back->meta[0].name, "subject");
    ck_assert_str_eq(item_result_meta(back, "to"), "a@x, b@x");
    ck_assert_ptr_null(item_result_meta(back, "from"));
    ck_assert_uint_eq(back->nskipped, 1);
    ck_assert_str_eq(back->skipped[0].reason, "a symbolic link");
    ck_assert(json_object_equal(back->derived, r->derived));
    /* saving what was loaded writes the same bytes */
    json_object *a = item_result_json(r), *b = item_result_json(back);
    ck_assert_str_eq(json_object_to_json_string(a), json_object_to_json_string(b));
    json_object_put(a);
    json_object_put(b);
    item_result_free(back);
    item_result_free(r);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(meta_as_pairs)
{
    item_result *r = item_result_new(sha);
    ck_assert_ptr_null(item_result_meta_pairs(r));
    item_result_add_meta(r, "from", "Иванов <a@x>");
    item_result_add_meta(r, "to", "a@x");
    item_result_add_meta(r, "to", "b@x");
    const char **pairs = item_result_meta_pairs(r);
    ck_assert_str_eq(pairs[0], "from");
    ck_assert_str_eq(pairs[1], "Иванов <a@x>");
    ck_assert_str_eq(pairs[2], "to");
    ck_assert_str_eq(pairs[3], "a@x, b@x");
    ck_assert_ptr_null(pairs[4]);
    g_free(pairs);
    item_result_free(r);
}
END_TEST

START_TEST(version_1_records_are_read)
{
    char *dir = tu_tempdir("record");
    write_result(dir,
                 "{\"sha256\":\"abcdef0000000000000000000000000000000000000000000000000000000001\","
                 "\"mime\":\"text/plain\",\"status\":\"unsupported\",\"reason\":null,"
                 "\"pages\":[{\"number\":1,\"text\":\"hi\",\"source\":\"plain\","
                 "\"confidence\":null}],\"children\":[]}");
    char *err = NULL;
    item_result *r = item_result_load(dir, sha, &err);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->version, 1);
    ck_assert_int_eq(r->status, ITEM_UNSUPPORTED);
    ck_assert_uint_eq(r->npages, 1);
    ck_assert_str_eq(r->pages[0].text, "hi");
    ck_assert(r->pages[0].confidence < 0);
    ck_assert_ptr_null(r->derived);
    ck_assert_uint_eq(r->nmeta, 0);
    item_result_free(r);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(versions_read_cheaply)
{
    char *dir = tu_tempdir("record");
    char *err = NULL;
    ck_assert_int_eq(item_result_version(dir, sha, &err), 0); /* none yet */
    ck_assert_ptr_null(err);
    item_result *r = item_result_new(sha);
    ck_assert_int_eq(item_result_save(dir, r, &err), 0);
    item_result_free(r);
    ck_assert_int_eq(item_result_version(dir, sha, &err), RECORD_VERSION);
    write_result(dir, "{\"status\":\"done\",\"pages\":[]}");
    ck_assert_int_eq(item_result_version(dir, sha, &err), 1);
    write_result(dir, "{\"status\":\"done\",\"version\":2}"); /* not first: loaded whole */
    ck_assert_int_eq(item_result_version(dir, sha, &err), 2);
    write_result(dir, "{\"version\":99,\"status\":\"done\"}");
    ck_assert_int_eq(item_result_version(dir, sha, &err), 99);
    ck_assert_ptr_null(err);
    write_result(dir, "{\"version\":2");
    ck_assert_int_eq(item_result_version(dir, sha, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "result.json.gz is not valid JSON"));
    free(err);
    err = NULL;
    write_result(dir, "[1,2]");
    ck_assert_int_eq(item_result_version(dir, sha, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "not a JSON object"));
    free(err);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* in_folder - the path of a file in the item's own folder, where a dokaz
 * before 2026-12-06 kept an item's records (free) */
static char *in_folder(const char *data_dir, const char *name)
{
    return g_strdup_printf("%s/items/%.2s/%s/%s", data_dir, sha, sha, name);
}

START_TEST(results_are_saved_compressed_and_older_ones_read)
{
    char *dir = tu_tempdir("record"), *err = NULL;
    char *saved = in_folder(dir, item_record_name(ITEM_RECORD_RESULT));
    char *older = in_folder(dir, RECORD_RESULT_UNCOMPRESSED);

    /* an older dokaz's uncompressed result.json, in the item's folder: found,
     * read, hashed as it is */
    const char *text = "{\"version\":4,\"status\":\"done\",\"pages\":[{\"number\":1,"
                       "\"text\":\"Приговор\",\"source\":\"plain\"}]}";
    tu_write(older, text, strlen(text));
    ck_assert_str_eq(item_record_found(dir, sha, ITEM_RECORD_RESULT), RECORD_RESULT_UNCOMPRESSED);
    ck_assert_int_eq(item_result_version(dir, sha, &err), 4);
    item_result *r = item_result_load(dir, sha, &err);
    ck_assert_msg(r != NULL, "%s", err);
    ck_assert_str_eq(r->pages[0].text, "Приговор");
    char hex[65], want[65];
    ck_assert_int_eq(item_record_sha256(dir, sha, ITEM_RECORD_RESULT, hex, &err), 0);
    ck_assert_int_eq(filehash_sha256(older, want, NULL, NULL, NULL, &err), 0);
    ck_assert_str_eq(hex, want);

    /* saved again: compressed, under the new name, in the item's folder (its
     * records are never split), and the older file gone */
    ck_assert_int_eq(item_result_save(dir, r, &err), 0);
    item_result_free(r);
    ck_assert(!g_file_test(older, G_FILE_TEST_EXISTS));
    ck_assert_str_eq(item_record_found(dir, sha, ITEM_RECORD_RESULT),
                     item_record_name(ITEM_RECORD_RESULT));
    size_t n = 0;
    char *bytes = tu_read(saved, &n);
    ck_assert_uint_ge(n, 2);
    ck_assert_int_eq((unsigned char)bytes[0], 0x1f); /* gzip's magic */
    ck_assert_int_eq((unsigned char)bytes[1], 0x8b);
    free(bytes);
    char *json = item_result_text(dir, sha, &n, &err);
    ck_assert_msg(json != NULL, "%s", err);
    ck_assert_uint_eq(n, strlen(json));
    ck_assert_ptr_nonnull(strstr(json, "\"text\":\"Приговор\""));
    g_free(json);
    ck_assert_int_eq(item_result_version(dir, sha, &err), RECORD_VERSION);
    ck_assert_int_eq(item_record_sha256(dir, sha, ITEM_RECORD_RESULT, hex, &err), 0);
    ck_assert_int_eq(filehash_sha256(saved, want, NULL, NULL, NULL, &err), 0);
    ck_assert_str_eq(hex, want); /* the audit log binds the bytes on disk */

    /* a damaged gzip stream is refused with zlib's word for it */
    static const unsigned char broken[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 1};
    tu_write(saved, broken, sizeof broken);
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_msg(strstr(err, "cannot read") && strstr(err, "result.json.gz"), "%s", err);
    free(err);
    err = NULL;
    ck_assert_ptr_null(item_result_text(dir, sha, NULL, &err));
    ck_assert_ptr_nonnull(strstr(err, "cannot read"));
    free(err);
    g_free(saved);
    g_free(older);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(failed_result)
{
    char *dir = tu_tempdir("record");
    char *err = NULL;
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    item_result *r = item_result_failed(sha, NULL, "the worker left no result");
    ck_assert_int_eq(item_result_save(dir, r, &err), 0);
    item_result_free(r);
    r = item_result_load(dir, sha, &err);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->status, ITEM_FAILED);
    ck_assert_str_eq(item_status_name(r->status), "failed");
    ck_assert_ptr_null(r->mime);
    ck_assert_str_eq(r->reason, "the worker left no result");
    ck_assert_uint_eq(r->npages + r->nchildren + r->nmeta + r->nskipped, 0);
    item_result_free(r);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(status_words)
{
    item_status s;
    const char *words[] = {"done", "failed", "unsupported", "encrypted"};
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(item_status_parse(words[i], &s), 0);
        ck_assert_str_eq(item_status_name(s), words[i]);
    }
    ck_assert_int_eq(item_status_parse("Done", &s), -1);
    ck_assert_int_eq(item_status_parse(NULL, &s), -1);
    item_source src;
    ck_assert_int_eq(item_source_parse("text-layer", &src), 0);
    ck_assert_int_eq(src, ITEM_SOURCE_TEXT_LAYER);
    ck_assert_int_eq(item_source_parse("text-layer+ocr", &src), 0);
    ck_assert_int_eq(src, ITEM_SOURCE_TEXT_LAYER_OCR);
    ck_assert_str_eq(item_source_name(ITEM_SOURCE_TEXT_LAYER_OCR), "text-layer+ocr");
    ck_assert_int_eq(item_source_parse("scan", &src), -1);
}
END_TEST

START_TEST(receptions_in_order)
{
    char *dir = tu_tempdir("record");
    char *err = NULL;
    ck_assert_ptr_null(item_receptions_load(dir, sha, &err));
    ck_assert_ptr_nonnull(err);
    free(err);
    err = NULL;
    item_reception a = {.path = "/in/a.pdf", .name = "a.pdf", .size = 10, .mtime_ns = 5};
    item_reception b = {.path = "/in/x.zip",
                        .name = "a.pdf",
                        .parent = sha2,
                        .member = "d/a.pdf",
                        .size = 10};
    ck_assert_int_eq(item_reception_add(dir, sha, &a, &err), 0);
    ck_assert_int_eq(item_reception_add(dir, sha, &b, &err), 0);
    item_receptions *list = item_receptions_load(dir, sha, &err);
    ck_assert_ptr_nonnull(list);
    ck_assert_uint_eq(list->n, 2);
    const item_reception *first = item_receptions_first(list);
    ck_assert_str_eq(first->path, "/in/a.pdf");
    ck_assert_ptr_null(first->member);
    ck_assert_int_eq(first->mtime_ns, 5);
    ck_assert_uint_eq(first->size, 10);
    ck_assert_str_eq(list->list[1].parent, sha2);
    ck_assert_str_eq(list->list[1].member, "d/a.pdf");
    ck_assert_int_eq(strlen(list->list[1].time), 24);
    item_receptions_free(list);
    ck_assert_ptr_null(item_receptions_first(NULL));
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* bound_is_records_hash - the bound item_reception_record gave is the hash
 * of the item's receptions as they are now */
static void bound_is_records_hash(const char *dir, const char *item, const char *bound)
{
    char now[65];
    char *err = NULL;
    ck_assert_int_eq(item_record_sha256(dir, item, ITEM_RECORD_RECEPTIONS, now, &err), 0);
    ck_assert_str_eq(bound, now);
}

/* receptions_file - where sha's receptions are: its log, or (own) its own
 * file, as a dokaz before the reception logs made it (g_free) */
static char *receptions_file(const char *dir, bool own)
{
    return own ? g_strdup_printf("%s/items/%.2s/%s.received.jsonl", dir, sha, sha)
               : g_strdup_printf("%s/items/%.2s/receptions-%c.jsonl", dir, sha, sha[2]);
}

/* append_raw - a line another process appends: sha's (with its hash at its
 * head in a log), or (other) sha2's, which shares sha's log */
static void append_raw(const char *dir, bool own, bool other, const char *fields)
{
    char *path = receptions_file(dir, own), *folder = g_path_get_dirname(path);
    ck_assert_int_eq(g_mkdir_with_parents(folder, 0755), 0);
    g_free(folder);
    FILE *f = fopen(path, "a");
    ck_assert_ptr_nonnull(f);
    if (own)
        fprintf(f, "{%s}\n", fields);
    else
        fprintf(f, "{\"sha256\":\"%s\",%s}\n", other ? sha2 : sha, fields);
    fclose(f);
    g_free(path);
}

/* Receiving one item many times costs no reading of all its receptions,
 * and the hash bound into the audit line is still that of all its lines,
 * also after another process appended to the file or replaced it, and
 * whatever another item sharing its log appended; the same for an item
 * that has a file of its own (_i == 1). A prefix finds an item that is only
 * in a log. */
START_TEST(reception_hash_and_collections_follow_the_file)
{
    bool own = _i == 1;
    char *dir = tu_tempdir("record");
    char *err = NULL, bound[65];
    if (own) /* received by a dokaz before the reception logs */
        append_raw(dir, true, false, "\"time\":\"2024-01-01T00:00:00.000Z\",\"path\":\"/old\"");
    item_reception r = {.path = "/in/a.pdf", .name = "a.pdf", .size = 10, .collection = "минск"};
    ck_assert_int_eq(item_reception_names(dir, sha, "минск"), 0); /* none yet */
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(item_reception_record(dir, sha, &r, i == 0, bound, &err), 0);
        bound_is_records_hash(dir, sha, bound);
    }
    char *path = receptions_file(dir, own);
    ck_assert(g_file_test(path, G_FILE_TEST_IS_REGULAR));
    ck_assert_int_eq(item_reception_names(dir, sha, "минск"), 1);
    ck_assert_int_eq(item_reception_names(dir, sha, "гомель"), 0);
    /* another writer's line, then ours: both are in the hash */
    append_raw(dir, own, false,
               "\"time\":\"2026-12-05T00:00:00.000Z\",\"path\":\"/x\","
               "\"collection\":\"гомель\"");
    ck_assert_int_eq(item_reception_names(dir, sha, "гомель"), 1);
    append_raw(dir, own, false,
               "\"time\":\"2026-12-05T00:00:01.000Z\",\"path\":\"/y\","
               "\"collection\":\"брэст\"");
    if (!own) /* another item's line in the same log: not sha's */
        append_raw(dir, false, true,
                   "\"time\":\"2026-12-05T00:00:02.000Z\",\"path\":\"/z\","
                   "\"collection\":\"магілёў\"");
    ck_assert_int_eq(item_reception_record(dir, sha, &r, 0, bound, &err), 0);
    bound_is_records_hash(dir, sha, bound);
    ck_assert_int_eq(item_reception_names(dir, sha, "брэст"), 1);
    ck_assert_int_eq(item_reception_names(dir, sha, "магілёў"), 0);
    /* the file replaced by one of the same length: read again */
    char *data = NULL;
    gsize len = 0;
    ck_assert(g_file_get_contents(path, &data, &len, NULL));
    for (char *p = strstr(data, "брэст"); p != NULL; p = NULL)
        memcpy(p, "гродн", strlen("брэст")); /* same length in bytes */
    ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
    ck_assert_int_eq(item_reception_names(dir, sha, "брэст"), 0);
    ck_assert_int_eq(item_reception_names(dir, sha, "гродн"), 1);
    ck_assert_int_eq(item_reception_record(dir, sha, &r, 0, bound, &err), 0);
    bound_is_records_hash(dir, sha, bound);
    item_receptions *list = item_receptions_load(dir, sha, &err);
    ck_assert_uint_eq(list->n, own ? 8 : 7);
    ck_assert_str_eq(list->list[list->n - 3].path, "/y");
    item_receptions_free(list);
    if (!own) { /* sha2, only in the log: its one line, found by a prefix */
        list = item_receptions_load(dir, sha2, &err);
        ck_assert_uint_eq(list->n, 1);
        ck_assert_str_eq(list->list[0].collection, "магілёў");
        item_receptions_free(list);
        char *found = item_resolve(dir, "abcdef1", &err);
        ck_assert_msg(found != NULL, "%s", err);
        ck_assert_str_eq(found, sha2);
        free(found);
        ck_assert(item_received(dir, sha2));
    }
    ck_assert(
        !item_received(dir, "abc0000000000000000000000000000000000000000000000000000000000000"));
    g_free(data);
    g_free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* A line torn by a crash at a log's end does not take the next line in,
 * and no item's receptions count it */
START_TEST(a_torn_line_does_not_take_the_next)
{
    char *dir = tu_tempdir("record"), *err = NULL, bound[65];
    item_reception r = {.path = "/in/a.pdf", .name = "a.pdf", .size = 10};
    ck_assert_int_eq(item_reception_record(dir, sha, &r, 0, bound, &err), 0);
    char *path = receptions_file(dir, false);
    FILE *f = fopen(path, "a");
    fprintf(f, "{\"sha256\":\"%s\",\"time\":\"2026-", sha2); /* no newline: torn */
    fclose(f);
    ck_assert_int_eq(item_reception_record(dir, sha2, &r, 0, bound, &err), 0);
    bound_is_records_hash(dir, sha2, bound);
    item_receptions *list = item_receptions_load(dir, sha2, &err);
    ck_assert_uint_eq(list->n, 1);
    ck_assert_str_eq(list->list[0].path, "/in/a.pdf");
    item_receptions_free(list);
    list = item_receptions_load(dir, sha, &err);
    ck_assert_uint_eq(list->n, 1);
    item_receptions_free(list);
    g_free(path);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(damaged_records_are_refused)
{
    char *dir = tu_tempdir("record");
    char *err = NULL;
    write_result(dir, "{\"status\":\"done\",\"pages\":[");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(strstr(err, "result.json.gz is not valid JSON"));
    free(err);
    err = NULL;
    write_result(dir, "{\"status\":\"finished\"}");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(strstr(err, "unknown status 'finished'"));
    free(err);
    err = NULL;
    write_result(dir, "{\"status\":\"done\",\"pages\":[{\"number\":1,\"source\":\"fax\"}]}");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(strstr(err, "page 1 is not a page record"));
    free(err);
    err = NULL;
    write_result(dir, "{\"status\":\"done\",\"pages\":[{\"number\":-1,\"source\":\"ocr\"}]}");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(strstr(err, "number -1"));
    free(err);
    err = NULL;
    write_result(dir, "{\"version\":99,\"status\":\"done\"}");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(strstr(err, "record version 99"));
    free(err);
    err = NULL;
    write_result(dir, "[1,2]");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    ck_assert_ptr_nonnull(strstr(err, "not a JSON object"));
    free(err);
    err = NULL;
    /* one comma before a closing bracket: json-c's whole parse takes it, so
     * the page-at-a-time open must too (found by fuzz_record); two do not */
    write_result(dir, "{\"status\":\"done\",\"pages\":[{\"number\":1,\"source\":\"ocr\","
                      "\"text\":\"x\"},],\"skipped\":[],}");
    item_result *whole = item_result_load(dir, sha, &err);
    ck_assert_msg(whole != NULL, "%s", err ? err : "?");
    item_page_reader *pages = NULL;
    item_result *head = item_result_open(dir, sha, &pages, &err);
    ck_assert_msg(head != NULL, "%s", err ? err : "?");
    const item_page *page = NULL;
    ck_assert_int_eq(item_page_reader_next(pages, &page, &err), 1);
    ck_assert_str_eq(page->text, "x");
    ck_assert_int_eq(item_page_reader_next(pages, &page, &err), 0);
    item_page_reader_free(pages);
    item_result_free(head);
    item_result_free(whole);
    write_result(dir, "{\"status\":\"done\",\"pages\":[{\"number\":1,\"source\":\"ocr\"},,]}");
    ck_assert_ptr_null(item_result_load(dir, sha, &err));
    free(err);
    err = NULL;
    ck_assert_ptr_null(item_result_open(dir, sha, &pages, &err));
    free(err);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* long_text - n bytes of text with quotes, escapes and two-byte letters, so
 * that buffer boundaries fall inside escapes and letters (g_free) */
static char *long_text(size_t n, char tag)
{
    GString *s = g_string_sized_new(n + 8);
    g_string_append_c(s, tag);
    while (s->len < n)
        g_string_append(s, "\"q\" \\ д\tñ ");
    return g_string_free(s, FALSE);
}

/* Run twice: 5 long pages, which the first pass keeps, then 12, whose 1.8 MB
 * it does not keep but reads again (result_stream.c, KEEP_BYTES). */
START_TEST(pages_read_one_at_a_time)
{
    char *dir = tu_tempdir("record");
    enum { MAX = 12, LEN = 150 << 10 };
    const int N = _i == 0 ? 5 : MAX;
    item_result *r = item_result_new(sha);
    char *texts[MAX];
    for (int i = 0; i < N; i++) {
        texts[i] = long_text(LEN + (size_t)i * 7, (char)('A' + i));
        item_page p = {.number = i + 1,
                       .text = texts[i],
                       .source = ITEM_SOURCE_PLAIN,
                       .confidence = -1,
                       .derived = json_tokener_parse("{\"fields\":{\"case\":[\"1-2\"]}}")};
        item_result_add_page(r, &p);
    }
    item_result_add_meta(r, "title", "after the pages");
    /* pretty-printed: white space everywhere, and "pages" before other members */
    json_object *o = item_result_json(r);
    const char *pretty = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY);
    write_result(dir, pretty);
    json_object_put(o);
    item_result_free(r);

    char *err = NULL;
    item_page_reader *pages = NULL;
    item_result *head = item_result_open(dir, sha, &pages, &err);
    ck_assert_msg(head != NULL, "%s", err);
    ck_assert_uint_eq(head->npages, 0);
    ck_assert_str_eq(item_result_meta(head, "title"), "after the pages");
    ck_assert_uint_eq(item_page_reader_count(pages), N);
    const item_page *page;
    for (int i = 0; i < N; i++) {
        ck_assert_int_eq(item_page_reader_next(pages, &page, &err), 1);
        ck_assert_int_eq(page->number, i + 1);
        ck_assert_str_eq(page->text, texts[i]);
        ck_assert_str_eq(json_object_to_json_string(page->derived),
                         "{ \"fields\": { \"case\": [ \"1-2\" ] } }");
    }
    ck_assert_int_eq(item_page_reader_next(pages, &page, &err), 0);
    ck_assert_int_eq(item_page_reader_next(pages, &page, &err), 0);
    item_page_reader_free(pages);
    item_result_free(head);

    /* the whole record, as item_result_load reads it through the same reader */
    item_result *all = item_result_load(dir, sha, &err);
    ck_assert_ptr_nonnull(all);
    ck_assert_uint_eq(all->npages, N);
    ck_assert_str_eq(all->pages[N - 1].text, texts[N - 1]);
    item_result_free(all);

    /* a damaged page far into the file: refused when opened, before any page */
    GString *bad = g_string_new("{\"status\":\"done\",\"pages\":[");
    json_object *text = json_object_new_string(texts[0]);
    g_string_append_printf(bad, "{\"number\":1,\"source\":\"plain\",\"text\":%s},",
                           json_object_to_json_string(text));
    json_object_put(text);
    g_string_append(bad, "{\"number\":2,\"source\":\"fax\"}],\"children\":[]}");
    write_result(dir, bad->str);
    ck_assert_ptr_null(item_result_open(dir, sha, &pages, &err));
    ck_assert_ptr_nonnull(strstr(err, "page 2 is not a page record"));
    free(err);
    err = NULL;
    /* cut short inside a long page */
    bad->str[bad->len / 2] = '\0';
    write_result(dir, bad->str);
    ck_assert_ptr_null(item_result_open(dir, sha, &pages, &err));
    ck_assert_ptr_nonnull(strstr(err, "result.json.gz is not valid JSON"));
    free(err);
    g_string_free(bad, TRUE);
    for (int i = 0; i < N; i++)
        g_free(texts[i]);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* saved_text - the item's result as saved, decompressed (g_free) */
static char *saved_text(const char *data_dir)
{
    char *err = NULL, *text = item_result_text(data_dir, sha, NULL, &err);
    ck_assert_msg(text != NULL, "%s", err);
    return text;
}

/* a_record - a result with a page, meta, derived data and, when with_lists,
 * one stored and one skipped member (names with '/' and quotes, which
 * json-c escapes) */
static item_result *a_record(bool with_lists)
{
    item_result *r = item_result_new(sha);
    item_page p = {.number = 1,
                   .text = "Приговор \"x\"",
                   .source = ITEM_SOURCE_PLAIN,
                   .confidence = -1,
                   .derived = json_tokener_parse("{\"fields\":{\"case\":[\"1-2/2024\"]}}")};
    item_result_add_page(r, &p);
    item_result_add_meta(r, "title", "a/b");
    r->derived = json_tokener_parse("{\"persons\":[]}");
    if (with_lists) {
        item_result_add_child(r, sha2, "d/\"a\".txt", 7);
        item_result_add_skipped(r, "d/link", "a symbolic link");
    }
    return r;
}

START_TEST(spooled_members_make_the_same_record)
{
    char *dir = tu_tempdir("record"), *err = NULL;
    /* what item_result_json says is what is saved, byte for byte */
    item_result *r = a_record(true);
    for (int i = 0; i < 3; i++) {
        char member[32];
        snprintf(member, sizeof member, "box/%d.txt", i);
        item_result_add_child(r, sha2, member, (uint64_t)i);
        item_result_add_skipped(r, member, "unsupported");
    }
    ck_assert_int_eq(item_result_save(dir, r, &err), 0);
    json_object *o = item_result_json(r);
    char *want = g_strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
    char *text = saved_text(dir);
    ck_assert_str_eq(text, want);
    g_free(text);

    /* the same lists, all but the first of each spooled */
    item_result *own = a_record(true);
    item_member_spool *spool = item_member_spool_open(dir, sha, &err);
    ck_assert_msg(spool != NULL, "%s", err);
    for (int i = 0; i < 3; i++) {
        char member[32];
        snprintf(member, sizeof member, "box/%d.txt", i);
        ck_assert_int_eq(item_member_spool_child(spool, sha2, member, (uint64_t)i, &err), 0);
        ck_assert_int_eq(item_member_spool_skipped(spool, member, "unsupported", &err), 0);
    }
    ck_assert_uint_eq(item_member_spool_count(spool), 6);
    ck_assert_int_eq(item_result_write_spooled(dir, own, spool, &err), 0);
    text = saved_text(dir);
    ck_assert_str_eq(text, want);
    g_free(text);
    /* written again (the spool is read from its start each time) */
    ck_assert_int_eq(item_result_write_spooled(dir, own, spool, &err), 0);
    text = saved_text(dir);
    ck_assert_str_eq(text, want);
    g_free(text);
    item_member_spool_free(spool);
    item_result_free(own);
    item_result_free(r);
    g_free(want);

    /* every list spooled, none of r's own; and an empty spool */
    r = a_record(false);
    item_result *all = a_record(false);
    spool = item_member_spool_open(dir, sha, &err);
    ck_assert_int_eq(item_result_write_spooled(dir, r, spool, &err), 0);
    o = item_result_json(r);
    text = saved_text(dir);
    ck_assert_str_eq(text, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    g_free(text);
    json_object_put(o);
    ck_assert_int_eq(item_member_spool_child(spool, sha2, "one", 1, &err), 0);
    ck_assert_int_eq(item_member_spool_skipped(spool, "two", "why", &err), 0);
    item_result_add_child(all, sha2, "one", 1);
    item_result_add_skipped(all, "two", "why");
    ck_assert_int_eq(item_result_write_spooled(dir, r, spool, &err), 0);
    o = item_result_json(all);
    text = saved_text(dir);
    ck_assert_str_eq(text, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    g_free(text);
    json_object_put(o);
    item_member_spool_free(spool);
    item_result_free(all);
    item_result_free(r);

    /* the spool leaves no file beside the item's records */
    char *idir = item_files_dir(dir, sha), *result = item_file(dir, sha, "result.json.gz");
    GDir *d = g_dir_open(idir, 0, NULL);
    ck_assert_ptr_nonnull(d);
    for (const char *name; (name = g_dir_read_name(d)) != NULL;)
        ck_assert_str_eq(name, result + strlen(idir) + 1);
    g_dir_close(d);
    free(result);
    free(idir);

    /* opened for indexing: no member lists; loaded: both */
    item_page_reader *pages = NULL;
    item_result *head = item_result_open(dir, sha, &pages, &err);
    ck_assert_msg(head != NULL, "%s", err);
    ck_assert_uint_eq(head->nchildren + head->nskipped, 0);
    ck_assert_str_eq(item_result_meta(head, "title"), "a/b");
    ck_assert_ptr_nonnull(head->derived);
    ck_assert_uint_eq(item_page_reader_count(pages), 1);
    item_page_reader_free(pages);
    item_result_free(head);
    item_result *back = item_result_load(dir, sha, &err);
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(back->nchildren, 1);
    ck_assert_str_eq(back->children[0].member, "one");
    ck_assert_uint_eq(back->nskipped, 1);
    ck_assert_str_eq(back->skipped[0].reason, "why");
    item_result_free(back);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* An item an older dokaz gave a folder of its own keeps it: its receptions
 * are appended and its result replaced there, never beside it; a new item's
 * records are files beside the others'; a prefix finds either. */
START_TEST(an_older_item_keeps_its_folder)
{
    char *dir = tu_tempdir("record"), *err = NULL;
    char *old_received = in_folder(dir, "received.jsonl");
    tu_write(old_received, "{\"time\":\"2024-01-01T00:00:00.000Z\",\"path\":\"/in/old.pdf\"}\n",
             strlen("{\"time\":\"2024-01-01T00:00:00.000Z\",\"path\":\"/in/old.pdf\"}\n"));
    ck_assert(item_in_folder(dir, sha));
    item_reception r = {.path = "/in/again.pdf", .name = "again.pdf", .size = 10};
    ck_assert_msg(item_reception_add(dir, sha, &r, &err) == 0, "%s", err);
    item_result *res = item_result_new(sha);
    item_result_set_outcome(res, "text/plain", ITEM_DONE, NULL);
    ck_assert_msg(item_result_save(dir, res, &err) == 0, "%s", err);
    item_result_free(res);

    char *flat = g_strdup_printf("%s/items/%.2s/%s.received.jsonl", dir, sha, sha);
    char *flat_result = g_strdup_printf("%s/items/%.2s/%s.result.json.gz", dir, sha, sha);
    char *old_result = in_folder(dir, "result.json.gz");
    ck_assert(!g_file_test(flat, G_FILE_TEST_EXISTS));
    ck_assert(!g_file_test(flat_result, G_FILE_TEST_EXISTS));
    ck_assert(g_file_test(old_result, G_FILE_TEST_EXISTS));
    item_receptions *list = item_receptions_load(dir, sha, &err);
    ck_assert_msg(list != NULL && list->n == 2, "%s", err ? err : "not 2 receptions");
    ck_assert_str_eq(item_receptions_first(list)->path, "/in/old.pdf");
    item_receptions_free(list);
    char hex[65];
    ck_assert_int_eq(item_record_sha256(dir, sha, ITEM_RECORD_RESULT, hex, &err), 0);
    char *rel = item_file_rel(sha, item_record_name(ITEM_RECORD_RESULT), item_in_folder(dir, sha));
    ck_assert_str_eq(old_result + strlen(dir) + 1, rel);
    free(rel);

    /* a new item: no folder, its receptions in the log of its first digits */
    ck_assert_msg(item_reception_add(dir, sha2, &r, &err) == 0, "%s", err);
    ck_assert(!item_in_folder(dir, sha2));
    char *received2 = item_file(dir, sha2, "received.jsonl");
    ck_assert(!g_file_test(received2, G_FILE_TEST_EXISTS));
    char *log2 = item_record_rel(dir, sha2, ITEM_RECORD_RECEPTIONS);
    ck_assert_str_eq(log2, "items/ab/receptions-c.jsonl");
    free(log2);

    /* found by a prefix, each once however many files it has */
    char *found = item_resolve(dir, "abcdef0", &err);
    ck_assert_msg(found != NULL, "%s", err);
    ck_assert_str_eq(found, sha);
    free(found);
    found = item_resolve(dir, "ABCDEF1", &err);
    ck_assert_msg(found != NULL, "%s", err);
    ck_assert_str_eq(found, sha2);
    free(found);
    ck_assert_ptr_null(item_resolve(dir, "abcd", &err));
    ck_assert_msg(strstr(err, "2 items start with abcd") != NULL, "%s", err);
    free(err);
    free(received2);
    g_free(old_result);
    g_free(flat_result);
    g_free(flat);
    g_free(old_received);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("records");
    tcase_add_test(tc, full_result_round_trip);
    tcase_add_test(tc, meta_as_pairs);
    tcase_add_test(tc, version_1_records_are_read);
    tcase_add_test(tc, versions_read_cheaply);
    tcase_add_test(tc, results_are_saved_compressed_and_older_ones_read);
    tcase_add_test(tc, failed_result);
    tcase_add_test(tc, status_words);
    tcase_add_test(tc, receptions_in_order);
    tcase_add_loop_test(tc, reception_hash_and_collections_follow_the_file, 0, 2);
    tcase_add_test(tc, a_torn_line_does_not_take_the_next);
    tcase_add_test(tc, damaged_records_are_refused);
    tcase_add_loop_test(tc, pages_read_one_at_a_time, 0, 2);
    tcase_add_test(tc, spooled_members_make_the_same_record);
    tcase_add_test(tc, an_older_item_keeps_its_folder);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
