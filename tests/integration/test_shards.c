/*
 * test_shards.c - several data directories searched as one through Xapian's
 * remote backend (DATA/shards.conf).
 *
 * Three shards, each its own data directory ingested by its own dokaz: two
 * served by xapian-tcpsrv on loopback ports, one through a pipe to
 * xapian-progsrv (what ssh runs on the far end, without ssh). A search
 * across them gives the same hits in the same order, the same total and the
 * same facet counts as the search on one index of all the files. With one
 * tcpsrv stopped, the search answers from the other two and names the
 * stopped shard. Each hit names the shard that holds it.
 *
 * An image only shard C holds is read through C's files (`files C = local
 * DATA`, what a read-only mount gives): `dokaz show` prints its record (also
 * once C's result is an older dokaz's uncompressed result.json), the
 * web serves its original with the same bytes and draws its page; with the
 * files out of reach, both name shard C.
 */
#include "itest.h"
#include "testutil.h"
#include "fixtures.h"

#include <arpa/inet.h>
#include <check.h>
#include <glib.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define NSHARDS 3
#define PER_SHARD 4
#define SCAN_NAME "scan_C.png" /* in shard C's folder: matches none of the queries */

static const char *const shard_names[NSHARDS] = {"A", "B", "C"};

/* free_port - a loopback port nobody listens on now */
static unsigned free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    ck_assert(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 &&
              getsockname(fd, (struct sockaddr *)&a, &len) == 0);
    close(fd);
    return ntohs(a.sin_port);
}

/* answers - 1 when something accepts connections on the loopback port */
static int answers(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    if (fd >= 0)
        close(fd);
    return ok;
}

/* start_tcpsrv - xapian-tcpsrv serving index on 127.0.0.1:port, once it listens */
static pid_t start_tcpsrv(const char *index, unsigned port)
{
    char p[16];
    snprintf(p, sizeof p, "%u", port);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);                    /* it signals its own group when stopped: not ours */
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* and it ends with a failed test */
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", p, index,
               (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 200 && !answers(port); i++)
        usleep(20000);
    ck_assert_msg(answers(port), "xapian-tcpsrv on port %u never listened", port);
    return pid;
}

/* stop - end a server we started and reap it */
static void stop(pid_t pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

/* write_docs - shard s's files: the query word a different number of times
 * in each (distinct weights, so the order has no ties), courts, articles,
 * types and years that differ across files; the accused is Иванов Иван but
 * in each shard's last file, Иванов Пётр (a possible match of the other) */
static void write_docs(const char *dir, int s)
{
    static const char *const kinds[] = {"ПРИГОВОР", "ИЗВЕЩЕНИЕ"};
    static const char *const courts[] = {"Суд Заводского района г. Минска",
                                         "Суд Советского района г. Гомеля",
                                         "Минский городской суд"};
    static const char *const articles[] = {"342", "130", "361-1"};
    for (int i = 0; i < PER_SHARD; i++) {
        int n = s * PER_SHARD + i;
        GString *t = g_string_new(NULL);
        g_string_append_printf(t,
                               "%s\n%s\nпо делу № 1-%d/202%d обвиняемый Иванов %s по ч. 1 "
                               "ст. %s УК, %02d.03.202%d.\n",
                               kinds[n % 2], courts[n % 3], 100 + n, 2 + n % 3,
                               i == PER_SHARD - 1 ? "Пётр" : "Иван", articles[n % 3], 1 + n,
                               2 + n % 3);
        for (int k = 0; k <= n; k++)
            g_string_append(t, "протест ");
        for (int k = 0; k < 3 * (NSHARDS * PER_SHARD - n); k++)
            g_string_append(t, "текст ");
        char name[32];
        snprintf(name, sizeof name, "doc_%s%d.txt", shard_names[s], i);
        char *path = tu_path(dir, name);
        tu_write(path, t->str, t->len);
        free(path);
        g_string_free(t, TRUE);
    }
}

/* ingest - dokaz ingest of the folders into data */
static void ingest(const char *data, const char *const *folders, int n)
{
    const char *argv[16] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, "--workers", "1"};
    for (int i = 0; i < n; i++)
        argv[6 + i] = folders[i];
    char *out = NULL;
    int rc = tu_run((char *const *)argv, &out);
    ck_assert_msg(rc == 0, "ingest into %s: %d %s", data, rc, out);
    free(out);
}

/* search - dokaz search --json --facets */
static json_object *search(const char *data, const char *query)
{
    const char *args[] = {"search",  "--data", data,  "--json", "--facets",
                          "--limit", "50",     query, NULL};
    return it_dokaz_json(0, args);
}

