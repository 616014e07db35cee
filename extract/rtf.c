/*
 * rtf.c - RTF documents: their text, in UTF-8, and their title and author.
 *
 * RTF is 7-bit text: other characters are \'hh bytes in the code page of
 * the font they are in (the font table's \fcharsetN: 204 is Cyrillic, 238
 * Central European) or else of the document (\ansicpgN, e.g. 1251 for
 * Cyrillic Word files; \pc, \pca, \mac), or \uN Unicode code points
 * followed by \ucN fallback characters, which are skipped. \binN is N bytes
 * of binary data, braces and all, skipped whole. Groups
 * that are not text (font and colour tables, style sheets, pictures, objects,
 * shape properties, and every "\*" destination we do not know) are skipped;
 * headers, footers, footnotes and text boxes (Word 6's drawing objects'
 * too) are text, each on lines of its own; {\info} gives the title and
 * author. Groups nested deeper than
 * MAX_DEPTH are skipped whole, so a hostile file cannot make the parser use
 * more than a fixed stack.
 *
 * Functions: extract_rtf_text.
 */
#include "extract/extract_private.h"

#include "common/error.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 512
#define MAX_FONTS 1024 /* fonts whose code page is kept; the rest use the document's */

/* rtf_bid - libmagic's RTF types, and text that starts as RTF does
 * ("{\rtf\ansi" without the version libmagic wants: LibreOffice and Word
 * read it as RTF) */
static int rtf_bid(const extract_input *in)
{
    if (in->mime != NULL &&
        (strcmp(in->mime, "text/rtf") == 0 || strcmp(in->mime, "application/rtf") == 0 ||
         (strcmp(in->mime, "text/plain") == 0 && in->size >= 5 &&
          memcmp(in->data, "{\\rtf", 5) == 0)))
        return 50;
    return 0;
}

typedef enum { DEST_TEXT, DEST_SKIP, DEST_TITLE, DEST_AUTHOR, DEST_FONTS } rtf_dest;

typedef struct {
    rtf_dest dest;
    int uc;     /* characters to skip after \uN */
    long font;  /* \fN in force (-1: the default font, \deffN) */
    bool apart; /* the group is a header, footnote, text box...: its end ends a line */
} rtf_group;

typedef struct {
    long number;          /* \fN */
    const char *codepage; /* iconv name, NULL: the document's */
} rtf_font;

typedef struct {
    GString *text, *title, *author;
    GByteArray *pending; /* \'hh bytes not yet converted */
    char codepage[24];   /* iconv name of the document's code page */
    rtf_font fonts[MAX_FONTS];
    size_t nfonts;
    long default_font; /* \deffN, -1 when none */
    rtf_group stack[MAX_DEPTH];
    int depth;      /* index of the current group */
    int deep;       /* groups beyond MAX_DEPTH, all skipped */
    int skip_chars; /* fallback characters still to skip after \uN */
} rtf_state;

/* current - the buffer the current destination writes to, NULL when skipped */
static GString *current(rtf_state *s)
{
    if (s->deep > 0)
        return NULL;
    switch (s->stack[s->depth].dest) {
    case DEST_TEXT: return s->text;
    case DEST_TITLE: return s->title;
    case DEST_AUTHOR: return s->author;
    case DEST_FONTS: /* its font names are not text */
    default: return NULL;
    }
}

/* charset_codepage - the iconv name of a font's \fcharsetN, NULL for
 * ANSI, default and symbol fonts (the document's code page) */
