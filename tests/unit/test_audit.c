/*
 * test_audit.c - the chain-of-custody log detects any edit, and its events
 * are typed: every kind's word, an event written and read back, the exact
 * bytes of a line, lines that are not events, and the walk over every line
 * with its link and the head hash, and the last event of a kind read from
 * the end of a log too large to read through, or back to where the last
 * walk ended.
 */
#include "ingest/audit.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char sha_a[] = "aaaa000000000000000000000000000000000000000000000000000000000001";
static const char sha_b[] = "bbbb000000000000000000000000000000000000000000000000000000000002";

/* append - one event, which must be written */
static void append(const char *dir, const audit_event *ev)
{
    char *err = NULL;
    ck_assert_msg(audit_append_event(dir, ev, &err) == 0, "%s", err);
}

/* append_event - one small event, numbered by its size */
static void append_event(const char *dir, audit_kind kind, int n)
{
    audit_event ev = {.kind = kind, .sha256 = sha_a, .size = (uint64_t)n};
    append(dir, &ev);
}

/* count_events - audit_each callback */
static int count_events(const audit_event *e, void *ctx)
{
    ck_assert_int_eq(e->kind, AUDIT_RECEIVED);
    ck_assert_int_eq((int)e->size, *(int *)ctx);
    (*(int *)ctx)++;
    return 0;
}

START_TEST(chain_verifies_and_iterates)
{
    char *dir = tu_tempdir("audit");
    for (int i = 0; i < 20; i++)
        append_event(dir, AUDIT_RECEIVED, i);
    size_t lines = 0;
    char *err = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), 0);
    ck_assert_uint_eq(lines, 20);
    int seen = 0;
    ck_assert_int_eq(audit_each(dir, count_events, &seen, NULL, &err), 0);
    ck_assert_int_eq(seen, 20);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* Lines longer than the first tail read (4 KiB, 20 KiB) and many short ones
 * after them, some appended in groups: the chain holds wherever a line starts */