/* shas - the hits' SHA-256s in order, joined by spaces (g_free) */
static char *shas(json_object *r)
{
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < json_object_array_length(hits); i++)
        g_string_append_printf(s, "%s ", it_get_str(json_object_array_get_idx(hits, i), "sha256"));
    return g_string_free(s, FALSE);
}

/* facets - the facets as JSON text (valid while r lives) */
static const char *facets(json_object *r)
{
    json_object *f = NULL;
    ck_assert_msg(json_object_object_get_ex(r, "facets", &f), "no facets");
    return json_object_to_json_string_ext(f, JSON_C_TO_STRING_PLAIN);
}

/* without_shard - the combined order without the hits of one shard's files */
static char *without_shard(json_object *combined, int s)
{
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(combined, "hits", &hits));
    char prefix[16];
    snprintf(prefix, sizeof prefix, "doc_%s", shard_names[s]);
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < json_object_array_length(hits); i++) {
        json_object *h = json_object_array_get_idx(hits, i);
        if (strncmp(it_get_str(h, "name"), prefix, strlen(prefix)) != 0)
            g_string_append_printf(out, "%s ", it_get_str(h, "sha256"));
    }
    return g_string_free(out, FALSE);
}

/* run_both - argv's exit status, stdout and stderr together into *out (g_free) */
static int run_both(const char *const *argv, char **out)
{
    char *o = NULL, *e = NULL;
    gint status = 0;
    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &o, &e,
                           &status, NULL));
    *out = g_strconcat(o, e, NULL);
    g_free(o);
    g_free(e);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* get - curl url+path into file (NULL: /dev/null): the HTTP status */
static int get(const char *url, const char *path, const char *file)
{
    char *full = g_strconcat(url, path, NULL), *out = NULL;
    const char *argv[] = {"curl", "-s",           "--max-time",
                          "60",   "-o",           file ? file : "/dev/null",
                          "-w",   "%{http_code}", full,
                          NULL};
    ck_assert_int_eq(run_both(argv, &out), 0);
    int status = atoi(out);
    g_free(out);
    g_free(full);
    return status;
}

/* show - dokaz show [--json] SHA on the search machine: its exit status, *out */
static int show(const char *searcher, const char *sha, int json, char **out)
{
    const char *argv[] = {getenv("DOKAZ_BIN"), "show", "--data", searcher, json ? "--json" : sha,
                          json ? sha : NULL,   NULL};
    return run_both(argv, out);
}

/* remote_item - the scan only shard C holds, read through C's files at
 * c_data, on the command line and the web; then with the files out of reach */