static const char *charset_codepage(long charset)
{
    static const struct {
        long charset;
        const char *codepage;
    } known[] = {
        {77, "MACINTOSH"}, {128, "CP932"},  {129, "CP949"},  {130, "JOHAB"},
        {134, "CP936"},    {136, "CP950"},  {161, "CP1253"}, {162, "CP1254"},
        {163, "CP1258"},   {177, "CP1255"}, {178, "CP1256"}, {186, "CP1257"},
        {204, "CP1251"},   {222, "CP874"},  {238, "CP1250"}, {255, "CP437"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(known); i++)
        if (known[i].charset == charset)
            return known[i].codepage;
    return NULL;
}

/* font_codepage - the code page of font `number` from the font table, NULL:
 * the document's */
static const char *font_codepage(const rtf_state *s, long number)
{
    for (size_t i = 0; number >= 0 && i < s->nfonts; i++)
        if (s->fonts[i].number == number)
            return s->fonts[i].codepage;
    return NULL;
}

/* flush - convert pending code page bytes */
static void flush(rtf_state *s)
{
    if (s->pending->len == 0)
        return;
    GString *out = current(s);
    if (out != NULL) {
        gsize written = 0;
        long font = s->stack[s->depth].font;
        const char *codepage = font_codepage(s, font >= 0 ? font : s->default_font);
        gchar *u = g_convert_with_fallback((const gchar *)s->pending->data, s->pending->len,
                                           "UTF-8", codepage ? codepage : s->codepage,
                                           "\xEF\xBF\xBD", NULL, &written, NULL);
        if (u == NULL)
            u = g_convert_with_fallback((const gchar *)s->pending->data, s->pending->len, "UTF-8",
                                        "WINDOWS-1252", "?", NULL, &written, NULL);
        if (u != NULL)
            g_string_append_len(out, u, (gssize)written);
        g_free(u);
    }
    g_byte_array_set_size(s->pending, 0);
}

/* put - one character of text (a byte in the code page when `byte`) */
static void put(rtf_state *s, unsigned c, bool byte)
{
    if (s->skip_chars > 0) {
        s->skip_chars--;
        return;
    }
    if (current(s) == NULL)
        return;
    if (byte) {
        guint8 b = (guint8)c;
        g_byte_array_append(s->pending, &b, 1);
        return;
    }
    flush(s);
    g_string_append_unichar(current(s), c);
}

/* new_line - end the text's current line, unless it is empty */
static void new_line(rtf_state *s)
{
    flush(s);
    if (s->text->len > 0 && s->text->str[s->text->len - 1] != '\n')
        g_string_append_c(s->text, '\n');
}

/* destination - what a control word at the start of a group makes of it */
static void destination(rtf_state *s, const char *word, bool starred)
{
    static const char *const skipped[] = {
        "colortbl",
        "stylesheet",
        "pict",
        "object",
        "themedata",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "colorschememapping",
        "latentstyles",
        "datastore",
        "xmlnstbl",
        "filetbl",
        "revtbl",
        "fldinst",
        "bkmkstart",
        "bkmkend",
        "nonshppict",
        "company",
        "operator",
        "doccomm",
        "keywords",
        "comment",
        "subject",
        "category",
        "sp",      /* a shape's property: {\sn name}{\sv value} */
        "shprslt", /* a shape drawn again for readers that have no shapes */
    };
    /* text apart from the body, each started on a line of its own: the
     * page's headers and footers (a case number is often only there),
     * footnotes (\*\footnote, which would join the word before), text boxes
     * (\*\shpinst holds \shptxt among its properties) */
    static const char *const apart[] = {
        "header",  "headerl",  "headerr", "headerf", "footer",     "footerl", "footerr",
        "footerf", "footnote", "shpinst", "shptxt",  "dptxbxtext", "do",
    };
    rtf_group *g = &s->stack[s->depth];
    if (strcmp(word, "title") == 0 && g->dest != DEST_SKIP) {
        g->dest = DEST_TITLE;
        return;
    }
    if (strcmp(word, "author") == 0 && g->dest != DEST_SKIP) {
        g->dest = DEST_AUTHOR;
        return;
    }
    if (strcmp(word, "info") == 0)
        return; /* its sub-groups decide */
    if (strcmp(word, "fonttbl") == 0) {
        g->dest = g->dest == DEST_SKIP ? DEST_SKIP : DEST_FONTS;
        return;
    }
    for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
        if (strcmp(word, skipped[i]) == 0) {
            g->dest = DEST_SKIP;
            return;
        }
    for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++)
        if (strcmp(word, apart[i]) == 0) {
            if (g->dest == DEST_TEXT && s->deep == 0) {
                new_line(s);
                g->apart = true;
            }
            return;
        }
    if (starred)
        g->dest = DEST_SKIP; /* an optional destination we do not know */
}

