/*
 * test_watch.c - the real `dokaz watch` service, end to end: generated scans,
 * a text file and an unsupported binary dropped into a real inbox are stored,
 * OCRed, indexed and found through `dokaz search --json`; two services with
 * --share 1/2 and --share 2/2 over one inbox split its files between them,
 * each file to exactly one, also across a restart.
 */
#include "itest.h"
#include "testutil.h"
#include "ingest/accept.h"
#include "common/xalloc.h"

#include <check.h>
#include <fcntl.h>
#include <glib.h>
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

/* One inbox file of the --share test: its path within the inbox, the word
 * only it holds, and its SHA-256. */
typedef struct {
    char *rel, *word, *sha;
} share_file;

enum { SHARE_FILES = 40, SHARE_LATER = 6 };

/* share_put - write file number i into the inbox (every fourth in a
 * subfolder), text with a word of its own, and fill f */
static void share_put(const char *inbox, int i, share_file *f)
{
    /* consonant-ended made-up words: no two share a Russian stem */
    static const char *const letters[] = {"б", "в", "г", "д", "ж", "з", "к",
                                          "л", "м", "н", "п", "р", "с", "т"};
    enum { NLETTERS = sizeof letters / sizeof *letters };
    f->word = xasprintf("зубр%sак%sомб", letters[i / NLETTERS % NLETTERS], letters[i % NLETTERS]);
    f->rel = xasprintf(i % 4 == 3 ? "дела/протокол-%02d.txt" : "заявление-%02d.txt", i);
    char *text = xasprintf("Протокол допроса свидетеля по делу № %d. Отметка архива: %s.\n", i,
                           f->word);
    char *path = tu_path(inbox, f->rel);
    tu_write(path, text, strlen(text));
    f->sha = tu_sha256_file(path);
    free(path);
    free(text);
}

/* share_receptions - how many times DATA's audit log records each item as
 * received from the inbox (sha -> count, in a GHashTable); *total gets all */
static GHashTable *share_receptions(const char *data, int *total)
{
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char *path = tu_path(data, "audit.log");
    char *log = tu_read(path, NULL), *save = NULL;
    ck_assert_msg(log != NULL, "no %s", path);
    *total = 0;
    for (char *line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        json_object *e = json_tokener_parse(line);
        ck_assert_msg(e != NULL, "%s: not JSON: %s", path, line);
        const char *event = it_get_str(e, "event"), *sha = it_get_str(e, "sha256");
        if (event && strcmp(event, "received") == 0 && sha) {
            gpointer n = g_hash_table_lookup(counts, sha);
            g_hash_table_replace(counts, g_strdup(sha), GINT_TO_POINTER(GPOINTER_TO_INT(n) + 1));
            (*total)++;
        }
        json_object_put(e);
    }
    free(log);
    free(path);
    return counts;
}

/* share_exact_hits - hits of `dokaz search --exact WORD` in DATA */
static size_t share_exact_hits(const char *data, const char *word)
{
    const char *args[] = {"search", "--data", data, "--json", "--exact", word, NULL};
    json_object *r = it_dokaz_json(0, args), *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    size_t n = json_object_array_length(hits);
    json_object_put(r);
    return n;
}

/* share_count - how many times counts (share_receptions) has sha */
static int share_count(GHashTable *counts, const char *sha)
{
    return GPOINTER_TO_INT(g_hash_table_lookup(counts, sha));
}

/* share_start - `dokaz watch --share SHARE INBOX` with its data directory
 * and log in node_dir */
static pid_t share_start(const char *node_dir, const char *data, const char *share,
                         const char *inbox)
{
    const char *args[] = {"--settle", "200", "--no-web", "--workers", "1",
                          "--share",  share, inbox,      NULL};
    return it_watch_run(node_dir, data, args);
}

/* share_wait_all - poll `dokaz status` of both nodes until together they
 * have finished n items and neither has any queued or processing; fails
 * after timeout_s with what each has */
static void share_wait_all(char *const *datas, int n, int timeout_s)
{
    for (int waited = 0;; waited++) {
        long finished[2], busy = 0;
        for (int k = 0; k < 2; k++) {
            const char *args[] = {"status", "--data", datas[k], "--json", NULL};
            json_object *st = it_dokaz_json(0, args);
            finished[k] = it_get_int(st, "done") + it_get_int(st, "failed");
            busy += it_get_int(st, "queued") + it_get_int(st, "processing");
            json_object_put(st);
        }
        if (finished[0] + finished[1] >= n && busy == 0)
            return;
        ck_assert_msg(waited < timeout_s * 4,
                      "after %d s node 1/2 has %ld items and node 2/2 %ld, %ld busy: "
                      "the %d inbox files should be received by one of them each",
                      timeout_s, finished[0], finished[1], busy, n);
        usleep(250 * 1000);
    }
}

