#define PCRE2_CODE_UNIT_WIDTH 8
#include "common/ruleset.h"

#include <pcre2.h>
#include <string.h>

#include "common/edits.h"
#include "common/error.h"
#include "common/printed.h"

typedef struct {
    char *kind, *name, *source; /* source: "file:line" */
    char *pattern;              /* PATTERN as written */
    pcre2_code *re;             /* NULL for numeric rules */
    double number;
    gint limit_hits;            /* matches stopped at a limit (atomic) */
    gint reported;              /* 1 once jx_ruleset_take_limit_reports gave it (atomic) */
} Rule;

struct JxRuleset {
    GPtrArray *rules;    /* Rule*, most recently loaded first */
    GHashTable *by_kind; /* kind -> GPtrArray of Rule* (not owned), same order */
    guint32 max_groups;  /* most capture groups of any pattern */
    pcre2_match_context *mctx; /* the match and depth limits; read-only once made */
};

/* Matches that stopped at a limit in this thread (jx_ruleset_limit_hits). */
static _Thread_local guint thread_limit_hits;

/* A match that ran out of its limits: counted on its rule and the thread. */
static void limit_hit(const Rule *r)
{
    g_atomic_int_inc(&((Rule *)r)->limit_hits); /* the one mutable part of a rule */
    thread_limit_hits++;
}

static gboolean is_limit_error(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT;
}

/* Every rule kind there is, and whether its PATTERN is a number rather than
 * a regular expression: the one list the loader checks a KIND against. */
static const struct {
    const char *kind;
    gboolean numeric;
} KINDS[] = {
    {"title", FALSE},     {"year", FALSE},       {"bodyyear", FALSE},     {"kind", FALSE},         {"field", FALSE},
    {"fundcol", FALSE},   {"fundline", FALSE},   {"fundunit", FALSE},     {"fundsource", FALSE},
    {"goalcol", FALSE},   {"indcol", FALSE},     {"indgap", FALSE},       {"fundgap", FALSE},
    {"total", FALSE},     {"level1", FALSE},     {"level2", FALSE},       {"level2parent", FALSE},
    {"levelweight", FALSE}, {"namestrip", FALSE}, {"checkbox", FALSE},    {"penalty", TRUE},
    {"ocrword", TRUE},    {"ocrfix", FALSE},     {"ocrlabel", FALSE},     {"unit", FALSE},
    {"chrome", FALSE},    {"prosedrop", FALSE},  {"prosehead", FALSE},    {"factmask", FALSE},
    {"factfigure", FALSE}, {"factskip", FALSE},  {"factchange", FALSE},   {"factbase", FALSE},
    {"factshare", FALSE}, {"factstrip", FALSE},  {"factgeneric", FALSE},  {"factsubject", FALSE},
    {"factsum", FALSE},   {"facttarget", FALSE}, {"factunitsubject", FALSE},
};

/* The entry of KINDS for kind, or -1. */
static int kind_index(const char *kind)
{
    for (gsize i = 0; i < G_N_ELEMENTS(KINDS); i++)
        if (strcmp(kind, KINDS[i].kind) == 0)
            return (int)i;
    return -1;
}

/* A pattern as the text it is matched against is written: NFKC, like
 * jx_text_clean, so a full-width ： in a rule file matches the : of the
 * cleaned text; a full-width sign that becomes ASCII punctuation stays a
 * literal (（ is \(, not a group). Returns a new string; text that is not
 * UTF-8 as it is (PCRE2 then says what is wrong with it). */
static char *pattern_nfkc(const char *pattern)
{
    if (!g_utf8_validate(pattern, -1, NULL))
        return g_strdup(pattern);
    GString *out = g_string_sized_new(strlen(pattern));
    for (const char *p = pattern; *p; p = g_utf8_next_char(p)) {
        gsize len = (gsize)(g_utf8_next_char(p) - p);
        if ((guchar)*p < 0x80) {
            g_string_append_len(out, p, (gssize)len);
            continue;
        }
        char *n = g_utf8_normalize(p, (gssize)len, G_NORMALIZE_NFKC);
        if (!n) {
            g_string_append_len(out, p, (gssize)len);
        } else {
            if (n[0] && !n[1] && g_ascii_ispunct(n[0]))
                g_string_append_c(out, '\\');
            g_string_append(out, n);
        }
        g_free(n);
    }
    return g_string_free(out, FALSE);
}