/* control - a control word with its parameter */
static void control(rtf_state *s, const char *word, bool has_param, long param, bool first)
{
    rtf_group *g = &s->stack[s->depth];
    if (first) {
        destination(s, word, false);
        if (g->dest != DEST_TEXT && g->dest != DEST_SKIP && g->dest != DEST_FONTS)
            return;
    }
    if (g->dest == DEST_FONTS) { /* {\f3\froman\fcharset204 Times New Roman;} */
        if (strcmp(word, "f") == 0 && has_param && s->nfonts < MAX_FONTS)
            s->fonts[s->nfonts++] = (rtf_font){param, NULL};
        else if (strcmp(word, "fcharset") == 0 && has_param && s->nfonts > 0)
            s->fonts[s->nfonts - 1].codepage = charset_codepage(param);
        return;
    }
    if ((strcmp(word, "f") == 0 && has_param) || strcmp(word, "plain") == 0) {
        flush(s); /* the bytes so far are in the font before */
        g->font = word[0] == 'f' ? param : -1;
    } else if (strcmp(word, "deff") == 0 && has_param) {
        flush(s);
        s->default_font = param;
    } else if (strcmp(word, "ansicpg") == 0 && has_param && param > 0 && param < 100000) {
        flush(s);
        snprintf(s->codepage, sizeof s->codepage, "CP%ld", param);
    } else if (strcmp(word, "pc") == 0 || strcmp(word, "pca") == 0 || strcmp(word, "mac") == 0) {
        flush(s);
        snprintf(s->codepage, sizeof s->codepage, "%s",
                 strcmp(word, "mac") == 0   ? "MACINTOSH"
                 : strcmp(word, "pca") == 0 ? "CP850"
                                            : "CP437");
    } else if (strcmp(word, "uc") == 0 && has_param) {
        s->stack[s->depth].uc = param < 0 ? 0 : param > 8 ? 8 : (int)param;
    } else if (strcmp(word, "u") == 0 && has_param) {
        long c = param < 0 ? param + 65536 : param;
        put(s, c > 0 && c < 0x110000 ? (unsigned)c : 0xFFFD, false);
        s->skip_chars = s->stack[s->depth].uc;
    } else if (strcmp(word, "par") == 0 || strcmp(word, "line") == 0 || strcmp(word, "row") == 0 ||
               strcmp(word, "sect") == 0 || strcmp(word, "page") == 0) {
        put(s, '\n', false);
    } else if (strcmp(word, "tab") == 0 || strcmp(word, "cell") == 0) {
        put(s, '\t', false);
    } else if (strcmp(word, "emdash") == 0) {
        put(s, 0x2014, false);
    } else if (strcmp(word, "endash") == 0) {
        put(s, 0x2013, false);
    } else if (strcmp(word, "lquote") == 0 || strcmp(word, "rquote") == 0) {
        put(s, strcmp(word, "lquote") == 0 ? 0x2018 : 0x2019, false);
    } else if (strcmp(word, "ldblquote") == 0 || strcmp(word, "rdblquote") == 0) {
        put(s, strcmp(word, "ldblquote") == 0 ? 0x201C : 0x201D, false);
    } else if (strcmp(word, "bullet") == 0) {
        put(s, 0x2022, false);
    }
}

