/*
 * stemmer.cc - a stemmer for a language (Snowball, through Xapian), used to
 * find the words of a page that match a query by their stem.
 *
 * Like every file of the wrapper, every entry point catches what Xapian
 * throws (fail_current, xapian_int.hh): no C++ exception reaches C.
 *
 * Functions: xc_stem_new, xc_stem_word, xc_stem_free.
 */
#include "index/xapian/xapian_int.hh"

struct xc_stem {
    Xapian::Stem stem;
};

/* xc_stem_new - Stem(lang) */
xc_stem *xc_stem_new(const char *lang, char **err)
{
    try {
        return new xc_stem{make_stem(lang)};
    } catch (...) {
        fail_current(err, "cannot use stemmer " + str(lang));
        return nullptr;
    }
}

/* xc_stem_word - stem(word) */
char *xc_stem_word(const xc_stem *s, const char *word)
{
    if (s == nullptr || word == nullptr)
        return nullptr;
    try {
        return dup_string(s->stem(word));
    } catch (...) {
        return nullptr;
    }
}

/* xc_stem_free - delete */
void xc_stem_free(xc_stem *s)
{
    delete s;
}