static void rule_free(gpointer p)
{
    Rule *r = p;
    g_free(r->kind);
    g_free(r->pattern);
    g_free(r->name);
    g_free(r->source);
    if (r->re)
        pcre2_code_free(r->re);
    g_free(r);
}

JxRuleset *jx_ruleset_new(void)
{
    JxRuleset *rs = g_new0(JxRuleset, 1);
    rs->rules = g_ptr_array_new_with_free_func(rule_free);
    rs->by_kind = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify)g_ptr_array_unref);
    rs->mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(rs->mctx, JX_RULE_MATCH_LIMIT);
    pcre2_set_depth_limit(rs->mctx, JX_RULE_DEPTH_LIMIT);
    return rs;
}

void jx_ruleset_free(JxRuleset *rs)
{
    if (!rs)
        return;
    g_hash_table_destroy(rs->by_kind);
    g_ptr_array_free(rs->rules, TRUE);
    pcre2_match_context_free(rs->mctx);
    g_free(rs);
}

guint jx_ruleset_size(const JxRuleset *rs)
{
    return rs->rules->len;
}

static gboolean parse_line(const char *src, char *line, Rule **out, GError **error)
{
    *out = NULL;
    char *s = g_strstrip(line);
    if (!*s || *s == '#')
        return TRUE;
    char *fields[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 2; i++) {
        fields[i] = s;
        while (*s && !g_ascii_isspace(*s))
            s++;
        if (!*s) {
            g_set_error(error, JX_ERROR, JX_ERROR_RULES,
                        "%s: expected KIND NAME PATTERN", src);
            return FALSE;
        }
        *s++ = '\0';
        while (g_ascii_isspace(*s))
            s++;
    }
    fields[2] = s;
    int kind = kind_index(fields[0]);
    if (kind < 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_RULES, "%s: unknown rule kind '%s'",
                    src, fields[0]);
        return FALSE;
    }
    Rule *r = g_new0(Rule, 1);
    r->kind = g_strdup(fields[0]);
    r->name = g_strdup(fields[1]);
    r->source = g_strdup(src);
    r->pattern = g_strdup(fields[2]);
    if (KINDS[kind].numeric) {
        char *end;
        r->number = g_ascii_strtod(fields[2], &end);
        if (end == fields[2] || *end) {
            g_set_error(error, JX_ERROR, JX_ERROR_RULES,
                        "%s: '%s' is not a number", src, fields[2]);
            rule_free(r);
            return FALSE;
        }
    } else {
        int code;
        PCRE2_SIZE off;
        char *pattern = pattern_nfkc(fields[2]);
        r->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                              PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
        g_free(pattern);
        if (!r->re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            g_set_error(error, JX_ERROR, JX_ERROR_RULES,
                        "%s: bad pattern at offset %zu: %s", src, (size_t)off,
                        (const char *)msg);
            rule_free(r);
            return FALSE;
        }
    }
    *out = r;
    return TRUE;
}

/* The rules of each kind in the order they are tried, and the largest
 * number of capture groups, so that one match block serves every rule. */
static void reindex(JxRuleset *rs)
{
    g_hash_table_remove_all(rs->by_kind);
    for (guint i = 0; i < rs->rules->len; i++) {
        Rule *r = g_ptr_array_index(rs->rules, i);
        GPtrArray *list = g_hash_table_lookup(rs->by_kind, r->kind);
        if (!list) {
            list = g_ptr_array_new();
            g_hash_table_insert(rs->by_kind, r->kind, list);
        }
        g_ptr_array_add(list, r);
        guint32 groups = 0;
        if (r->re && pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups) == 0)
            rs->max_groups = MAX(rs->max_groups, groups);
    }
}