/* share_assert_node - node k of 2 (its data directory and its counts from
 * share_receptions, `total` in all) received exactly the files of
 * files[0..n) that are its share by accept_in_share, each
 * once, and nothing else; its index finds each of them by its word, and none
 * of the others */
static void share_assert_node(const char *data, unsigned k, GHashTable *counts, int total,
                              const share_file *files, int n)
{
    int expected = 0;
    for (int i = 0; i < n; i++) {
        int mine = accept_in_share(files[i].rel, k, 2);
        int got = share_count(counts, files[i].sha);
        expected += mine;
        ck_assert_msg(got == mine, "node %u/2 received %s %d times; its share by the path hash: %s",
                      k, files[i].rel, got, mine ? "yes" : "no");
        size_t hits = share_exact_hits(data, files[i].word);
        ck_assert_msg(hits == (size_t)mine, "node %u/2: '%s' (in %s) found %zu times, expected %d",
                      k, files[i].word, files[i].rel, hits, mine);
    }
    ck_assert_msg(total == expected, "node %u/2 received %d files, its share of the inbox is %d", k,
                  total, expected);
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

START_TEST(two_shares_split_one_inbox_each_file_to_one_node)
{
    char *dir = tu_tempdir("itest-share"), *inbox = tu_path(dir, "inbox");
    char *nodes[2] = {tu_path(dir, "node1"), tu_path(dir, "node2")};
    char *datas[2] = {tu_path(nodes[0], "data"), tu_path(nodes[1], "data")};
    const char *shares[2] = {"1/2", "2/2"};
    char *sub = tu_path(inbox, "дела");
    ck_assert_int_eq(mkdir(inbox, 0755), 0);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    pid_t pids[2];
    for (int k = 0; k < 2; k++) {
        ck_assert_int_eq(mkdir(nodes[k], 0755), 0);
        pids[k] = share_start(nodes[k], datas[k], shares[k], inbox);
    }

    /* files dropped into the inbox both services watch */
    share_file files[SHARE_FILES + SHARE_LATER];
    int first_share = 0; /* how many are node 1/2's */
    for (int i = 0; i < SHARE_FILES; i++) {
        share_put(inbox, i, &files[i]);
        first_share += accept_in_share(files[i].rel, 1, 2);
    }
    share_wait_all(datas, SHARE_FILES, 60);

    /* each file was received by exactly one of the two, neither took none */
    int total[2];
    GHashTable *counts[2] = {share_receptions(datas[0], &total[0]),
                             share_receptions(datas[1], &total[1])};
    for (int i = 0; i < SHARE_FILES; i++) {
        int first = share_count(counts[0], files[i].sha),
            second = share_count(counts[1], files[i].sha);
        ck_assert_msg(first + second == 1,
                      "%s was received %d times by node 1/2 and %d times by node 2/2, "
                      "expected once by one of them",
                      files[i].rel, first, second);
    }
    ck_assert_msg(total[0] > 0 && total[1] > 0, "node 1/2 received %d files, node 2/2 %d", total[0],
                  total[1]);
    /* and it is the node --share gives it to */
    for (int k = 0; k < 2; k++) {
        share_assert_node(datas[k], (unsigned)k + 1, counts[k], total[k], files, SHARE_FILES);
        g_hash_table_destroy(counts[k]);
    }
    for (int k = 0; k < 2; k++)
        it_watch_stop(pids[k]);

    /* new files while both are stopped; node 1/2 alone starts again over the
     * inbox: it takes only its share of the new ones, none of its old ones
     * again and none of node 2/2's */
    int later = 0;
    for (int i = SHARE_FILES; i < SHARE_FILES + SHARE_LATER; i++) {
        share_put(inbox, i, &files[i]);
        later += accept_in_share(files[i].rel, 1, 2);
    }
    ck_assert_msg(later > 0 && later < SHARE_LATER,
                  "the new files should be both nodes' (node 1/2's: %d of %d)", later, SHARE_LATER);
    pids[0] = share_start(nodes[0], datas[0], shares[0], inbox);
    json_object *st = it_wait_idle(datas[0], first_share + later, 60);
    ck_assert_int_eq(it_get_int(st, "done"), first_share + later);
    json_object_put(st);
    it_watch_stop(pids[0]);
    int all = 0;
    GHashTable *again = share_receptions(datas[0], &all);
    share_assert_node(datas[0], 1, again, all, files, SHARE_FILES + SHARE_LATER);
    g_hash_table_destroy(again);

    for (int i = 0; i < SHARE_FILES + SHARE_LATER; i++) {
        free(files[i].rel);
        free(files[i].word);
        free(files[i].sha);
    }
    for (int k = 0; k < 2; k++) {
        free(datas[k]);
        free(nodes[k]);
    }
    free(sub);
    free(inbox);
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
    tcase_add_test(tc, two_shares_split_one_inbox_each_file_to_one_node);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
