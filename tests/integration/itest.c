/*
 * itest.c - helpers for the integration tests (see itest.h).
 */
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* dokaz_bin - path of the binary under test */
static const char *dokaz_bin(void)
{
    const char *bin = getenv("DOKAZ_BIN");
    ck_assert_msg(bin != NULL, "DOKAZ_BIN is not set (run through meson test)");
    return bin;
}

/* it_dokaz_json - run and parse */
json_object *it_dokaz_json(int expect_status, const char *const *args)
{
    const char *argv[32];
    int n = 0;
    argv[n++] = dokaz_bin();
    for (; args[n - 1] && n < 31; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    char *out = NULL;
    int status = tu_run((char *const *)argv, &out);
    ck_assert_msg(status == expect_status, "dokaz %s exited %d, expected %d; output: %s", args[0],
                  status, expect_status, out);
    json_object *o = json_tokener_parse(out);
    ck_assert_msg(o != NULL, "dokaz %s printed no JSON: %s", args[0], out);
    free(out);
    return o;
}

/* it_search - search with JSON output */
json_object *it_search(const char *data, const char *query)
{
    const char *args[] = {"search", "--data", data, "--json", "--limit", "50", query, NULL};
    return it_dokaz_json(0, args);
}

/* it_get_int - integer member, asserting presence */
long it_get_int(json_object *o, const char *key)
{
    json_object *v = NULL;
    ck_assert_msg(json_object_object_get_ex(o, key, &v), "no '%s' in %s", key,
                  json_object_to_json_string(o));
    return (long)json_object_get_int64(v);
}

/* it_get_str - string member or NULL */
const char *it_get_str(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || v == NULL)
        return NULL;
    return json_object_get_string(v);
}

/* it_hit_for - find a hit by sha */
json_object *it_hit_for(json_object *results, const char *sha)
{
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(results, "hits", &hits));
    for (size_t i = 0; i < json_object_array_length(hits); i++) {
        json_object *h = json_object_array_get_idx(hits, i);
        const char *s = it_get_str(h, "sha256");
        if (s && strcmp(s, sha) == 0)
            return h;
    }
    return NULL;
}

/* it_worker_pid - scan /proc for a child of parent running `dokaz worker` */
pid_t it_worker_pid(pid_t parent)
{
    DIR *proc = opendir("/proc");
    struct dirent *de;
    pid_t found = 0;
    while (proc && !found && (de = readdir(proc)) != NULL) {
        pid_t pid = (pid_t)atoi(de->d_name);
        if (pid <= 0)
            continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%d/stat", pid);
        char *stat = tu_read(path, NULL);
        int ppid = 0;
        char *close_paren = stat ? strrchr(stat, ')') : NULL;
        if (close_paren)
            sscanf(close_paren + 2, "%*c %d", &ppid);
        free(stat);
        if (ppid != parent)
            continue;
        snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
        int fd = open(path, O_RDONLY);
        ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
        if (fd >= 0)
            close(fd);
        if (n > 0) {
            buf[n] = '\0';
            if (strcmp(buf + strlen(buf) + 1, "worker") == 0)
                found = pid;
        }
    }
    if (proc)
        closedir(proc);
    return found;
}

/* it_wait_idle - poll status */
json_object *it_wait_idle(const char *data, int expected, int timeout_s)
{
    const char *args[] = {"status", "--data", data, "--json", NULL};
    for (int waited = 0;; waited++) {
        json_object *st = it_dokaz_json(0, args);
        long finished = it_get_int(st, "done") + it_get_int(st, "failed");
        long busy = it_get_int(st, "queued") + it_get_int(st, "processing");
        if (finished >= expected && busy == 0)
            return st;
        ck_assert_msg(waited < timeout_s * 2, "still not processed after %d s: %s", timeout_s,
                      json_object_to_json_string(st));
        json_object_put(st);
        usleep(500 * 1000);
    }
}

/* it_wait_condition - poll status until its condition holds `words` */
json_object *it_wait_condition(const char *data, const char *words)
{
    const char *args[] = {"status", "--data", data, "--json", NULL};
    for (int i = 0;; i++) {
        json_object *st = it_dokaz_json(0, args);
        const char *c = it_get_str(st, "condition");
        if (c && strstr(c, words))
            return st;
        ck_assert_msg(i < 120, "status never said \"%s\": %s", words,
                      json_object_to_json_string(st));
        json_object_put(st);
        usleep(250 * 1000);
    }
}

/* it_generate_samples - run gen_samples */
void it_generate_samples(const char *dir)
{
    const char *gen = getenv("DOKAZ_GEN_SAMPLES");
    ck_assert_msg(gen != NULL, "DOKAZ_GEN_SAMPLES is not set (run through meson test)");
    char *const argv[] = {(char *)gen, (char *)dir, NULL};
    ck_assert_int_eq(tu_run(argv, NULL), 0);
}

/* it_manifest_phrase - look up manifest.tsv */
char *it_manifest_phrase(const char *samples_dir, const char *file, int page)
{
    char *path = tu_path(samples_dir, "manifest.tsv");
    char *text = tu_read(path, NULL);
    ck_assert_ptr_nonnull(text);
    free(path);
    char *save = NULL, *found = NULL;
    for (char *line = strtok_r(text, "\n", &save); line && !found;
         line = strtok_r(NULL, "\n", &save)) {
        char *f = strtok(line, "\t"), *p = strtok(NULL, "\t");
        strtok(NULL, "\t");
        char *phrase = strtok(NULL, "\t");
        if (f && p && phrase && strcmp(f, file) == 0 && atoi(p) == page)
            found = xstrdup(phrase);
    }
    free(text);
    ck_assert_msg(found != NULL, "manifest has no phrase for %s page %d", file, page);
    return found;
}