gboolean jx_ruleset_load_data(JxRuleset *rs, const char *name, const char *text,
                              GError **error)
{
    g_return_val_if_fail(rs != NULL && name != NULL && text != NULL, FALSE);
    char **lines = g_strsplit(text, "\n", -1);
    GPtrArray *loaded = g_ptr_array_new();
    gboolean ok = TRUE;
    for (int i = 0; lines[i]; i++) {
        char *src = g_strdup_printf("%s:%d", name, i + 1);
        Rule *r;
        ok = parse_line(src, lines[i], &r, error);
        g_free(src);
        if (!ok)
            break;
        if (r)
            g_ptr_array_add(loaded, r);
    }
    /* Later files first; within a file, the order written. */
    for (guint i = loaded->len; i > 0; i--)
        g_ptr_array_insert(rs->rules, 0, g_ptr_array_index(loaded, i - 1));
    g_ptr_array_free(loaded, TRUE);
    reindex(rs);
    g_strfreev(lines);
    return ok;
}

gboolean jx_ruleset_load_file(JxRuleset *rs, const char *path, GError **error)
{
    char *text = NULL;
    GError *e = NULL;
    if (!g_file_get_contents(path, &text, NULL, &e)) {
        g_set_error(error, JX_ERROR, JX_ERROR_RULES, "%s", e->message);
        g_error_free(e);
        return FALSE;
    }
    gboolean ok = jx_ruleset_load_data(rs, path, text, error);
    g_free(text);
    return ok;
}

static int compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

gboolean jx_ruleset_load_dir(JxRuleset *rs, const char *dir, GError **error)
{
    GError *e = NULL;
    GDir *d = g_dir_open(dir, 0, &e);
    if (!d) {
        g_set_error(error, JX_ERROR, JX_ERROR_RULES, "rules directory: %s",
                    e->message);
        g_error_free(e);
        return FALSE;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while ((n = g_dir_read_name(d)))
        if (g_str_has_suffix(n, ".rules"))
            g_ptr_array_add(names, g_strdup(n));
    g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < names->len; i++) {
        char *path = g_build_filename(dir, g_ptr_array_index(names, i), NULL);
        ok = jx_ruleset_load_file(rs, path, error);
        g_free(path);
    }
    if (ok && names->len == 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_RULES, "%s holds no *.rules file", dir);
        ok = FALSE;
    }
    g_ptr_array_free(names, TRUE);
    return ok;
}

static gboolean rule_match(const JxRuleset *rs, const Rule *r, const char *text,
                           pcre2_match_data *md)
{
    if (!r->re)
        return FALSE;
    int rc = pcre2_match(r->re, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, 0, 0, md, rs->mctx);
    if (is_limit_error(rc))
        limit_hit(r);
    if (rc == 1) { /* group 1 did not take part (or the rule has none) */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (pcre2_get_ovector_count(md) > 1)
            ov[2] = ov[3] = PCRE2_UNSET;
    }
    return rc > 0;
}

/* The first rule of kind that matches text. Rules see the text's printed
 * punctuation folded (common/printed.h); a capture keeps it as printed. */
static const Rule *first_match(const JxRuleset *rs, const char *kind, const char *text,
                               char **capture)
{
    if (capture)
        *capture = NULL;
    GPtrArray *list = text ? g_hash_table_lookup(rs->by_kind, kind) : NULL;
    if (!list)
        return NULL;
    gsize *map = NULL;
    char *folded = jx_printed_fold(text, capture ? &map : NULL);
    pcre2_match_data *md = pcre2_match_data_create(rs->max_groups + 1, NULL);
    const Rule *hit = NULL;
    for (guint i = 0; !hit && i < list->len; i++) {
        const Rule *r = g_ptr_array_index(list, i);
        if (rule_match(rs, r, folded ? folded : text, md))
            hit = r;
    }
    if (hit && capture) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (pcre2_get_ovector_count(md) > 1 && ov[2] != PCRE2_UNSET) {
            gsize from = map ? map[ov[2]] : ov[2], to = map ? map[ov[3]] : ov[3];
            *capture = g_strndup(text + from, to - from);
        }
    }
    pcre2_match_data_free(md);
    g_free(map);
    g_free(folded);
    return hit;
}

