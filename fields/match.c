/*
 * match.c - running one rule, with its failure noted rather than taken for
 * "no match".
 *
 * The rules are JIT-compiled, and PCRE2's JIT matches on a fixed 32 KiB
 * stack that GLib does not let us enlarge: on an article list thousands of
 * items long ("ч. 1, 2, 3, ... ст. 342") a rule stops with an error, and
 * GLib reports it as no match. That must not drop a field, so the error is
 * noted on the page's normalised text and fields_extract reads the page again
 * with the same rules compiled without the JIT, which has no such limit.
 *
 * Functions: fields_match, fields_next.
 */
#include "fields/fields_int.h"

/* note - mark t if e is set, and clear e */
static void note(fields_norm *t, GError **e)
{
    if (*e != NULL) {
        t->match_failed = 1;
        g_clear_error(e);
    }
}

/* fields_match - g_regex_match_full with its error noted */
int fields_match(const GRegex *re, const char *text, fields_norm *t, GMatchInfo **m)
{
    GError *e = NULL;
    int ok = g_regex_match_full(re, text, -1, 0, 0, m, &e);
    note(t, &e);
    return ok;
}

/* fields_next - g_match_info_next with its error noted */
int fields_next(GMatchInfo *m, fields_norm *t)
{
    GError *e = NULL;
    int ok = g_match_info_next(m, &e);
    note(t, &e);
    return ok;
}
