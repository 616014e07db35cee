/*
 * mention_terms.c - the name mentions of a page as terms (see item_fields.h and
 * schema.h); derive/ found them, in the worker.
 *
 * A name key is a term at its word's position (XN), so "Siarhei Ivanou" can
 * be asked as two keys near each other, and once more without a position
 * (XR) when the name stands in an accused role, for ranking; an initial is
 * XI at its position, one right after another XIP, and an initial a given
 * name or patronymic may be written as XJ.
 *
 * Functions: ix_index_mentions.
 */
#include "index/item_fields.h"
#include "index/schema.h"

#include <stdio.h>

/* ix_index_mentions - one posting per mention, an XR term per accused name */
int ix_index_mentions(xc_doc *doc, const derived_page *p, unsigned base, char **err)
{
    static const char *const prefixes[] = {
        [DERIVE_NAME] = IX_PREFIX_NAME,
        [DERIVE_INITIAL] = IX_PREFIX_INITIAL,
        [DERIVE_NEXT_INITIAL] = IX_PREFIX_LATER_INITIAL,
        [DERIVE_NAME_INITIAL] = IX_PREFIX_NAME_INITIAL,
    };
    char term[NAMES_KEY_MAX + 8];
    for (size_t i = 0; p != NULL && i < p->nmentions; i++) {
        const derive_mention *m = &p->mentions[i];
        snprintf(term, sizeof term, "%s%s", prefixes[m->kind], m->key);
        if (xc_doc_add_posting(doc, term, base + m->pos, 1, err) < 0)
            return -1;
        if (m->kind != DERIVE_NAME || !m->accused)
            continue;
        snprintf(term, sizeof term, IX_PREFIX_ROLE "%s", m->key);
        if (xc_doc_add_term(doc, term, 1, err) < 0)
            return -1;
    }
    return 0;
}
