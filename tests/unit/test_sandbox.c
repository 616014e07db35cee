/*
 * test_sandbox.c - common/sandbox.h on this kernel: each forbidden system call
 * kills a confined child with SIGSYS while what a parser does still works;
 * where the kernel offers Landlock (asked here directly, not through the code
 * under test), writes outside the allowed directories are refused.
 *
 * Skipped (77) under valgrind, which does not emulate seccomp or Landlock.
 */
#include "common/sandbox.h"
#include "testutil.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* Child exit codes: which check failed. */
enum {
    CHILD_OK = 0,
    CHILD_APPLY = 10,
    CHILD_INSIDE,
    CHILD_OUTSIDE,
    CHILD_RENAME,
    CHILD_UNIX,
    CHILD_SIGNAL,
    CHILD_SCRATCH,
    CHILD_SURVIVED = 20
};

/* kernel_landlock_abi - the running kernel's Landlock ABI, 0 without */
static long kernel_landlock_abi(void)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi > 0 ? abi : 0;
}

/* run_confined - fork, apply sb, run fn, exit with its code; the wait status */
static int run_confined(const sandbox *sb, int (*fn)(const char *), const char *dir)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        _exit(sandbox_apply(sb) != 0 ? CHILD_APPLY : fn(dir));
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return status;
}

/* bind_socket - bind a Unix socket at path (as LibreOffice binds its pipe
 * in /tmp) and remove it; 0 when both worked */
static int bind_socket(const char *path)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path)
        return -1;
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int rc = fd >= 0 && bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0 ? 0 : -1;
    if (fd >= 0)
        close(fd);
    return rc == 0 ? unlink(path) : -1;
}

/* scratch_work - in the scratch directory a file may be made and removed,
 * and a Unix socket bound; no directory, and nothing renamed out of it; 0
 * when so */
static int scratch_work(const char *dir)
{
    char tmp[512], sub[512], out[512], sock[512];
    snprintf(sock, sizeof sock, "%s/scratch/pipe", dir);
    if (bind_socket(sock) != 0)
        return -1;
    snprintf(tmp, sizeof tmp, "%s/scratch/lept.tmp", dir);
    snprintf(sub, sizeof sub, "%s/scratch/sub", dir);
    snprintf(out, sizeof out, "%s/work/lept.tmp", dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || write(fd, "x", 1) != 1)
        return -1;
    close(fd);
    if (kernel_landlock_abi() > 0 && (mkdir(sub, 0755) == 0 || rename(tmp, out) == 0))
        return -1;
    return unlink(tmp);
}

/* parser_work - what a worker does: write inside, temporary files in the
 * scratch directory, local sockets; and what it may not: write or move a
 * file outside, signal its parent */
static int parser_work(const char *dir)
{
    char inside[512], outside[512], moved[512];
    snprintf(inside, sizeof inside, "%s/work/page.txt", dir);
    snprintf(outside, sizeof outside, "%s/escaped", dir);
    snprintf(moved, sizeof moved, "%s/moved", dir);
    if (scratch_work(dir) != 0)
        return CHILD_SCRATCH;
    int fd = open(inside, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "x", 1) != 1)
        return CHILD_INSIDE;
    close(fd);
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0)
        return CHILD_UNIX;
    close(pair[0]);
    close(pair[1]);
    if (kernel_landlock_abi() == 0)
        return CHILD_OK;
    if (open(outside, O_WRONLY | O_CREAT, 0644) >= 0 || errno != EACCES)
        return CHILD_OUTSIDE;
    if (rename(inside, moved) == 0)
        return CHILD_RENAME;
    if (kernel_landlock_abi() >= 6 && kill(getppid(), 0) == 0)
        return CHILD_SIGNAL;
    return CHILD_OK;
}

/* The forbidden call a child makes, by index (dir unused). */
static int forbidden_call;

/* make_forbidden_call - the call numbered forbidden_call; CHILD_SURVIVED after it */
static int make_forbidden_call(const char *dir)
{
    (void)dir;
    switch (forbidden_call) {
    case 0: socket(AF_INET, SOCK_STREAM, 0); break;
    case 1: socket(AF_INET6, SOCK_DGRAM, 0); break;
    case 2: socket(AF_NETLINK, SOCK_RAW, 0); break;
    case 3: mount("none", "/mnt", "tmpfs", 0, NULL); break;
    case 4: syscall(SYS_unshare, 0); break;
    case 5: syscall(SYS_io_uring_setup, 1, NULL); break;
    case 6: syscall(SYS_bpf, 0, NULL, 0); break;
    case 7: syscall(SYS_init_module, NULL, 0, ""); break;
    case 8: syscall(SYS_process_vm_readv, getppid(), NULL, 0, NULL, 0, 0); break;
    default: syscall(SYS_userfaultfd, 0); break;
    }
    return CHILD_SURVIVED;
}
#define FORBIDDEN_CALLS 10

/* under_valgrind - memcheck preloads its core into the process */
static int under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload != NULL && strstr(preload, "vgpreload") != NULL;
}

START_TEST(confined_child_works_inside_only)
{
    char *dir = tu_tempdir("sandbox");
    char *work = tu_path(dir, "work"), *scratch = tu_path(dir, "scratch");
    ck_assert_int_eq(mkdir(work, 0755), 0);
    ck_assert_int_eq(mkdir(scratch, 0755), 0);
    const char *writable[] = {work, "/dev/null", NULL}, *scratches[] = {scratch, NULL};
    char *err = NULL;
    sandbox *sb = sandbox_new(writable, scratches, &err);
    ck_assert_msg(sb != NULL, "%s", err);
    long abi = kernel_landlock_abi();
    if (abi > 0) {
        char expect[48];
        snprintf(expect, sizeof expect, "Landlock ABI %ld", abi);
        ck_assert_str_eq(sandbox_landlock(sb), expect);
    }
    int status = run_confined(sb, parser_work, dir);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == CHILD_OK, "status %#x", status);
    char *outside = tu_path(dir, "escaped");
    ck_assert_int_ne(access(outside, F_OK), 0);
    sandbox_free(sb);
    free(outside);
    free(scratch);
    free(work);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(forbidden_call_kills)
{
    const char *writable[] = {NULL};
    char *err = NULL;
    sandbox *sb = sandbox_new(writable, NULL, &err);
    ck_assert_msg(sb != NULL, "%s", err);
    forbidden_call = _i;
    int status = run_confined(sb, make_forbidden_call, NULL);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS,
                  "forbidden call %d: status %#x", _i, status);
    sandbox_free(sb);
}
END_TEST

START_TEST(missing_writable_path_is_an_error)
{
    const char *writable[] = {"/nonexistent/dokaz-sandbox", NULL};
    char *err = NULL;
    sandbox *sb = sandbox_new(writable, NULL, &err);
    if (kernel_landlock_abi() > 0) {
        ck_assert_ptr_null(sb);
        ck_assert_ptr_nonnull(strstr(err, "/nonexistent/dokaz-sandbox"));
    }
    sandbox_free(sb);
    free(err);
}
END_TEST

/* main - run the suite, or skip it under valgrind */
int main(void)
{
    if (under_valgrind()) {
        puts("skipped: valgrind does not emulate seccomp or Landlock");
        return 77;
    }
    Suite *s = suite_create("sandbox");
    TCase *tc = tcase_create("sandbox");
    tcase_add_test(tc, confined_child_works_inside_only);
    tcase_add_loop_test(tc, forbidden_call_kills, 0, FORBIDDEN_CALLS);
    tcase_add_test(tc, missing_writable_path_is_an_error);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
