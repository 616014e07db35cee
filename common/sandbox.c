/*
 * sandbox.c - confining a parsing process (see sandbox.h): Landlock's write
 * rules, and putting them and the seccomp filter (sandbox_filter.c) on it.
 *
 * Landlock handles every right that changes the file system, as far as the
 * running kernel knows them (writing, truncating, creating, removing,
 * linking and renaming across directories), and grants them beneath the
 * given paths only (in scratch directories, only those a temporary file
 * or a local socket needs); reading and executing stay as they were, since the
 * libraries, the language models and the originals are read from everywhere.
 * From ABI 6 on the process also may not signal processes outside its domain
 * (a worker cannot kill its supervisor) nor connect to abstract Unix sockets
 * outside it. Without Landlock (older kernels, or one booted without it in
 * lsm=) the filter alone is applied and sandbox_landlock says so; nothing
 * is refused for that, so dokaz still runs there, with writes unconfined.
 *
 * Functions: sandbox_new, sandbox_apply, sandbox_landlock, sandbox_free,
 * sandbox_enter.
 */
#include "sandbox.h"
#include "sandbox_private.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Rights and scopes newer than the oldest headers dokaz builds with. */
#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER (1ULL << 13) /* ABI 2 */
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14) /* ABI 3 */
#endif
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) /* ABI 6 */
#define SCOPE_SIGNAL (1ULL << 1)               /* ABI 6 */

/* Rights that change the file system, in ABI 1. */
#define WRITE_RIGHTS_V1 \
    (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR | \
     LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR | \
     LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO | \
     LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM)

/* Rights that apply to a file itself (a rule on a file may grant only these). */
#define FILE_WRITE_RIGHTS (LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE)

/* Rights in a scratch directory: regular files made, written, removed; and
 * Unix sockets bound there (LibreOffice binds its single-instance pipe,
 * /tmp/OSL_PIPE_*, in /tmp whatever TMPDIR says). */
#define SCRATCH_RIGHTS \
    (FILE_WRITE_RIGHTS | LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK | \
     LANDLOCK_ACCESS_FS_REMOVE_FILE)

/* landlock_ruleset_attr as of ABI 6; older kernels take it when the members
 * they do not know are zero. */
typedef struct {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
} ruleset_attr;

struct sandbox {
    struct sock_fprog filter;
    int ruleset; /* Landlock ruleset fd, -1 without Landlock */
    char landlock[96];
};

/* landlock_abi - the kernel's Landlock ABI version, or 0 with why in sb */
static int landlock_abi(sandbox *sb)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi > 0) {
        snprintf(sb->landlock, sizeof sb->landlock, "Landlock ABI %ld", abi);
        return (int)abi;
    }
    snprintf(sb->landlock, sizeof sb->landlock, "%s",
             errno == EOPNOTSUPP ? "Landlock is built in but not enabled (boot option lsm=)"
                                 : "Landlock is not offered by this kernel");
    return 0;
}

/* add_path - allow `rights` beneath path (only a file's own rights on a file) */
static int add_path(int ruleset, const char *path, uint64_t rights, char **err)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return dk_fail_errno(err, "sandbox: cannot open %s", path);
    }
    struct landlock_path_beneath_attr rule = {
        .allowed_access = S_ISDIR(st.st_mode) ? rights : rights & FILE_WRITE_RIGHTS,
        .parent_fd = fd,
    };
    long rc = syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc == 0 ? 0 : dk_fail_errno(err, "sandbox: cannot allow writing beneath %s", path);
}

/* make_ruleset - sb->ruleset: the write rights the ABI knows, granted beneath
 * writable, and the scratch rights in scratch */
static int make_ruleset(sandbox *sb, int abi, const char *const *writable,
                        const char *const *scratch, char **err)
{
    ruleset_attr attr = {.handled_access_fs = WRITE_RIGHTS_V1};
    if (abi >= 2)
        attr.handled_access_fs |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        attr.handled_access_fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
    if (abi >= 6)
        attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL;
    long fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (fd < 0)
        return dk_fail_errno(err, "sandbox: cannot create a Landlock ruleset");
    sb->ruleset = (int)fd;
    for (size_t i = 0; writable[i] != NULL; i++)
        if (add_path(sb->ruleset, writable[i], attr.handled_access_fs, err) != 0)
            return -1;
    for (size_t i = 0; scratch != NULL && scratch[i] != NULL; i++)
        if (add_path(sb->ruleset, scratch[i], attr.handled_access_fs & SCRATCH_RIGHTS, err) != 0)
            return -1;
    return 0;
}

/* sandbox_new - compile the filter, build the rules the kernel can enforce */
sandbox *sandbox_new(const char *const *writable, const char *const *scratch, char **err)
{
    sandbox *sb = xcalloc(1, sizeof *sb);
    sb->ruleset = -1;
    int abi = landlock_abi(sb);
    if (sandbox_filter_build(&sb->filter, err) != 0 ||
        (abi > 0 && make_ruleset(sb, abi, writable, scratch, err) != 0)) {
        sandbox_free(sb);
        return NULL;
    }
    return sb;
}

/* sandbox_apply - no new privileges (what lets an unprivileged process take
 * the other two), Landlock, the filter */
int sandbox_apply(const sandbox *sb)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    if (sb->ruleset >= 0 && syscall(SYS_landlock_restrict_self, sb->ruleset, 0) != 0)
        return -1;
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &sb->filter);
    if (rc > 0) /* a thread that could not be synchronised */
        errno = ESRCH;
    return rc == 0 ? 0 : -1;
}

/* sandbox_landlock - the text landlock_abi left */
const char *sandbox_landlock(const sandbox *sb)
{
    return sb->landlock;
}

/* sandbox_free - the program, the ruleset fd, the struct */
void sandbox_free(sandbox *sb)
{
    if (sb == NULL)
        return;
    free(sb->filter.filter);
    if (sb->ruleset >= 0)
        close(sb->ruleset);
    free(sb);
}

/* sandbox_enter - build, apply, free */
int sandbox_enter(const char *const *writable, const char *const *scratch, char **landlock,
                  char **err)
{
    sandbox *sb = sandbox_new(writable, scratch, err);
    if (sb == NULL)
        return -1;
    int rc = sandbox_apply(sb) == 0 ? 0 : dk_fail_errno(err, "sandbox: cannot confine the process");
    if (rc == 0 && landlock != NULL)
        *landlock = xstrdup(sandbox_landlock(sb));
    sandbox_free(sb);
    return rc;
}
