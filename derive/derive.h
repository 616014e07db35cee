/*
 * derive.h - everything derived from a page's text, computed once, in the
 * worker: the whole public API of the derive subsystem.
 *
 * A page's derived data is its fields (fields/: document type, language,
 * case numbers, articles and their parts, courts, dates) and its name
 * mentions (names/: the name key of every capitalised word that may be a
 * name, the initials, and whether a name stands in an accused role). The
 * worker stores it in the item's result record as JSON; the index writes
 * what it says and the web shows what it says, so nothing downstream runs
 * the rules again.
 *
 * Positions count the words of the page's text from 1 (names_next_word's
 * words); the item's senders and recipients (meta from, to, cc) follow, each
 * after a gap of DERIVE_META_GAP positions, so that a name in the text and
 * one in the "from" line are never near each other.
 *
 * A page's persons are its name mentions grouped: the words that name one
 * person (surname, given name, patronymic or initials, in any order, across
 * a line break, in any case); a comma, a full stop, a lower-case word or a
 * second surname ends a person. A query's name must agree with one person.
 * Each person has a role, from the words around it (обвиняемого Иванова,
 * судья Петров, Иванов С.Н., свидетель), and the birth date written next to
 * it when there is one, its birthplace and addresses as written after
 * "уроженец", "проживающий по адресу" (the nearest person's before them).
 * An accused person has what the page decides about
 * them: the prison term and regime, a fine in base units, property seized
 * ("к 3 годам лишения свободы в исправительной колонии общего режима").
 *
 * The JSON form (derived_page_to_json, derived_page_from_json):
 *   {"fields":{"type":"verdict","lang":"ru","cases":["1-234/2024"],
 *              "articles":["342"],"parts":["342/1"],
 *              "courts":[{"key":"gor minsk","label":"Минский городской суд",
 *                         "nominative":true}],
 *              "dates":[{"y":2024,"m":3,"d":12},{"y":1986,"m":0,"d":0,"birth":true}]},
 *    "names":[[12,"name","ivanov",true],[13,"initial","s"],[14,"next-initial","n"]],
 *    "persons":[{"pos":12,"surname":["ivanov"],"given":["sirgi"],"gi":"s",
 *                "patronymic":"nikalavic","pi":"n","sex":"m","accused":true,
 *                "role":"accused","born":"1986-03-12","born_place":"г. Гомеля",
 *                "addresses":["г. Минск, ул. Ленина, д. 5, кв. 12"],
 *                "decision":{"prison_years":3,"prison_months":6,"regime":"general",
 *                            "fine_base_units":100,"seized":true}}]}
 * "type" is always there; "lang" is left out when unknown, an empty list is
 * left out, "nominative" and "birth" only when true, and the fourth element
 * of a name (true: accused) only when true; "decision" and each of its
 * members only when said ("prison_months" is the months beyond the years);
 * "born_place" and "addresses" only when written. A name is [position,
 * kind, key]: the kinds are named in derive_kind. A person's members are left out when
 * empty, unknown or false.
 */
#ifndef DOKAZ_DERIVE_H
#define DOKAZ_DERIVE_H

#include "fields/fields.h"
#include "names/names.h"

#include <json-c/json.h>
#include <stddef.h>

/* Positions between the text and each sender or recipient that follows it. */
#define DERIVE_META_GAP 100

/* What a mention is; the JSON name in quotes. */
typedef enum {
    DERIVE_NAME,         /* "name": a word's name key (Иванова -> its key) */
    DERIVE_INITIAL,      /* "initial": the symbol of an initial ("С." -> "s") */
    DERIVE_NEXT_INITIAL, /* "next-initial": an initial right after another ("Н." of "С.Н.") */
    DERIVE_NAME_INITIAL  /* "name-initial": an initial a given name or patronymic is
                             written as (Сергей -> "s"), one mention per symbol */
} derive_kind;

