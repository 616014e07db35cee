/*
 * hex.c - bytes as hex digits (see hex.h). Apart from filehash.c, so that
 * what only shows a hash (index/files.c) does not link OpenSSL.
 *
 * Functions: hex_encode.
 */
#include "hex.h"

/* hex_encode - two digits a byte */
void hex_encode(const uint8_t *bytes, size_t n, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        hex[2 * i] = digits[bytes[i] >> 4];
        hex[2 * i + 1] = digits[bytes[i] & 0xf];
    }
    hex[2 * n] = '\0';
}
