/*
 * sandbox_filter.c - the system calls a confined process may not make, as a
 * seccomp program (see sandbox.h).
 *
 * A deny-list, not an allow-list. The processes it confines run tesseract,
 * leptonica, poppler, libarchive, libmagic, libgsf, libheif, libpff, qpdf and
 * GLib, and will exec LibreOffice: which calls those make changes with every
 * library and C library release (clone3, rseq, statx, faccessat2, close_range,
 * getrandom came that way), and a call an allow-list forgot kills a worker on
 * a good file, so a court paper fails for no reason of its own. What a parser
 * never needs and an attacker who took a parser over would reach for is a
 * short, stable list: the network (every socket but a local one), other
 * processes' memory (ptrace, process_vm_*, pidfd_getfd), the kernel's
 * administration (mount and its new API, modules, kexec, reboot, swap, clocks,
 * host names, quotas, I/O ports), namespaces, and the interfaces exploits use
 * to widen a kernel bug (bpf, perf_event_open, userfaultfd, keyrings, io_uring,
 * whose operations seccomp cannot see, handle-based opens). Such a call kills
 * the whole process (SIGSYS), so nothing can go on after it; so does any call
 * through another architecture's table (i386's int 0x80), which the names
 * below would not cover. Files are Landlock's part (sandbox.c).
 *
 * Functions: sandbox_filter_build.
 */
#include "sandbox_private.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

/* AddressSanitizer's leak check at exit ptrace()s the process's threads. */
#if defined(__SANITIZE_ADDRESS__)
#define LEAK_CHECKER_PTRACES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEAK_CHECKER_PTRACES 1
#endif
#endif

/* Killed whatever their arguments (a name this architecture lacks is skipped). */
static const char *const forbidden[] = {
/* other processes */
#ifndef LEAK_CHECKER_PTRACES
    "ptrace",
#endif
    "process_vm_readv",
    "process_vm_writev",
    "pidfd_getfd",
    "kcmp",
    /* mounting and the root */
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    /* kernel modules and the running kernel */
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    /* the machine's administration */
    "swapon",
    "swapoff",
    "acct",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
    "sethostname",
    "setdomainname",
    "syslog",
    "quotactl",
    "quotactl_fd",
    "iopl",
    "ioperm",
    "vhangup",
    "uselib",
    /* namespaces */
    "unshare",
    "setns",
    /* what exploits widen a kernel bug with */
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "keyctl",
    "add_key",
    "request_key",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "open_by_handle_at",
    "name_to_handle_at",
    "fanotify_init",
};

/* add_rules - every forbidden call, and socket() for anything but AF_UNIX */
static int add_rules(scmp_filter_ctx ctx, char **err)
{
    for (size_t i = 0; i < sizeof forbidden / sizeof *forbidden; i++) {
        int nr = seccomp_syscall_resolve_name(forbidden[i]);
        if (nr == __NR_SCMP_ERROR)
            continue;
        int rc = seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, nr, 0);
        if (rc != 0)
            return dk_fail(err, "seccomp: cannot forbid %s: %s", forbidden[i], strerror(-rc));
    }
    const struct scmp_arg_cmp not_unix = {.arg = 0, .op = SCMP_CMP_NE, .datum_a = AF_UNIX};
    int rc = seccomp_rule_add_array(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(socket), 1, &not_unix);
    if (rc != 0)
        return dk_fail(err, "seccomp: cannot forbid network sockets: %s", strerror(-rc));
    return 0;
}

/* export_program - the compiled filter, through a memory file, into *prog */
static int export_program(scmp_filter_ctx ctx, struct sock_fprog *prog, char **err)
{
    int fd = memfd_create("dokaz-seccomp", MFD_CLOEXEC);
    if (fd < 0)
        return dk_fail_errno(err, "seccomp: memfd_create");
    int rc = seccomp_export_bpf(ctx, fd);
    off_t size = rc == 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (rc != 0 || size <= 0 || size % (off_t)sizeof(struct sock_filter) != 0 ||
        size / (off_t)sizeof(struct sock_filter) > BPF_MAXINSNS) {
        close(fd);
        return dk_fail(err, "seccomp: cannot compile the filter: %s",
                       rc ? strerror(-rc) : "unexpected size");
    }
    struct sock_filter *code = xmalloc((size_t)size);
    ssize_t got = pread(fd, code, (size_t)size, 0);
    close(fd);
    if (got != size) {
        free(code);
        return dk_fail(err, "seccomp: cannot read the compiled filter back");
    }
    prog->filter = code;
    prog->len = (unsigned short)(size / (off_t)sizeof(struct sock_filter));
    return 0;
}

/* sandbox_filter_build - allow by default; kill on a forbidden call or arch */
int sandbox_filter_build(struct sock_fprog *prog, char **err)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL)
        return dk_fail(err, "seccomp: cannot start a filter");
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) == 0
                 ? add_rules(ctx, err)
                 : dk_fail(err, "seccomp: cannot refuse other architectures");
    if (rc == 0)
        rc = export_program(ctx, prog, err);
    seccomp_release(ctx);
    return rc;
}
