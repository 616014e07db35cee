/*
 * test_upgrade.c - the real `dokaz ingest` on a data directory that an older
 * dokaz left: an item whose result.json is a version 1 record (no "version",
 * no "derived", not compressed) is processed again when the service starts, and comes back
 * with version 3 (persons) and its derived data: found by another spelling of its
 * name and by its case number, its facts line back in the web page and its
 * derived fields in the web's JSON, its result saved as result.json.gz in
 * place of the older file. An up-to-date record is not touched, nor is a
 * failed item's.
 */
#include "itest.h"
#include "testutil.h"

#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char verdict[] =
    "ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\n14 марта 2024 года\nДело № 1-234/2024\n"
    "Суд Заречного района г. Минска рассмотрел в порядке специального производства "
    "уголовное дело в отношении Иванова Сергея Николаевича, обвиняемого по ч. 1 ст. 342 УК.\n";
static const char letter[] = "Dear colleagues,\nthe case of Hanna Kavalchuk (Дело № 1-77/2023).\n";
static const char junk_pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >>\nnot a PDF at all\n";

/* older_path - DATA/items/ab/<sha>/result.json, where a dokaz before
 * compressed records saved a result (malloc'd) */
static char *older_path(const char *data, const char *sha)
{
    char *p = NULL;
    ck_assert_int_ge(asprintf(&p, "%s/items/%.2s/%s/result.json", data, sha, sha), 0);
    return p;
}

/* make_version_1 - the item's records as the first dokaz wrote them: in a
 * folder of the item's own, its result version 1, uncompressed, in
 * result.json (its result.json.gz removed) */
static void make_version_1(const char *data, const char *sha)
{
    char *path = older_path(data, sha), *saved = it_result_path(data, sha);
    json_object *o = it_result_record(data, sha), *pages = NULL;
    ck_assert_int_eq(unlink(saved), 0);
    free(saved);
    char *folder = NULL, *moved = NULL;
    ck_assert_int_ge(asprintf(&folder, "%s/items/%.2s/%s", data, sha, sha), 0);
    ck_assert_int_ge(asprintf(&moved, "%s/received.jsonl", folder), 0);
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    it_receptions_move(data, sha, moved);
    free(moved);
    free(folder);
    json_object_object_del(o, "version");
    json_object_object_del(o, "derived");
    json_object_object_get_ex(o, "pages", &pages);
    for (size_t i = 0; i < json_object_array_length(pages); i++)
        json_object_object_del(json_object_array_get_idx(pages, i), "derived");
    const char *text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY);
    tu_write(path, text, strlen(text));
    json_object_put(o);
    free(path);
}

/* result_mtime - the modification time of an item's result, older or saved */
static struct timespec result_mtime(const char *data, const char *sha)
{
    char *path = older_path(data, sha);
    if (access(path, F_OK) != 0) {
        free(path);
        path = it_result_path(data, sha);
    }
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    free(path);
    return st.st_mtim;
}

/* same_time - two modification times are equal */
static int same_time(struct timespec a, struct timespec b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* http_get - the whole answer (head and body) to GET `path` (malloc'd) */
static char *http_get(int port, const char *path)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    char request[256];
    int n = snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n", path);
    ck_assert_int_eq(write(fd, request, (size_t)n), n);
    size_t len = 0, cap = 65536;
    char *answer = malloc(cap);
    ssize_t got;
    while ((got = read(fd, answer + len, cap - len - 1)) > 0) {
        len += (size_t)got;
        if (cap - len < 4096)
            answer = realloc(answer, cap *= 2);
    }
    close(fd);
    answer[len] = '\0';
    return answer;
}

/* first_page_cases - the case numbers the web's JSON shows for page 1 of an
 * item, as a JSON text ("" when its page has no derived data; free it) */
static char *first_page_cases(int port, const char *sha)
{
    char path[128];
    snprintf(path, sizeof path, "/api/item/%s", sha);
    char *answer = http_get(port, path), *body = strstr(answer, "\r\n\r\n");
    ck_assert_msg(body != NULL, "no HTTP answer: %s", answer);
    json_object *item = json_tokener_parse(body + 4), *pages = NULL, *derived = NULL;
    ck_assert_msg(item != NULL, "not JSON: %s", body);
    ck_assert(json_object_object_get_ex(item, "pages", &pages));
    json_object *page = json_object_array_get_idx(pages, 0), *fields = NULL, *cases = NULL;
    char *found = strdup("");
    if (json_object_object_get_ex(page, "derived", &derived) && derived &&
        json_object_object_get_ex(derived, "fields", &fields) &&
        json_object_object_get_ex(fields, "cases", &cases)) {
        free(found);
        int flags = JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE;
        found = strdup(json_object_to_json_string_ext(cases, flags));
    }
    json_object_put(item);
    free(answer);
    return found;
}

/* facts_line - whether the web page of an item shows a facts line with `text` */
static int facts_line(int port, const char *sha, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "/item/%s", sha);
    char *answer = http_get(port, path);
    const char *facts = strstr(answer, "<p class=\"facts\">");
    const char *end = facts ? strstr(facts, "</p>") : NULL;
    const char *in = facts ? strstr(facts, text) : NULL;
    int shown = in != NULL && in < end;
    free(answer);
    return shown;
}

