/*
 * derive_int.h - private to derive/: the name mentions of a text
 * (mentions.c), used by derive_page (derive.c).
 */
#ifndef DOKAZ_DERIVE_INT_H
#define DOKAZ_DERIVE_INT_H

#include "derive/derive.h"

#include <glib.h>

/* derive_mentions - append the mentions of text's words (derive_mention) to
 * out; positions continue from *pos, which is moved past the text */
void derive_mentions(const names *n, const char *text, unsigned *pos, GArray *out);

#endif