/* One mention of a name, or a part of one, at a word position. */
typedef struct {
    unsigned pos;
    derive_kind kind;
    char key[NAMES_KEY_MAX]; /* the name key, or one initial symbol */
    int accused; /* DERIVE_NAME only: next to обвиняемого, осужденный,
                                  абвінавачаны... or in a verdict's operative part */
} derive_mention;

/* A person's role in a paper; the JSON names in quotes (derive_role_name). */
typedef enum {
    DERIVE_ROLE_OTHER, /* "other": none of these, or not said */
    DERIVE_ROLE_ACCUSED, /* "accused": обвиняемый, осужденный, в отношении, the accused */
    DERIVE_ROLE_VICTIM,  /* "victim": потерпевший, пацярпелы */
    DERIVE_ROLE_WITNESS, /* "witness": свидетель, сведка, понятой */
    DERIVE_ROLE_LAWYER,  /* "lawyer": адвокат, защитник, абаронца */
    DERIVE_ROLE_JUDGE, /* "judge": судья, суддзя, председательствующий */
    DERIVE_ROLE_PROSECUTOR, /* "prosecutor": прокурор, государственный обвинитель */
    DERIVE_ROLE_INVESTIGATOR, /* "investigator": следователь, следчы, дознаватель */
    DERIVE_ROLE_OTHER_OFFICIAL /* "other_official": секретарь, судебный пристав, clerk */
} derive_role;

/* derive_role_name - the role's JSON name ("accused"; "other" for any
 * value out of range; static) */
const char *derive_role_name(derive_role r);

/* derive_role_parse - the role a JSON name stands for; -1 for none */
int derive_role_parse(const char *name);

/* derive_role_official - whether a role is an official's (judge,
 * prosecutor, investigator, other_official) */
#define derive_role_official(r) ((r) >= DERIVE_ROLE_JUDGE)

/* The regime of a prison term; the JSON names in quotes (derive_regime_name). */
typedef enum {
    DERIVE_REGIME_NONE,     /* "": not said */
    DERIVE_REGIME_GENERAL,  /* "general": общего, агульнага */
    DERIVE_REGIME_ENHANCED, /* "enhanced": усиленного, узмоцненага */
    DERIVE_REGIME_STRICT,   /* "strict": строгого, строгага */
    DERIVE_REGIME_SPECIAL,  /* "special": особого, асаблівага */
    DERIVE_REGIME_SETTLEMENT, /* "settlement": колония-поселение, калонія-пасяленне */
    DERIVE_REGIME_PRISON /* "prison": тюрьма, турма */
} derive_regime;

/* derive_regime_name - the regime's JSON name ("" for none or any value out
 * of range; static) */
const char *derive_regime_name(derive_regime r);

/* derive_regime_parse - the regime a JSON name stands for; -1 for none */
int derive_regime_parse(const char *name);

/* What a paper decides about a person; 0 / none: not said. */
typedef struct {
    int prison_months;    /* the prison term, years and months in months */
    derive_regime regime; /* where it is served */
    int fine_base_units;  /* a fine, in base units (базовых величин) */
    int seized;           /* property seized (арест на имущество) */
} derive_decision;

/* derive_decision_add - what decision d adds to one said before, to (a
 * person's decisions on several pages): the first term, regime and fine
 * said, and any seizure */
void derive_decision_add(derive_decision *to, const derive_decision *d);

/* derive_decision_to_json - a decision's JSON form above (a new object:
 * json_object_put it), NULL when it says nothing */
json_object *derive_decision_to_json(const derive_decision *d);

/* Keys a part of a person's name may have: its own, and the key of the
 * nominative a dative or locative form may come from (Вользе: Вольга's). */
#define DERIVE_PART_KEYS 2

/* Initial symbols a part may be written as, NUL included (names_initials). */
#define DERIVE_INITIALS_MAX 8