/* it_copy - read whole, then open, write, close the target in place */
void it_copy(const char *from, const char *to)
{
    size_t len = 0;
    char *data = tu_read(from, &len);
    ck_assert_msg(data != NULL, "cannot read %s", from);
    FILE *f = fopen(to, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", to);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(data);
}

/* it_start_server - run DOKAZ_BIN with args; its first stdout line is its address */
pid_t it_start_server(const char *const *args, char *url, size_t size)
{
    int out[2];
    ck_assert_int_eq(pipe(out), 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        execv(getenv("DOKAZ_BIN"), (char *const *)args);
        _exit(127);
    }
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    ck_assert_msg(fgets(url, (int)size, f) != NULL, "dokaz serve printed no address");
    fclose(f);
    url[strcspn(url, "\n")] = '\0';
    if (url[strlen(url) - 1] == '/')
        url[strlen(url) - 1] = '\0';
    return pid;
}

/* it_serve - `dokaz serve` on port 0 */
pid_t it_serve(const char *data, char *url, size_t size)
{
    const char *args[] = {"dokaz", "serve", "--data", data, "--listen", "127.0.0.1:0", NULL};
    return it_start_server(args, url, size);
}

/* it_watch_start - it_watch_run with the usual options */
pid_t it_watch_start(const char *dir, const char *data, const char *inbox, int settle_ms)
{
    char settle[16];
    snprintf(settle, sizeof settle, "%d", settle_ms);
    const char *args[] = {"--settle", settle, "--no-web", "--workers", "2", inbox, NULL};
    return it_watch_run(dir, data, args);
}

/* it_watch_run - fork/exec watch; wait for its queue folders */
pid_t it_watch_run(const char *dir, const char *data, const char *const *args)
{
    char *log = tu_path(dir, "watch.log");
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(fd, STDERR_FILENO);
        dup2(fd, STDOUT_FILENO);
        const char *argv[32] = {"dokaz", "watch", "--data", data};
        for (int i = 0; args[i] && i < 27; i++)
            argv[4 + i] = args[i];
        execv(dokaz_bin(), (char *const *)argv);
        _exit(127);
    }
    char *queue = tu_path(data, "queue/incoming"); /* `status` reads it */
    for (int i = 0; i < 500 && access(queue, F_OK) != 0; i++)
        usleep(20 * 1000);
    free(queue);
    free(log);
    return pid;
}

/* it_watch_stop - SIGTERM and a clean exit, once the service is set up: it
 * starts its workers after it handles stop signals, and a SIGTERM before
 * that (a watch just started again) ends it as the kernel does (up to 5 s) */
void it_watch_stop(pid_t pid)
{
    for (int i = 0; i < 250 && it_worker_pid(pid) <= 0; i++)
        usleep(20 * 1000);
    int status = 0;
    ck_assert_int_eq(kill(pid, SIGTERM), 0);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "watch ended with %d", status);
}

/* it_assert_found_once - an exact search for the word has one hit, sha's */
void it_assert_found_once(const char *data, const char *word, const char *sha)
{
    const char *args[] = {"search", "--data", data, "--json", "--exact", word, NULL};
    json_object *r = it_dokaz_json(0, args), *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    ck_assert_msg(json_object_array_length(hits) == 1 && it_hit_for(r, sha) != NULL,
                  "%s should find %.12s alone: %s", word, sha, json_object_to_json_string(r));
    json_object_put(r);
}

/* it_result_path - where the record subsystem saves a result: beside the
 * item's other records, or in its folder when an older dokaz gave it one */
char *it_result_path(const char *data, const char *sha)
{
    char *folder = xasprintf("%s/items/%.2s/%s", data, sha, sha);
    struct stat st;
    bool in_folder = stat(folder, &st) == 0 && S_ISDIR(st.st_mode);
    free(folder);
    return xasprintf("%s/items/%.2s/%s%sresult.json.gz", data, sha, sha, in_folder ? "/" : ".");
}

/* it_receptions_move - split the log's lines by their head */
void it_receptions_move(const char *data, const char *sha, const char *to)
{
    char *log = xasprintf("%s/items/%.2s/receptions-%c.jsonl", data, sha, sha[2]);
    char *head = xasprintf("{\"sha256\":\"%s\"", sha), *text = tu_read(log, NULL);
    GString *mine = g_string_new(NULL), *rest = g_string_new(NULL);
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++)
        if (**l != '\0')
            g_string_append_printf(g_str_has_prefix(*l, head) ? mine : rest, "%s\n", *l);
    ck_assert_msg(mine->len > 0, "no line of %.12s in %s", sha, log);
    tu_write(to, mine->str, mine->len);
    tu_write(log, rest->str, rest->len);
    g_strfreev(lines);
    g_string_free(rest, TRUE);
    g_string_free(mine, TRUE);
    free(text);
    free(head);
    free(log);
}

/* it_result_record - gunzip and parse */
json_object *it_result_record(const char *data, const char *sha)
{
    char *path = it_result_path(data, sha), buf[64 << 10];
    gzFile gz = gzopen(path, "rb");
    ck_assert_msg(gz != NULL, "no record at %s", path);
    json_tokener *tok = json_tokener_new();
    json_object *record = NULL;
    int n;
    while (record == NULL && (n = gzread(gz, buf, sizeof buf)) > 0)
        record = json_tokener_parse_ex(tok, buf, n);
    ck_assert_msg(record != NULL, "%s is not gzip-compressed JSON (%s)", path,
                  json_tokener_error_desc(json_tokener_get_error(tok)));
    json_tokener_free(tok);
    gzclose(gz);
    free(path);
    return record;
}