const char *jx_ruleset_match(const JxRuleset *rs, const char *kind,
                             const char *text, char **capture)
{
    const Rule *r = first_match(rs, kind, text, capture);
    return r ? r->name : NULL;
}

/* Every match of the rules of kind in text put in place by what the rule
 * says (see jx_ruleset_replace), or by nothing when strip. The rules see
 * the printed punctuation folded; what they leave keeps it as printed. */
static char *substitute(const JxRuleset *rs, const char *kind, const char *text, gboolean strip)
{
    char *s = g_strdup(text ? text : "");
    const GPtrArray *rules = g_hash_table_lookup(rs->by_kind, kind);
    for (guint i = 0; rules && i < rules->len; i++) {
        const Rule *r = g_ptr_array_index(rules, i);
        if (!r->re) /* a rule of a numeric kind has no pattern */
            continue;
        gsize *map = NULL;
        char *folded = jx_printed_fold(s, &map);
        const char *f = folded ? folded : s;
#define AT(k) (map ? map[k] : (k))
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(r->re, NULL);
        GString *out = g_string_sized_new(strlen(s) + 8);
        PCRE2_SIZE at = 0, len = strlen(f);
        int count = 0, rc = 0;
        while (at <= len && (rc = pcre2_match(r->re, (PCRE2_SPTR)f, len, at, 0, md, rs->mctx)) >= 0) {
            const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            g_string_append_len(out, s + AT(at), (gssize)(AT(ov[0]) - AT(at)));
            if (!strip && strcmp(r->name, "#") == 0)
                g_string_append_printf(out, "%d", ++count);
            else if (!strip)
                g_string_append(out, r->name);
            at = ov[1];
            if (ov[1] == ov[0]) { /* an empty match: step over one character */
                if (at == len)
                    break;
                PCRE2_SIZE next = (PCRE2_SIZE)(g_utf8_next_char(f + at) - f);
                g_string_append_len(out, s + AT(at), (gssize)(AT(next) - AT(at)));
                at = next;
            }
        }
        if (is_limit_error(rc))
            limit_hit(r);
        if (at < len)
            g_string_append(out, s + AT(at));
#undef AT
        pcre2_match_data_free(md);
        g_free(map);
        g_free(folded);
        g_free(s);
        s = g_string_free(out, FALSE);
    }
    return s;
}

char *jx_ruleset_strip(const JxRuleset *rs, const char *kind, const char *text)
{
    return substitute(rs, kind, text, TRUE);
}

char *jx_ruleset_replace(const JxRuleset *rs, const char *kind, const char *text)
{
    return substitute(rs, kind, text, FALSE);
}

static int compare_spans(gconstpointer a, gconstpointer b)
{
    const JxRuleSpan *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

GArray *jx_ruleset_find_all(const JxRuleset *rs, const char *kind, const char *text)
{
    GArray *all = g_array_new(FALSE, FALSE, sizeof(JxRuleSpan));
    const GPtrArray *rules = text ? g_hash_table_lookup(rs->by_kind, kind) : NULL;
    if (!rules)
        return all;
    gsize *map = NULL;
    char *folded = jx_printed_fold(text, &map);
    const char *f = folded ? folded : text;
    PCRE2_SIZE len = strlen(f);
    pcre2_match_data *md = pcre2_match_data_create(rs->max_groups + 1, NULL);
    for (guint i = 0; i < rules->len; i++) {
        const Rule *r = g_ptr_array_index(rules, i);
        PCRE2_SIZE at = 0;
        int rc = 0;
        while (r->re && at <= len &&
               (rc = pcre2_match(r->re, (PCRE2_SPTR)f, len, at, 0, md, rs->mctx)) >= 0) {
            const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            if (ov[1] > ov[0]) {
                JxRuleSpan sp = {map ? map[ov[0]] : ov[0], map ? map[ov[1]] : ov[1], r->name};
                g_array_append_val(all, sp);
                at = ov[1];
            } else if (at < len) {
                at = (PCRE2_SIZE)(g_utf8_next_char(f + at) - f);
            } else {
                break;
            }
        }
        if (is_limit_error(rc))
            limit_hit(r);
    }
    pcre2_match_data_free(md);
    g_free(map);
    g_free(folded);
    g_array_sort(all, compare_spans);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(JxRuleSpan));
    gsize end = 0;
    for (guint i = 0; i < all->len; i++) {
        const JxRuleSpan *sp = &g_array_index(all, JxRuleSpan, i);
        if (out->len && sp->start < end)
            continue;
        g_array_append_val(out, *sp);
        end = sp->end;
    }
    g_array_free(all, TRUE);
    return out;
}