/* Bytes of a birthplace or an address as written, NUL included. */
#define DERIVE_PLACE_MAX 256

/* Addresses one person may have on a page (registered, residing). */
#define DERIVE_ADDRESSES 2

/* One person a page names: the parts of one mention. A part that is not
 * there is ""; given_initials are the typed initial's symbol when given[0]
 * is "" ("С." of "Иванов С.Н."), else the initials the given name may be
 * written as; the same for the patronymic. */
typedef struct {
    unsigned pos; /* the position of the mention's first word */
    char surname[DERIVE_PART_KEYS][NAMES_KEY_MAX];
    char given[DERIVE_PART_KEYS][NAMES_KEY_MAX];
    char patronymic[NAMES_KEY_MAX];
    char given_initials[DERIVE_INITIALS_MAX];
    char patronymic_initials[DERIVE_INITIALS_MAX];
    names_sex sex;                     /* from the patronymic, the given name or a gendered word
                      next to it (гражданка, родилась) */
    int accused;                       /* one of its words is an accused DERIVE_NAME mention */
    derive_role role;                  /* from the words around it */
    fields_date born;                  /* the birth date written next to it; year 0 when none
                         (birth is set when there is one) */
    derive_decision decision;          /* what the page decides about it (accused only) */
    char born_place[DERIVE_PLACE_MAX]; /* as written after уроженец, родившегося в,
                                          born in ("г. Гомеля"); "" when none */
    char addresses[DERIVE_ADDRESSES][DERIVE_PLACE_MAX]; /* as written after
                      проживающий по адресу, зарэгістраваны па адрасе, residing
                      at ("г. Минск, ул. Ленина, д. 5, кв. 12"); "" when none */
} derive_person;

/* What one page says. Owned by whoever got it; derived_page_free frees it
 * with its fields and mentions. */
typedef struct {
    fields_page *fields;      /* never NULL */
    derive_mention *mentions; /* in order of position; NULL when none */
    size_t nmentions;
    derive_person *persons; /* in order of position; NULL when none */
    size_t npersons;
} derived_page;

/* The rules: the given-name table and the field rules, built once per
 * worker and used by one thread. */
typedef struct deriver deriver;

/* deriver_new - build the rules; NULL with *err when they cannot be built */
deriver *deriver_new(char **err);

/* deriver_free - free the rules (NULL is fine) */
void deriver_free(deriver *d);

/* deriver_names - the given-name table the rules read (owned by d; NULL
 * for NULL), for those that compare what derive_page found */
const names *deriver_names(const deriver *d);

/* derive_opens_with_verb - whether the word w of text is a verb that opens
 * its line or sentence ("Санкционирую:", "Допросил следователь"), never a
 * name (verbs.c) */
int derive_opens_with_verb(const char *text, const names_word *w);

/* derive_titles_role - whether the word w of text is the capitalised
 * adjective of an official's title ("Государственный обвинитель", "Старший
 * следователь") or of an institution ("Московского района"), never a name
 * (titles.c) */
int derive_titles_role(const char *text, const names_word *w);

/* derive_page - what text (NULL is an empty page) says, with the names of
 * meta, the item's metadata as NULL-terminated name/value pairs ({"from",
 * "Иванов <a@b>", "subject", "x", NULL}; NULL when none), of which from, to
 * and cc are read. Never NULL. */
derived_page *derive_page(const deriver *d, const char *text, const char *const *meta);

/* derived_page_free - free it (NULL is fine) */
void derived_page_free(derived_page *p);

/* derived_page_to_json - the JSON form above (a new object: json_object_put it) */
json_object *derived_page_to_json(const derived_page *p);

/* derived_page_from_json - read the JSON form back (it comes from a file on
 * disk: anything else, wrong types, unknown kinds or types, keys too long
 * are an error with *err, never a crash); NULL on error */
derived_page *derived_page_from_json(json_object *o, char **err);

#endif
