/*
 * testutil.c - helpers shared by the Check tests (see testutil.h).
 */
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* tu_tempdir - mkdtemp under TMPDIR */
char *tu_tempdir(const char *tag)
{
    const char *base = getenv("TMPDIR");
    char *path = xasprintf("%s/dokaz-test-%s-XXXXXX", base ? base : "/tmp", tag);
    ck_assert_msg(mkdtemp(path) != NULL, "mkdtemp %s: %s", path, strerror(errno));
    return path;
}

/* remove_entry - nftw callback for tu_rmtree */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0700);
    return remove(path) == 0 ? 0 : 0;
}

/* make_writable - nftw callback: evidence files and dirs are read-only by design */
static int make_writable(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)ftw;
    if (flag == FTW_D || flag == FTW_DNR)
        chmod(path, (st->st_mode & 07777) | 0700);
    return 0;
}

/* tu_rmtree - chmod then remove depth-first */
void tu_rmtree(const char *path)
{
    if (path == NULL)
        return;
    nftw(path, make_writable, 16, FTW_PHYS);
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* tu_write - create parents, write all bytes */
void tu_write(const char *path, const void *data, size_t len)
{
    char *dir = g_path_get_dirname(path);
    ck_assert(g_mkdir_with_parents(dir, 0755) == 0);
    g_free(dir);
    GError *gerr = NULL;
    ck_assert_msg(g_file_set_contents(path, data, (gssize)len, &gerr), "write %s: %s", path,
                  gerr ? gerr->message : "?");
}

/* tu_read - slurp a file */
char *tu_read(const char *path, size_t *len)
{
    gchar *data = NULL;
    gsize n = 0;
    if (!g_file_get_contents(path, &data, &n, NULL))
        return NULL;
    char *copy = xmalloc(n + 1);
    memcpy(copy, data, n);
    copy[n] = '\0';
    g_free(data);
    if (len)
        *len = n;
    return copy;
}

/* tu_path - dir + "/" + name */
char *tu_path(const char *dir, const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

/* tu_sha256_file - hash a whole file with GLib */
char *tu_sha256_file(const char *path)
{
    size_t n = 0;
    char *data = tu_read(path, &n);
    if (data == NULL)
        return NULL;
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, n);
    free(data);
    char *out = xstrdup(hex);
    g_free(hex);
    return out;
}

/* tu_run - fork/exec with stdout captured through a pipe */
int tu_run(char *const argv[], char **out)
{
    int fds[2];
    ck_assert(pipe(fds) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[1]);
        execv(argv[0], argv);
        fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    GString *buf = g_string_new(NULL);
    char chunk[4096];
    ssize_t got;
    while ((got = read(fds[0], chunk, sizeof chunk)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        g_string_append_len(buf, chunk, got);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (out)
        *out = xstrdup(buf->str);
    g_string_free(buf, TRUE);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

/* count_entry - nftw callback for tu_count_files */
static int files_counted;
static int count_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path;
    (void)st;
    (void)ftw;
    if (flag == FTW_F)
        files_counted++;
    return 0;
}

/* tu_count_files - count regular files below dir */
int tu_count_files(const char *dir)
{
    files_counted = 0;
    nftw(dir, count_entry, 16, FTW_PHYS);
    return files_counted;
}

/* tu_open_fds - the entries of /proc/PID/fd */
int tu_open_fds(pid_t pid)
{
    char path[64];
    if (pid == 0)
        snprintf(path, sizeof path, "/proc/self/fd");
    else
        snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    int n = 0;
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL)
        n += de->d_name[0] != '.';
    if (d != NULL)
        closedir(d);
    return pid == 0 && n > 0 ? n - 1 : n;
}

/* release_font_caches - free cairo's and fontconfig's font caches, if loaded
 *
 * fontconfig stores pointers as offsets, so valgrind reports its live caches
 * as "definitely lost"; freeing them keeps leak checks about our code. Both
 * are looked up at run time, so tests that draw nothing need neither library. */
static void release_font_caches(void)
{
    static const char *const finalizers[] = {"cairo_debug_reset_static_data", "FcFini"};
    for (size_t i = 0; i < sizeof finalizers / sizeof *finalizers; i++) {
        void (*fini)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, finalizers[i]);
        if (fini != NULL)
            fini();
    }
}

/* tu_run_suite - srunner boilerplate shared by every test program */
int tu_run_suite(Suite *suite)
{
    SRunner *sr = srunner_create(suite);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    release_font_caches();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
