/*
 * test_watch.c - the real `dokaz watch` service, end to end: generated scans,
 * a text file and an unsupported binary dropped into a real inbox are stored,
 * OCRed, indexed and found through `dokaz search --json`.
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const inputs[] = {"verdict_ru.pdf", "summons_ru.png", "notice_be.png",
                                     "note.txt", "blob.bin"};
enum { NINPUTS = sizeof inputs / sizeof *inputs };

/* write_slowly - write `total` bytes in chunks, re-opening the file, pausing in between */
static void write_slowly(const char *path, const char *text, int chunks)
{
    size_t len = strlen(text), step = len / (size_t)chunks + 1;
    for (size_t off = 0; off < len; off += step) {
        int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
        ck_assert_int_ge(fd, 0);
        size_t n = len - off < step ? len - off : step;
        ck_assert_int_eq(write(fd, text + off, n), (ssize_t)n);
        close(fd);
        usleep(120 * 1000);
    }
}

START_TEST(inbox_to_search)
{
    char *dir = tu_tempdir("itest-watch");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    char *inbox = tu_path(dir, "inbox");
    it_generate_samples(samples);
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    pid_t pid = it_watch_start(dir, data, inbox, 300);

    char *shas[NINPUTS];
    for (int i = 0; i < NINPUTS; i++) {
        char *from = tu_path(samples, inputs[i]), *to = tu_path(inbox, inputs[i]);
        shas[i] = tu_sha256_file(from);
        it_copy(from, to);
        free(from);
        free(to);
    }
    /* a file written slowly, in chunks, must be picked up once, complete */
    char *slow = tu_path(inbox, "slow-letter.txt");
    const char *slow_text = "Письмо адвоката по делу Петрова. Запрос о свидании с подзащитным, "
                            "которому отказано без объяснения причин. Просим сообщить основания.\n";
    write_slowly(slow, slow_text, 6);
    char *slow_sha = tu_sha256_file(slow);

    json_object *st = it_wait_idle(data, NINPUTS + 1, 600);
    ck_assert_int_eq(it_get_int(st, "failed"), 0);
    ck_assert_int_eq(it_get_int(st, "unsupported"), 1);
    ck_assert_int_eq(it_get_int(st, "done"), NINPUTS + 1);
    json_object_put(st);

    /* a phrase from page 2 of the scanned PDF is found on page 2 */
    char *phrase = it_manifest_phrase(samples, "verdict_ru.pdf", 2);
    char *quoted = xasprintf("\"%s\"", phrase);
    json_object *r = it_search(data, quoted);
    json_object *hit = it_hit_for(r, shas[0]);
    ck_assert_msg(hit != NULL, "'%s' did not find the PDF: %s", quoted,
                  json_object_to_json_string(r));
    ck_assert_int_eq(it_get_int(hit, "page"), 2);
    ck_assert_str_eq(it_get_str(hit, "name"), "verdict_ru.pdf");
    ck_assert_str_eq(it_get_str(hit, "mime"), "application/pdf");
    ck_assert_ptr_nonnull(strstr(it_get_str(hit, "snippet"), "<b>"));
    json_object_put(r);

    /* a Belarusian word is found in the Belarusian page */
    r = it_search(data, "вытворчасці");
    ck_assert_msg(it_hit_for(r, shas[2]) != NULL, "Belarusian word not found: %s",
                  json_object_to_json_string(r));
    json_object_put(r);

    /* Russian stemming: another form of a word in the summons */
    char *summons_phrase = it_manifest_phrase(samples, "summons_ru.png", 1);
    r = it_search(data, summons_phrase);
    ck_assert_msg(it_hit_for(r, shas[1]) != NULL, "summons not found by '%s'", summons_phrase);
    json_object_put(r);

    /* the unsupported binary is listed by its name */
    r = it_search(data, "blob.bin");
    hit = it_hit_for(r, shas[4]);
    ck_assert_msg(hit != NULL, "unsupported file not found by name: %s",
                  json_object_to_json_string(r));
    ck_assert_str_eq(it_get_str(hit, "name"), "blob.bin");
    json_object_put(r);

    /* the slow file was received once, complete */
    const char *show_args[] = {"show", "--data", data, "--json", slow_sha, NULL};
    json_object *item = it_dokaz_json(0, show_args);
    json_object *receptions = NULL;
    ck_assert(json_object_object_get_ex(item, "receptions", &receptions));
    ck_assert_uint_eq(json_object_array_length(receptions), 1);
    ck_assert_int_eq(it_get_int(item, "size"), (long)strlen(slow_text));
    json_object_put(item);

    /* the PDF's record: two OCRed pages */
    show_args[4] = shas[0];
    item = it_dokaz_json(0, show_args);
    json_object *pages = NULL;
    ck_assert(json_object_object_get_ex(item, "pages", &pages));
    ck_assert_uint_eq(json_object_array_length(pages), 2);
    ck_assert_str_eq(it_get_str(json_object_array_get_idx(pages, 1), "source"), "ocr");
    ck_assert_str_eq(it_get_str(item, "status"), "done");
    json_object_put(item);

    /* the originals in the evidence store are byte for byte the inputs */
    for (int i = 0; i < NINPUTS; i++) {
        char *stored = xasprintf("%s/evidence/%.2s/%s", data, shas[i], shas[i]);
        char *stored_sha = tu_sha256_file(stored);
        ck_assert_msg(stored_sha && strcmp(stored_sha, shas[i]) == 0, "%s altered or missing",
                      inputs[i]);
        free(stored_sha);
        free(stored);
    }

    /* status shows the running service's progress: every input searchable */
    const char *status_args[] = {"status", "--data", data, "--json", NULL};
    json_object *status = it_dokaz_json(0, status_args), *progress = NULL;
    ck_assert(json_object_object_get_ex(status, "service_progress", &progress) && progress);
    ck_assert_int_eq(it_get_int(progress, "done") + it_get_int(progress, "failed"), NINPUTS + 1);
    ck_assert_int_eq(it_get_int(progress, "waiting"), 0);
    json_object_put(status);

    it_watch_stop(pid);
    /* the inbox is left as the user left it */
    char *inbox_pdf = tu_path(inbox, "verdict_ru.pdf");
    char *inbox_sha = tu_sha256_file(inbox_pdf);
    ck_assert_str_eq(inbox_sha, shas[0]);
    free(inbox_sha);
    free(inbox_pdf);
    for (int i = 0; i < NINPUTS; i++)
        free(shas[i]);
    free(summons_phrase);
    free(quoted);
    free(phrase);
    free(slow_sha);
    free(slow);
    free(inbox);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(queued_work_survives_a_stop)
{
    char *dir = tu_tempdir("itest-restart");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    char *inbox = tu_path(dir, "inbox");
    it_generate_samples(samples);
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    /* files present before the service starts are picked up at start */
    const char *files[] = {"summons_ru.png", "notice_be.png", "note.txt"};
    for (int i = 0; i < 3; i++) {
        char *from = tu_path(samples, files[i]), *to = tu_path(inbox, files[i]);
        it_copy(from, to);
        free(from);
        free(to);
    }
    pid_t pid = it_watch_start(dir, data, inbox, 300);
    /* stop it as soon as something is received, while OCR is still running */
    char *audit = tu_path(data, "audit.log");
    for (int i = 0; i < 200; i++) {
        char *log = tu_read(audit, NULL);
        int received = log && strstr(log, "\"received\"");
        free(log);
        if (received)
            break;
        usleep(50 * 1000);
    }
    it_watch_stop(pid);
    /* restart: everything gets done, nothing is received twice */
    pid = it_watch_start(dir, data, inbox, 300);
    json_object *st = it_wait_idle(data, 3, 600);
    ck_assert_int_eq(it_get_int(st, "done"), 3);
    json_object_put(st);
    it_watch_stop(pid);
    char *log = tu_read(audit, NULL);
    int received = 0;
    for (char *p = log; (p = strstr(p, "\"event\":\"received\"")) != NULL; p++)
        received++;
    ck_assert_int_eq(received, 3);
    free(log);
    free(audit);
    free(inbox);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-watch");
    TCase *tc = tcase_create("service");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, inbox_to_search);
    tcase_add_test(tc, queued_work_survives_a_stop);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