double jx_ruleset_number(const JxRuleset *rs, const char *kind,
                         const char *name, double dflt)
{
    for (guint i = 0; i < rs->rules->len; i++) {
        const Rule *r = g_ptr_array_index(rs->rules, i);
        if (!r->re && strcmp(r->kind, kind) == 0 && strcmp(r->name, name) == 0)
            return r->number;
    }
    return dflt;
}

const char *jx_ruleset_nearest(const JxRuleset *rs, const char *kind, const char *text)
{
    const GPtrArray *rules = g_hash_table_lookup(rs->by_kind, kind);
    glong n = g_utf8_strlen(text, -1);
    const char *best = NULL;
    int best_d = G_MAXINT;
    gboolean tie = FALSE;
    for (guint i = 0; rules && i < rules->len; i++) {
        const Rule *r = g_ptr_array_index(rules, i);
        if (ABS(g_utf8_strlen(r->name, -1) - n) > r->number) /* too far, surely */
            continue;
        int d = jx_edits(text, r->name, NULL);
        if (d > r->number || d > best_d || (best && !strcmp(best, r->name)))
            continue;
        tie = d == best_d;
        best_d = d;
        best = r->name;
    }
    return tie ? NULL : best;
}

gboolean jx_ruleset_check_names(const JxRuleset *rs, const char *kind,
                                const char *const *names, GError **error)
{
    g_return_val_if_fail(rs != NULL && kind != NULL && names != NULL, FALSE);
    const GPtrArray *rules = g_hash_table_lookup(rs->by_kind, kind);
    for (guint i = 0; rules && i < rules->len; i++) {
        const Rule *r = g_ptr_array_index(rules, i);
        gboolean known = FALSE;
        for (int k = 0; names[k] && !known; k++)
            known = strcmp(r->name, names[k]) == 0;
        if (!known) {
            g_set_error(error, JX_ERROR, JX_ERROR_RULES, "%s: unknown %s name '%s'",
                        r->source, kind, r->name);
            return FALSE;
        }
    }
    return TRUE;
}

guint jx_ruleset_limit_hits(void)
{
    return thread_limit_hits;
}

GPtrArray *jx_ruleset_take_limit_reports(const JxRuleset *rs)
{
    g_return_val_if_fail(rs != NULL, NULL);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < rs->rules->len; i++) {
        Rule *r = g_ptr_array_index(rs->rules, i);
        if (g_atomic_int_get(&r->limit_hits) > 0 &&
            g_atomic_int_compare_and_exchange(&r->reported, 0, 1))
            g_ptr_array_add(out, g_strdup_printf("%s: this %s rule's pattern hit the regex "
                                                 "match limit and was taken as no match "
                                                 "(flag RULE_LIMIT)",
                                                 r->source, r->kind));
    }
    return out;
}

extern const char *const jx_builtin_rules[][2];

gboolean jx_ruleset_load_builtin(JxRuleset *rs, GError **error)
{
    for (int i = 0; jx_builtin_rules[i][0]; i++)
        if (!jx_ruleset_load_data(rs, jx_builtin_rules[i][0], jx_builtin_rules[i][1], error))
            return FALSE;
    return TRUE;
}

gboolean jx_ruleset_nth(const JxRuleset *rs, const char *kind, guint i, const char **name,
                        const char **pattern, const char **source)
{
    const GPtrArray *rules = g_hash_table_lookup(rs->by_kind, kind);
    if (!rules || i >= rules->len)
        return FALSE;
    const Rule *r = g_ptr_array_index(rules, i);
    *name = r->name;
    *pattern = r->pattern;
    *source = r->source;
    return TRUE;
}