/* write_paper - put a paper in the folder; its sha256 in sha (65 bytes) */
static void write_paper(const char *folder, const char *name, const char *text, size_t len,
                        char *sha)
{
    char *path = tu_path(folder, name);
    tu_write(path, text, len);
    char *hash = tu_sha256_file(path);
    memcpy(sha, hash, 65);
    free(hash);
    free(path);
}

START_TEST(older_records_are_processed_again)
{
    char *dir = tu_tempdir("itest-upgrade");
    char *folder = tu_path(dir, "case"), *data = tu_path(dir, "data");
    ck_assert_int_eq(mkdir(folder, 0755), 0);
    char old[65], current[65], failed[65], later[65];
    write_paper(folder, "verdict.txt", verdict, sizeof verdict - 1, old);
    write_paper(folder, "letter.txt", letter, sizeof letter - 1, current);
    write_paper(folder, "broken.pdf", junk_pdf, sizeof junk_pdf - 1, failed);
    char *ingest[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, folder, NULL};
    ck_assert_int_eq(tu_run(ingest, NULL), 1); /* broken.pdf failed */

    /* as the previous dokaz left them: version 1 records, and no mark of a
     * finished scan (it made none) */
    make_version_1(data, old);
    make_version_1(data, failed);
    char *checked = tu_path(data, "queue/done.version");
    ck_assert_msg(unlink(checked) == 0, "the first ingest left no %s", checked);
    struct timespec current_before = result_mtime(data, current);
    struct timespec failed_before = result_mtime(data, failed);
    char url[256];
    int port = 0;
    pid_t server = it_serve(data, url, sizeof url);
    ck_assert_msg(sscanf(url, "http://127.0.0.1:%d", &port) == 1, "address: %s", url);
    char *cases = first_page_cases(port, old);
    ck_assert_str_eq(cases, "");
    free(cases);
    ck_assert(!facts_line(port, old, "1-234/2024"));

    /* the next start processes it again */
    char *path = tu_path(dir, "later.txt");
    const char later_text[] = "Ещё одно письмо.\n";
    write_paper(dir, "later.txt", later_text, sizeof later_text - 1, later);
    char *again[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, path, NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run(again, &out), 0);
    ck_assert_msg(strstr(out, "done\ttext/plain") != NULL, "%s", out);
    free(out);

    json_object *record = it_result_record(data, old), *v = NULL;
    ck_assert(json_object_object_get_ex(record, "version", &v));
    ck_assert_int_eq(json_object_get_int(v), 5); /* RECORD_VERSION */
    json_object_put(record);
    char *older = older_path(data, old); /* saved compressed, the older file gone */
    ck_assert_msg(access(older, F_OK) != 0, "%s is still there", older);
    free(older);
    cases = first_page_cases(port, old);
    ck_assert_str_eq(cases, "[\"1-234/2024\"]");
    free(cases);
    ck_assert(facts_line(port, old, "1-234/2024"));
    json_object *r = it_search(data, "Siarhei Ivanou");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    ck_assert_ptr_nonnull(it_hit_for(r, old));
    json_object_put(r);
    r = it_search(data, "case:1-234/2024");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    ck_assert_ptr_nonnull(it_hit_for(r, old));
    json_object_put(r);

    /* an up-to-date record is not processed again, and failed stays failed */
    ck_assert(same_time(result_mtime(data, current), current_before));
    ck_assert(same_time(result_mtime(data, failed), failed_before));
    const char *status[] = {"status", "--data", data, "--json", NULL};
    json_object *st = it_dokaz_json(0, status);
    ck_assert_int_eq(it_get_int(st, "done"), 3);
    ck_assert_int_eq(it_get_int(st, "failed"), 1);
    json_object_put(st);

    /* the audit log tells why the item was processed twice */
    char *audit = tu_path(data, "audit.log");
    char *log = tu_read(audit, NULL);
    char requeued[128];
    snprintf(requeued, sizeof requeued, "\"event\":\"requeued\",\"sha256\":\"%s\"", old);
    const char *first = strstr(log, "\"event\":\"requeued\"");
    ck_assert_msg(first != NULL && strncmp(first, requeued, strlen(requeued)) == 0, "%s", log);
    ck_assert_ptr_null(strstr(first + 1, "\"event\":\"requeued\""));
    free(log);
    free(audit);

    /* the scan is through: later starts read its mark, not every record */
    char *mark = tu_read(checked, NULL);
    ck_assert_str_eq(mark, "5\n"); /* RECORD_VERSION */
    free(mark);
    free(checked);

    kill(server, SIGTERM);
    int wstatus;
    ck_assert_int_eq(waitpid(server, &wstatus, 0), server);
    free(path);
    free(folder);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-upgrade");
    TCase *tc = tcase_create("upgrade");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, older_records_are_processed_again);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