/* rtf_parse - the whole document into s */
static void rtf_parse(rtf_state *s, const unsigned char *p, size_t n)
{
    size_t i = 0;
    bool group_start = false;
    while (i < n) {
        unsigned char c = p[i];
        if (c == '{') {
            flush(s);
            if (s->deep > 0 || s->depth + 1 >= MAX_DEPTH) {
                s->deep++;
            } else {
                s->stack[s->depth + 1] = s->stack[s->depth];
                s->depth++;
                s->stack[s->depth].apart = false;
            }
            group_start = true;
            i++;
            continue;
        }
        if (c == '}') {
            flush(s);
            if (s->deep > 0) {
                s->deep--;
            } else if (s->depth > 0) {
                if (s->stack[s->depth].apart)
                    new_line(s); /* a header's last word is not the body's first */
                s->depth--;
            }
            s->skip_chars = 0;
            group_start = false;
            i++;
            continue;
        }
        if (c == '\\' && i + 1 < n) {
            unsigned char d = p[i + 1];
            if (isalpha(d)) {
                char word[33];
                size_t k = 0;
                i++;
                while (i < n && isalpha(p[i])) {
                    if (k < sizeof word - 1)
                        word[k++] = (char)p[i];
                    i++;
                }
                word[k] = '\0';
                bool has_param = false, neg = false;
                long param = 0;
                if (i < n && p[i] == '-' && i + 1 < n && isdigit(p[i + 1])) {
                    neg = true;
                    i++;
                }
                while (i < n && isdigit(p[i])) {
                    has_param = true;
                    if (param < 10000000)
                        param = param * 10 + (p[i] - '0');
                    i++;
                }
                if (neg)
                    param = -param;
                if (i < n && p[i] == ' ')
                    i++;
                if (strcmp(word, "bin") == 0 && has_param && param > 0) {
                    i += MIN((size_t)param, n - i); /* binary data: not RTF at all */
                    group_start = false;
                    continue;
                }
                control(s, word, has_param, param, group_start);
            } else if (d == '\'' && i + 3 < n + 0 && isxdigit(p[i + 2]) && isxdigit(p[i + 3])) {
                char hex[3] = {(char)p[i + 2], (char)p[i + 3], 0};
                put(s, (unsigned)strtoul(hex, NULL, 16), true);
                i += 4;
            } else if (d == '*') {
                i += 2;
                /* \*\word: an optional destination */
                if (group_start && i + 1 < n && p[i] == '\\' && isalpha(p[i + 1])) {
                    size_t k = i + 1;
                    char word[33];
                    size_t w = 0;
                    while (k < n && isalpha(p[k]) && w < sizeof word - 1)
                        word[w++] = (char)p[k++];
                    word[w] = '\0';
                    destination(s, word, true);
                }
                continue;
            } else {
                if (d == '\\' || d == '{' || d == '}')
                    put(s, d, false);
                else if (d == '~')
                    put(s, 0xA0, false);
                else if (d == '_')
                    put(s, '-', false);
                else if (d == '\n' || d == '\r')
                    put(s, '\n', false);
                i += 2;
            }
            group_start = false;
            continue;
        }
        if (c != '\n' && c != '\r')
            put(s, c, c >= 0x80);
        group_start = false;
        i++;
    }
    flush(s);
}

/* trimmed - a buffer's text without surrounding white space (g_free), NULL if empty */
static char *trimmed(GString *g)
{
    char *t = g_strstrip(g_strdup(g->str));
    if (*t == '\0') {
        g_free(t);
        return NULL;
    }
    return t;
}

/* rtf_read - the text, title and author of RTF bytes (each g_free'd, NULL if empty) */
static void rtf_read(const unsigned char *data, size_t size, char **text, char **title,
                     char **author)
{
    rtf_state *s = xcalloc(1, sizeof *s);
    s->text = g_string_new(NULL);
    s->title = g_string_new(NULL);
    s->author = g_string_new(NULL);
    s->pending = g_byte_array_new();
    snprintf(s->codepage, sizeof s->codepage, "WINDOWS-1252");
    s->stack[0].uc = 1;
    s->stack[0].font = -1;
    s->default_font = -1;
    rtf_parse(s, data, size);
    *text = trimmed(s->text);
    *title = trimmed(s->title);
    *author = trimmed(s->author);
    g_string_free(s->text, TRUE);
    g_string_free(s->title, TRUE);
    g_string_free(s->author, TRUE);
    g_byte_array_free(s->pending, TRUE);
    free(s);
}

/* extract_rtf_text - the text of RTF bytes (g_free), NULL when it has none */
char *extract_rtf_text(const unsigned char *data, size_t size)
{
    char *text = NULL, *title = NULL, *author = NULL;
    rtf_read(data, size, &text, &title, &author);
    g_free(title);
    g_free(author);
    return text;
}

/* rtf_run - one page, title and author */
static extract_status rtf_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                              char **reason)
{
    (void)env;
    if (in->size < 5 || memcmp(in->data, "{\\rtf", 5) != 0) {
        dk_fail(reason, "not an RTF document: it does not start with {\\rtf");
        return EXTRACT_FAILED;
    }
    char *text = NULL, *title = NULL, *author = NULL;
    rtf_read(in->data, in->size, &text, &title, &author);
    extract_status st = extract_emit_meta(sink, "title", title, reason);
    if (st == EXTRACT_DONE)
        st = extract_emit_meta(sink, "author", author, reason);
    if (st == EXTRACT_DONE && text != NULL) {
        extract_page page = {1, text, PAGE_SOURCE_PLAIN, -1.0};
        st = extract_emit(sink, &page, reason);
    }
    g_free(title);
    g_free(author);
    g_free(text);
    return st;
}

const extractor extractor_rtf = {
    .name = "rtf",
    .bid = rtf_bid,
    .run = rtf_run,
};