START_TEST(long_lines_and_groups_chain)
{
    char *dir = tu_tempdir("audit");
    char *err = NULL;
    for (int i = 0; i < 3; i++) {
        size_t len = i == 0 ? 5000 : 20000;
        char *reason = g_strnfill(len, 'x');
        audit_event ev = {.kind = AUDIT_FAILED, .sha256 = sha_a, .reason = reason};
        append(dir, &ev);
        audit_event group[40];
        for (int j = 0; j < 40; j++)
            group[j] = (audit_event){.kind = AUDIT_PROCESSED, .sha256 = sha_b};
        ck_assert_msg(audit_append_events(dir, group, (size_t)(i * 20), &err) == 0, "%s", err);
        g_free(reason);
    }
    size_t lines = 0;
    ck_assert_msg(audit_verify(dir, &lines, &err) == 0, "%s", err);
    ck_assert_uint_eq(lines, 3 + 20 + 40);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(edit_breaks_chain)
{
    char *dir = tu_tempdir("audit");
    for (int i = 0; i < 5; i++)
        append_event(dir, AUDIT_RECEIVED, i);
    char *log = tu_path(dir, "audit.log");
    size_t len;
    char *text = tu_read(log, &len);
    char *third = strstr(text, "\"size\":2");
    ck_assert_ptr_nonnull(third);
    third[7] = '7'; /* someone edits line 3 */
    tu_write(log, text, len);
    size_t lines = 0;
    char *err = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), -1);
    ck_assert_str_eq(err, "audit log chain broken at line 4");
    free(err);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(removed_line_breaks_chain)
{
    char *dir = tu_tempdir("audit");
    for (int i = 0; i < 3; i++)
        append_event(dir, AUDIT_RECEIVED, i);
    char *log = tu_path(dir, "audit.log");
    char *text = tu_read(log, NULL);
    char *second = strchr(text, '\n') + 1;
    char *third = strchr(second, '\n') + 1;
    memmove(second, third, strlen(third) + 1);
    tu_write(log, text, strlen(text));
    size_t lines;
    char *err = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), -1);
    ck_assert_ptr_nonnull(strstr(err, "line 2"));
    free(err);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(missing_log_is_empty)
{
    char *dir = tu_tempdir("audit");
    size_t lines = 99;
    ck_assert_int_eq(audit_verify(dir, &lines, NULL), 0);
    ck_assert_uint_eq(lines, 0);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(kinds_have_their_words)
{
    static const struct {
        audit_kind kind;
        const char *word;
    } words[] = {
        {AUDIT_RECEIVED, "received"},     {AUDIT_REJECTED, "rejected"},
        {AUDIT_PROCESSED, "processed"},   {AUDIT_FAILED, "failed"},
        {AUDIT_REQUEUED, "requeued"},     {AUDIT_EXPORTED, "exported"},
        {AUDIT_VERIFIED, "verified"},     {AUDIT_TIMESTAMPED, "timestamped"},
        {AUDIT_IDENTIFIED, "identified"}, {AUDIT_INDEXED, "indexed"},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        audit_kind kind = AUDIT_RECEIVED;
        ck_assert_str_eq(audit_kind_name(words[i].kind), words[i].word);
        ck_assert_int_eq(audit_kind_parse(words[i].word, &kind), 0);
        ck_assert_int_eq(kind, words[i].kind);
    }
    audit_kind kind;
    ck_assert_int_eq(audit_kind_parse("exploded", &kind), -1);
    ck_assert_int_eq(audit_kind_parse("Received", &kind), -1);
    ck_assert_int_eq(audit_kind_parse(NULL, &kind), -1);
}
END_TEST

/* The events written by events_round_trip, in order. */
static const audit_event written[] = {
    {.kind = AUDIT_RECEIVED,
     .sha256 = sha_a,
     .path = "/in/Дело \"1\".pdf",
     .size = 1234,
     .mtime_ns = 1700000000123456789LL,
     .new_content = true},
    {.kind = AUDIT_RECEIVED, .sha256 = sha_b, .parent = sha_a, .member = "dir/a.pdf"},
    {.kind = AUDIT_REJECTED, .path = "/in/bad", .reason = "cannot read"},
    {.kind = AUDIT_PROCESSED, .sha256 = sha_a},
    {.kind = AUDIT_FAILED, .sha256 = sha_b, .reason = "boom"},
    {.kind = AUDIT_REQUEUED, .sha256 = sha_a, .reason = "recorded by an older dokaz"},
    {.kind = AUDIT_RECEIVED,
     .sha256 = sha_b,
     .path = "/in/b",
     .record_sha256 = sha_a,
     .host = "archive-1",
     .owner = "lawyer"},
    {.kind = AUDIT_PROCESSED, .sha256 = sha_b, .record_sha256 = sha_a},
    {.kind = AUDIT_EXPORTED,
     .sha256 = sha_a,
     .path = "/out/pkg",
     .record_sha256 = sha_b,
     .user = "lawyer"},
    {.kind = AUDIT_VERIFIED, .size = 99, .problems = 2, .head = sha_b, .reason = "2 problems"},
    {.kind = AUDIT_TIMESTAMPED, .path = "/d/t.tsr", .head = sha_a, .record_sha256 = sha_b},
    {.kind = AUDIT_READ, .sha256 = sha_a, .how = "tesseract 5.3.0; models bel.traineddata 9c66"},
    {.kind = AUDIT_IDENTIFIED,
     .sha256 = sha_a,
     .type = "application/pdf",
     .how = "by libmagic; read by the pdf extractor"},
    {.kind = AUDIT_INDEXED, .sha256 = sha_a, .pages = 12},
};

/* same_string - both NULL, or equal */
static void same_string(const char *got, const char *want)
{
    if (want == NULL)
        ck_assert_ptr_null(got);
    else
        ck_assert_str_eq(got, want);
}

/* check_written - audit_each callback: each event as it was written */
static int check_written(const audit_event *e, void *ctx)
{
    size_t *i = ctx;
    ck_assert_uint_lt(*i, sizeof written / sizeof *written);
    const audit_event *w = &written[(*i)++];
    ck_assert_int_eq(e->kind, w->kind);
    ck_assert_ptr_nonnull(e->time);
    ck_assert_uint_eq(strlen(e->time), strlen("2025-03-01T10:00:00.000Z"));
    same_string(e->sha256, w->sha256);
    same_string(e->path, w->path);
    same_string(e->parent, w->parent);
    same_string(e->member, w->member);
    same_string(e->reason, w->reason);
    ck_assert_uint_eq(e->size, w->size);
    ck_assert_int_eq(e->mtime_ns, w->mtime_ns);
    ck_assert_int_eq(e->new_content, w->new_content);
    same_string(e->record_sha256, w->record_sha256);
    same_string(e->user, w->user);
    same_string(e->head, w->head);
    same_string(e->host, w->host);
    same_string(e->owner, w->owner);
    same_string(e->how, w->how);
    same_string(e->type, w->type);
    ck_assert_uint_eq(e->pages, w->pages);
    ck_assert_uint_eq(e->problems, w->problems);
    return 0;
}

/* line_without_time - line `n` (0-based) of the log from "event" up to ,"prev" (malloc'd) */
static char *line_without_time(const char *text, int n)
{
    const char *line = text;
    for (int i = 0; i < n; i++)
        line = strchr(line, '\n') + 1;
    const char *from = strstr(line, "\"event\"");
    const char *to = strstr(line, ",\"prev\"");
    ck_assert(from && to && from < to && to < strchr(line, '\n'));
    return strndup(from, (size_t)(to - from));
}

START_TEST(events_round_trip)
{
    char *dir = tu_tempdir("audit");
    for (size_t i = 0; i < sizeof written / sizeof *written; i++)
        append(dir, &written[i]);
    size_t seen = 0, skipped = 99, lines = 0;
    char *err = NULL;
    ck_assert_int_eq(audit_each(dir, check_written, &seen, &skipped, &err), 0);
    ck_assert_uint_eq(seen, sizeof written / sizeof *written);
    ck_assert_uint_eq(skipped, 0);
    ck_assert_int_eq(audit_verify(dir, &lines, &err), 0);
    ck_assert_uint_eq(lines, seen);
    /* the bytes on disk are those of the lines written before events were typed */
    char *log = tu_path(dir, "audit.log");
    char *text = tu_read(log, NULL);
    static const char *const want[] = {
        "\"event\":\"received\",\"sha256\":\"aaaa000000000000000000000000000000000000000000000000"
        "000000000001\",\"path\":\"\\/in\\/Дело \\\"1\\\".pdf\",\"size\":1234,\"mtime_ns\":"
        "1700000000123456789,\"parent\":null,\"member\":null,\"new_content\":true",
        "\"event\":\"received\",\"sha256\":\"bbbb000000000000000000000000000000000000000000000000"
        "000000000002\",\"path\":null,\"size\":0,\"mtime_ns\":0,\"parent\":\"aaaa00000000000000"
        "0000000000000000000000000000000000000000000001\",\"member\":\"dir\\/a.pdf\","
        "\"new_content\":false",
        "\"event\":\"rejected\",\"path\":\"\\/in\\/bad\",\"reason\":\"cannot read\"",
        "\"event\":\"processed\",\"sha256\":\"aaaa000000000000000000000000000000000000000000000000"
        "000000000001\"",
    };
    ck_assert_ptr_nonnull(strstr(text, "{\"time\":\""));
    for (int i = 0; i < (int)(sizeof want / sizeof *want); i++) {
        char *got = line_without_time(text, i);
        ck_assert_str_eq(got, want[i]);
        free(got);
    }
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* keep_path - audit_each callback: the first event's path */
static int keep_path(const audit_event *e, void *ctx)
{
    *(char **)ctx = g_strdup(e->path);
    return 1;
}

/* A name with a newline and bytes that are not UTF-8 is written in the one
 * escaped form (common/text.h): the line stays one valid UTF-8 line, the
 * chain verifies, and the event reads back in that form. */
START_TEST(hostile_names_are_escaped)
{
    char *dir = tu_tempdir("audit");
    audit_event ev = {.kind = AUDIT_RECEIVED, .sha256 = sha_a, .path = "/in/bad\nname\xff\xfe.txt"};
    append(dir, &ev);
    char *log = tu_path(dir, "audit.log");
    size_t len = 0;
    char *text = tu_read(log, &len);
    ck_assert_msg(g_utf8_validate(text, (gssize)len, NULL), "not UTF-8: %s", text);
    ck_assert_ptr_eq(strchr(text, '\n'), text + len - 1);
    ck_assert_msg(strstr(text, "\"path\":\"\\/in\\/bad\\\\x0aname\\\\xff\\\\xfe.txt\""), "%s",
                  text);
    size_t lines = 0;
    char *err = NULL, *path = NULL;
    ck_assert_int_eq(audit_verify(dir, &lines, &err), 0);
    ck_assert_int_eq(audit_each(dir, keep_path, &path, NULL, &err), 0);
    ck_assert_str_eq(path, "/in/bad\\x0aname\\xff\\xfe.txt");
    g_free(path);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

typedef struct {
    size_t lines, broken_at;
    char last[65];
} walk_seen;

/* note_line - audit_walk callback: the first broken link, the last hash */
static int note_line(const audit_line *l, void *ctx)
{
    walk_seen *w = ctx;
    w->lines = l->number;
    if (w->broken_at == 0 && (l->prev == NULL || strcmp(l->prev, l->expected) != 0))
        w->broken_at = l->number;
    ck_assert_uint_eq(strlen(l->hash), 64);
    memcpy(w->last, l->hash, 65);
    return 0;
}

START_TEST(walk_sees_every_line_and_the_head)
{
    char *dir = tu_tempdir("audit");
    char head[65], *err = NULL;
    ck_assert_int_eq(audit_head(dir, head, &err), 0);
    ck_assert_str_eq(head, "0000000000000000000000000000000000000000000000000000000000000000");
    for (int i = 0; i < 6; i++)
        append_event(dir, AUDIT_PROCESSED, i);
    walk_seen w = {0};
    ck_assert_int_eq(audit_walk(dir, note_line, &w, &err), 0);
    ck_assert_uint_eq(w.lines, 6);
    ck_assert_uint_eq(w.broken_at, 0);
    ck_assert_int_eq(audit_head(dir, head, &err), 0);
    ck_assert_str_eq(head, w.last);
    /* swap lines 3 and 4: the walk goes on past the break and finds it at 3 */
    char *cmd = g_strdup_printf("sed -i '3{h;d};4{G}' '%s/audit.log'", dir);
    ck_assert_int_eq(system(cmd), 0);
    g_free(cmd);
    w = (walk_seen){0};
    ck_assert_int_eq(audit_walk(dir, note_line, &w, &err), 0);
    ck_assert_uint_eq(w.lines, 6);
    ck_assert_uint_eq(w.broken_at, 3);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* count_any - audit_each callback: count the events */
static int count_any(const audit_event *e, void *ctx)
{
    (void)e;
    (*(int *)ctx)++;
    return 0;
}

START_TEST(damaged_lines_are_skipped_and_counted)
{
    char *dir = tu_tempdir("audit");
    append_event(dir, AUDIT_RECEIVED, 0);
    char *log = tu_path(dir, "audit.log");
    char *text = tu_read(log, NULL);
    char *damaged = g_strconcat(text, "not json\n", "[1,2]\n",
                                "{\"time\":\"t\",\"event\":\"exploded\",\"sha256\":\"a\"}\n",
                                "{\"time\":\"t\",\"event\":\"received\",\"sha256\":\"a\"}\n",
                                "{\"time\":\"t\",\"event\":\"processed\",\"sha256\":5}\n",
                                "{\"event\":\"processed\"}\n", NULL);
    tu_write(log, damaged, strlen(damaged));
    append_event(dir, AUDIT_RECEIVED, 1);
    int seen = 0;
    size_t skipped = 0;
    char *err = NULL;
    ck_assert_int_eq(audit_each(dir, count_any, &seen, &skipped, &err), 0);
    ck_assert_int_eq(seen, 2);
    ck_assert_uint_eq(skipped, 6);
    g_free(damaged);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* An append after a last line without its newline (a write cut short) was
 * glued to that line: the chain still verified, but no reader saw the
 * event (found by fuzz_audit). */
START_TEST(append_after_unended_line_is_seen)
{
    char *dir = tu_tempdir("audit");
    append_event(dir, AUDIT_RECEIVED, 0);
    char *log = tu_path(dir, "audit.log");
    size_t len = 0;
    char *text = tu_read(log, &len);
    ck_assert(len > 0 && text[len - 1] == '\n');
    tu_write(log, text, len - 1);
    append_event(dir, AUDIT_RECEIVED, 1);
    size_t lines = 0;
    char *err = NULL;
    ck_assert_msg(audit_verify(dir, &lines, &err) == 0, "%s", err);
    ck_assert_uint_eq(lines, 2);
    int seen = 0;
    ck_assert_int_eq(audit_each(dir, count_events, &seen, NULL, &err), 0);
    ck_assert_int_eq(seen, 2);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

typedef struct {
    int seen;          /* events called back */
    uint64_t problems; /* of the verification found; UINT64_MAX: none */
} last_verified;

/* find_verified - audit_each_backward callback: stop at a verification */
static int find_verified(const audit_event *e, void *ctx)
{
    last_verified *v = ctx;
    v->seen++;
    if (e->kind != AUDIT_VERIFIED)
        return 0;
    v->problems = e->problems;
    return 1;
}

/* The last verification of a log that starts with a 4 GiB hole (sparse: no
 * disk used) and ends with real lines: found from the end, reading only the
 * lines after it. A reader that went through the whole log would read 4 GiB,
 * and fail on a "line" longer than any the chain allows. */
START_TEST(last_event_found_from_the_end)
{
    char *dir = tu_tempdir("audit");
    char *err = NULL;
    audit_event first = {.kind = AUDIT_VERIFIED, .problems = 7};
    append(dir, &first);
    for (int i = 0; i < 300; i++)
        append_event(dir, AUDIT_RECEIVED, i);
    audit_event last = {.kind = AUDIT_VERIFIED, .problems = 2};
    append(dir, &last);
    for (int i = 0; i < 3; i++)
        append_event(dir, AUDIT_RECEIVED, i);
    last_verified v = {0, UINT64_MAX};
    ck_assert_msg(audit_each_backward(dir, NULL, 0, NULL, find_verified, &v, &err) == 0, "%s", err);
    ck_assert_int_eq(v.seen, 4);
    ck_assert_uint_eq(v.problems, 2);
    const audit_kind only = AUDIT_VERIFIED; /* the received lines are not even called back */
    v = (last_verified){0, UINT64_MAX};
    ck_assert_msg(audit_each_backward(dir, &only, 0, NULL, find_verified, &v, &err) == 0, "%s",
                  err);
    ck_assert_int_eq(v.seen, 1);
    ck_assert_uint_eq(v.problems, 2);

    char *log = tu_path(dir, "audit.log");
    size_t len;
    char *text = tu_read(log, &len);
    FILE *f = fopen(log, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseeko(f, (off_t)4 << 30, SEEK_SET), 0);
    fputc('\n', f);
    fwrite(text, 1, len, f);
    ck_assert_int_eq(fclose(f), 0);
    v = (last_verified){0, UINT64_MAX};
    ck_assert_msg(audit_each_backward(dir, NULL, 0, NULL, find_verified, &v, &err) == 0, "%s", err);
    ck_assert_int_eq(v.seen, 4);
    ck_assert_uint_eq(v.problems, 2);
    free(text);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* file_size - the size of path, which must exist */
static off_t file_size(const char *path)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    return st.st_size;
}

/* A walk from `since` reads only the lines after it, and *upto says where
 * the next walk starts: after the last line that has its newline (a line
 * cut short is walked again then); a log shorter than since is an error. */
START_TEST(walk_from_where_the_last_ended)
{
    char *dir = tu_tempdir("audit");
    char *err = NULL, *log = tu_path(dir, "audit.log");
    const audit_kind only = AUDIT_VERIFIED;
    append(dir, &(audit_event){.kind = AUDIT_VERIFIED, .problems = 7});
    for (int i = 0; i < 50; i++)
        append_event(dir, AUDIT_RECEIVED, i);
    off_t upto = -1;
    last_verified v = {0, UINT64_MAX};
    ck_assert_msg(audit_each_backward(dir, &only, 0, &upto, find_verified, &v, &err) == 0, "%s",
                  err);
    ck_assert_uint_eq(v.problems, 7);
    ck_assert_int_eq(upto, file_size(log));

    off_t since = upto; /* nothing new: nothing met, upto stays */
    v = (last_verified){0, UINT64_MAX};
    ck_assert_msg(audit_each_backward(dir, &only, since, &upto, find_verified, &v, &err) == 0, "%s",
                  err);
    ck_assert_int_eq(v.seen, 0);
    ck_assert_int_eq(upto, since);

    append(dir, &(audit_event){.kind = AUDIT_VERIFIED, .problems = 2});
    append_event(dir, AUDIT_RECEIVED, 1);
    off_t whole = file_size(log);
    FILE *f = fopen(log, "a"); /* a write cut short */
    ck_assert_ptr_nonnull(f);
    fputs("{\"time\":\"2026-", f);
    ck_assert_int_eq(fclose(f), 0);
    v = (last_verified){0, UINT64_MAX};
    ck_assert_msg(audit_each_backward(dir, &only, since, &upto, find_verified, &v, &err) == 0, "%s",
                  err);
    ck_assert_int_eq(v.seen, 1);
    ck_assert_uint_eq(v.problems, 2);
    ck_assert_int_eq(upto, whole);

    ck_assert_int_ne(audit_each_backward(dir, &only, whole + 100, &upto, find_verified, &v, &err),
                     0);
    ck_assert_msg(err != NULL && strstr(err, "shorter") != NULL, "%s", err);
    free(err);
    free(log);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("audit");
    TCase *tc = tcase_create("chain");
    tcase_add_test(tc, chain_verifies_and_iterates);
    tcase_add_test(tc, long_lines_and_groups_chain);
    tcase_add_test(tc, edit_breaks_chain);
    tcase_add_test(tc, walk_from_where_the_last_ended);
    tcase_add_test(tc, removed_line_breaks_chain);
    tcase_add_test(tc, missing_log_is_empty);
    tcase_add_test(tc, last_event_found_from_the_end);
    suite_add_tcase(s, tc);
    TCase *events = tcase_create("events");
    tcase_add_test(events, kinds_have_their_words);
    tcase_add_test(events, events_round_trip);
    tcase_add_test(events, hostile_names_are_escaped);
    tcase_add_test(events, walk_sees_every_line_and_the_head);
    tcase_add_test(events, damaged_lines_are_skipped_and_counted);
    tcase_add_test(events, append_after_unended_line_is_seen);
    suite_add_tcase(s, events);
    return tu_run_suite(s);
}