static void remote_item(const char *searcher, const char *conf_path, const char *conf,
                        const char *c_data, const unsigned char *png, size_t len)
{
    char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, png, len), *out = NULL;
    char *local_sha = tu_path(searcher, "items");
    ck_assert_msg(show(searcher, sha, 0, &out) != 0 && strstr(out, "shard C: ") &&
                      strstr(out, "does not say where its files are"),
                  "%s", out); /* tcp and pipe shards have no files unless told */
    g_free(out);
    char *with_files = g_strdup_printf("%sfiles C = local %s\n", conf, c_data);
    tu_write(conf_path, with_files, strlen(with_files));

    ck_assert_int_eq(show(searcher, sha, 0, &out), 0);
    ck_assert_msg(strstr(out, SCAN_NAME "\n") == out && strstr(out, "on shard C") &&
                      strstr(out, "image/png") && strstr(out, "status    done"),
                  "%s", out);
    g_free(out);
    ck_assert_int_eq(show(searcher, sha, 1, &out), 0);
    json_object *record = json_tokener_parse(out);
    ck_assert_msg(record != NULL, "%s", out);
    ck_assert_str_eq(it_get_str(record, "shard"), "C");
    json_object_put(record);
    g_free(out);
    ck_assert_msg(!g_file_test(local_sha, G_FILE_TEST_EXISTS), "records were written to DATA");

    /* a shard whose older dokaz kept the item's records in a folder of its
     * own and its result uncompressed, as result.json */
    json_object *older = it_result_record(c_data, sha);
    char *saved = it_result_path(c_data, sha);
    char *folder = g_strdup_printf("%s/items/%.2s/%s", c_data, sha, sha);
    char *moved = g_strconcat(folder, "/received.jsonl", NULL);
    char *plain = g_strconcat(folder, "/result.json", NULL);
    ck_assert_int_eq(g_mkdir_with_parents(folder, 0755), 0);
    it_receptions_move(c_data, sha, moved);
    const char *text = json_object_to_json_string_ext(older, JSON_C_TO_STRING_PLAIN);
    tu_write(plain, text, strlen(text));
    ck_assert_int_eq(unlink(saved), 0);
    g_free(moved);
    g_free(folder);
    char *fetched = tu_path(searcher, "cache/shards");
    tu_rmtree(fetched); /* else its records, fetched just now, are read again */
    ck_assert_int_eq(show(searcher, sha, 0, &out), 0);
    ck_assert_msg(strstr(out, "on shard C") && strstr(out, "status    done"), "%s", out);
    g_free(out);
    free(fetched);
    g_free(plain);
    free(saved);
    json_object_put(older);

    char url[256], *dir = g_path_get_dirname(searcher);
    char *original = tu_path(dir, "fetched.png"), *image = tu_path(dir, "page1.png");
    pid_t server = it_serve(searcher, url, sizeof url);
    char *item = g_strconcat("/item/", sha, NULL), *file = g_strconcat(item, "/original", NULL);
    char *page = g_strconcat(item, "/page/1.png", NULL);
    char *api = g_strconcat("/api", item, NULL), *api_file = tu_path(dir, "item.json");
    ck_assert_int_eq(get(url, item, NULL), 200);
    ck_assert_int_eq(get(url, api, api_file), 200);
    json_object *served = json_object_from_file(api_file);
    ck_assert_str_eq(it_get_str(served, "shard"), "C");
    ck_assert_str_eq(it_get_str(served, "name"), SCAN_NAME);
    json_object_put(served);
    free(api_file);
    g_free(api);
    ck_assert_int_eq(get(url, file, original), 200);
    size_t got_len = 0;
    char *got = tu_read(original, &got_len), *got_sha = tu_sha256_file(original);
    ck_assert_int_eq(got_len, len);
    ck_assert_msg(memcmp(got, png, len) == 0, "the original's bytes differ");
    ck_assert_str_eq(got_sha, sha);
    ck_assert_int_eq(get(url, page, image), 200);
    size_t image_len = 0;
    char *drawn = tu_read(image, &image_len);
    ck_assert_msg(image_len > 100 && memcmp(drawn, "\x89PNG", 4) == 0, "no page image");

    /* C's files out of reach (an unmounted folder), nothing of it cached */
    char *gone = g_strdup_printf("%sfiles C = local %s/unmounted\n", conf, dir);
    tu_write(conf_path, gone, strlen(gone));
    char *cache = tu_path(searcher, "cache/shards");
    tu_rmtree(cache);
    char *said_path = tu_path(dir, "said.html");
    ck_assert_int_eq(get(url, item, said_path), 502);
    char *said = tu_read(said_path, NULL);
    ck_assert_msg(strstr(said, "shard C: cannot read "), "%s", said);
    free(said);
    free(said_path);
    ck_assert_int_eq(get(url, page, NULL), 502);
    ck_assert_int_ne(show(searcher, sha, 0, &out), 0);
    ck_assert_msg(strstr(out, "shard C: cannot read ") && strstr(out, "unmounted"), "%s", out);
    g_free(out);
    kill(server, SIGTERM);
    waitpid(server, NULL, 0);

    free(cache);
    g_free(gone);
    free(drawn);
    free(got);
    free(got_sha);
    g_free(page);
    g_free(file);
    g_free(item);
    free(original);
    free(image);
    g_free(dir);
    g_free(with_files);
    free(local_sha);
    g_free(sha);
}

