/*
 * sandbox_private.h - the seccomp half of sandbox.h, shared by sandbox.c and
 * sandbox_filter.c only.
 */
#ifndef DOKAZ_COMMON_SANDBOX_PRIVATE_H
#define DOKAZ_COMMON_SANDBOX_PRIVATE_H

#include <linux/filter.h>

/* sandbox_filter_build - the deny-list as a BPF program for seccomp(2):
 * prog->filter is malloc'd (the caller frees it). -1 with *err. */
int sandbox_filter_build(struct sock_fprog *prog, char **err);

#endif
