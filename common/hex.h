/*
 * hex.h - bytes as lower-case hex digits, the form hashes are shown in.
 */
#ifndef DOKAZ_COMMON_HEX_H
#define DOKAZ_COMMON_HEX_H

#include <stddef.h>
#include <stdint.h>

/* hex_encode - bytes[0..n) as 2n lower-case hex digits, NUL-terminated,
 * into hex (2n + 1 bytes) */
void hex_encode(const uint8_t *bytes, size_t n, char *hex);

#endif