START_TEST(three_shards_search_as_one_index)
{
    char *dir = tu_tempdir("itest-shards");
    char *folders[NSHARDS], *datas[NSHARDS], *indexes[NSHARDS];
    size_t png_len = 0;
    unsigned char *png = fx_png("ПЕЧАТЬ", &png_len);
    for (int s = 0; s < NSHARDS; s++) {
        char name[16];
        snprintf(name, sizeof name, "in%s", shard_names[s]);
        folders[s] = tu_path(dir, name);
        g_mkdir_with_parents(folders[s], 0700);
        write_docs(folders[s], s);
        if (s == 2) { /* an image, for its page and original */
            char *scan = tu_path(folders[s], SCAN_NAME);
            tu_write(scan, png, png_len);
            free(scan);
        }
        snprintf(name, sizeof name, "data%s", shard_names[s]);
        datas[s] = tu_path(dir, name);
        ingest(datas[s], (const char *const *)&folders[s], 1);
        indexes[s] = tu_path(datas[s], "index");
    }
    char *all = tu_path(dir, "all"), *searcher = tu_path(dir, "searcher");
    ingest(all, (const char *const *)folders, NSHARDS);

    unsigned port_a = free_port(), port_b = free_port();
    pid_t srv_a = start_tcpsrv(indexes[0], port_a), srv_b = start_tcpsrv(indexes[1], port_b);
    g_mkdir_with_parents(searcher, 0700);
    char *conf = g_strdup_printf("# three machines\n"
                                 "shard A = remote tcp 127.0.0.1 %u\n"
                                 "shard B = remote tcp 127.0.0.1 %u\n"
                                 "shard C = remote pipe xapian-progsrv %s\n",
                                 port_a, port_b, indexes[2]);
    char *conf_path = tu_path(searcher, "shards.conf");
    tu_write(conf_path, conf, strlen(conf));

    /* Иванов Иван: the possible matches (Пётр), left out of the exact
     * files by their terms, as remote shards cannot do by their values */
    const char *queries[] = {"протест", "Иванов", "протест type:verdict", "Иванов Иван"};
    for (size_t q = 0; q < G_N_ELEMENTS(queries); q++) {
        json_object *one = search(all, queries[q]), *sharded = search(searcher, queries[q]);
        char *want = shas(one), *got = shas(sharded);
        ck_assert_msg(strlen(want) > 0, "no hits for %s", queries[q]);
        ck_assert_str_eq(got, want);
        json_object *hits = NULL;
        ck_assert(json_object_object_get_ex(sharded, "hits", &hits));
        for (size_t i = 0; i < json_object_array_length(hits); i++) { /* doc_B1.txt is B's */
            json_object *h = json_object_array_get_idx(hits, i);
            const char *shard = it_get_str(h, "shard"), *name = it_get_str(h, "name");
            ck_assert_msg(shard && strlen(shard) == 1 && name[4] == shard[0], "%s from %s", name,
                          shard ? shard : "(none)");
        }
        ck_assert_int_eq(it_get_int(sharded, "total"), it_get_int(one, "total"));
        ck_assert_int_eq(it_get_int(sharded, "possible_total"), it_get_int(one, "possible_total"));
        if (q == 3) /* each shard's last file names Пётр */
            ck_assert_int_eq(it_get_int(one, "possible_total"), NSHARDS);
        ck_assert_str_eq(facets(sharded), facets(one));
        if (q == 0) /* half the files are verdicts, each counted once */
            ck_assert_msg(strstr(facets(one), "\"value\":\"verdict\",\"label\":\"verdict\","
                                              "\"count\":6"),
                          "%s", facets(one));
        json_object *sh = NULL;
        ck_assert(json_object_object_get_ex(sharded, "shards", &sh));
        ck_assert_int_eq(it_get_int(sh, "named"), 3);
        ck_assert_int_eq(it_get_int(sh, "answered"), 3);
        ck_assert_ptr_null(it_get_str(sh, "failed"));
        g_free(want);
        g_free(got);
        json_object_put(one);
        json_object_put(sharded);
    }

    stop(srv_b); /* shard B's machine is down: the others answer, B is named */
    json_object *one = search(all, "протест"), *sharded = search(searcher, "протест");
    char *want = without_shard(one, 1), *got = shas(sharded);
    ck_assert_str_eq(got, want);
    ck_assert_int_eq(it_get_int(sharded, "total"), (NSHARDS - 1) * PER_SHARD);
    json_object *sh = NULL;
    ck_assert(json_object_object_get_ex(sharded, "shards", &sh));
    ck_assert_int_eq(it_get_int(sh, "answered"), 2);
    const char *failed = it_get_str(sh, "failed");
    ck_assert_msg(failed && strstr(failed, "shard B: ") && strstr(failed, "Connection refused") &&
                      !strstr(failed, "shard A") && !strstr(failed, "shard C"),
                  "%s", failed ? failed : "(none)");
    const char *text[] = {getenv("DOKAZ_BIN"), "search", "--data", searcher, "протест", NULL};
    char *out = NULL;
    ck_assert_int_eq(tu_run((char *const *)text, &out), 0);
    ck_assert_msg(strstr(out, "2 of 3 shards answered; shard B: "), "%s", out);
    free(out);
    g_free(want);
    g_free(got);
    json_object_put(one);
    json_object_put(sharded);

    remote_item(searcher, conf_path, conf, datas[2], png, png_len);
    stop(srv_a);
    free(png);
    free(conf_path);
    g_free(conf);
    for (int s = 0; s < NSHARDS; s++) {
        free(folders[s]);
        free(datas[s]);
        free(indexes[s]);
    }
    free(all);
    free(searcher);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("shards");
    TCase *tc = tcase_create("shards");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, three_shards_search_as_one_index);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
