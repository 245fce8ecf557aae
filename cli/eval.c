#include "cli/eval.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sink/json.h"

JxEval *jx_eval_new(void)
{
    JxEval *e = g_new0(JxEval, 1);
    e->fields = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    e->formats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    e->kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    e->silent_log = g_string_new(NULL);
    e->confident_log = g_string_new(NULL);
    return e;
}

void jx_eval_free(JxEval *e)
{
    if (!e)
        return;
    g_hash_table_destroy(e->fields);
    g_hash_table_destroy(e->formats);
    g_hash_table_destroy(e->kinds);
    g_string_free(e->silent_log, TRUE);
    g_string_free(e->confident_log, TRUE);
    g_free(e);
}

double jx_score_f1(const JxScore *s)
{
    double p = s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1;
    double r = s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

double jx_score_rate(const JxScore *s, guint errors)
{
    return s->tp + s->fp ? (double)errors / (s->tp + s->fp) : 0;
}

static JxScore *score_of(GHashTable *t, const char *key)
{
    JxScore *s = g_hash_table_lookup(t, key);
    if (!s) {
        s = g_new0(JxScore, 1);
        g_hash_table_insert(t, g_strdup(key), s);
    }
    return s;
}

static GPtrArray *parse(const char *text, GError **error)
{
    GPtrArray *recs = g_ptr_array_new_with_free_func((GDestroyNotify)json_node_unref);
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (!lines[i][0])
            continue;
        JsonNode *n = json_from_string(lines[i], error);
        if (!n) {
            g_strfreev(lines);
            g_ptr_array_free(recs, TRUE);
            return NULL;
        }
        g_ptr_array_add(recs, n);
    }
    g_strfreev(lines);
    return recs;
}

/* The key that pairs a gold record with an output record. */
static char *record_key(JsonObject *o)
{
    const char *type = json_object_get_string_member_with_default(o, "type", "?");
    gint64 form = json_object_get_int_member_with_default(o, "form", -1);
    if (!strcmp(type, "fund"))
        return g_strdup_printf("fund %" G_GINT64_FORMAT " %s", form,
                               json_object_get_string_member_with_default(o, "line", ""));
    if (!strcmp(type, "indicator"))
        return g_strdup_printf("indicator %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, form,
                               json_object_get_int_member_with_default(o, "seq", -1));
    if (!strcmp(type, "form"))
        return g_strdup_printf("form %" G_GINT64_FORMAT, form);
    return g_strdup(type);
}

/* The fields of a fact that are scored: where it was read (page,
 * sentence) is not. */
static const char *const FACT_FIELDS[] = {"subject", "value", "unit", "share_pct",
                                          "change", "change_pct", "compared_to"};

/* Fields that describe the file or the judgement, not the extraction (and
 * the count of facts, which are scored one by one). */
static gboolean scored(const char *field)
{
    static const char *const SKIP[] = {"type", "doc", "source", "bytes", "confidence", "flags",
                                       "form", "seq", "line", "message", "facts"};
    for (gsize i = 0; i < G_N_ELEMENTS(SKIP); i++)
        if (!strcmp(field, SKIP[i]))
            return FALSE;
    return TRUE;
}

static gboolean same(JsonNode *a, JsonNode *b)
{
    if (!a || !b || json_node_get_node_type(a) != json_node_get_node_type(b))
        return FALSE;
    if (JSON_NODE_HOLDS_VALUE(a)) {
        GType t = json_node_get_value_type(a);
        if (t == G_TYPE_STRING)
            return g_strcmp0(json_node_get_string(a), json_node_get_string(b)) == 0;
        if (t == G_TYPE_BOOLEAN)
            return json_node_get_boolean(a) == json_node_get_boolean(b);
        double x = json_node_get_double(a), y = json_node_get_double(b);
        return fabs(x - y) <= 1e-9 * MAX(1.0, fabs(x));
    }
    char *x = json_to_string(a, FALSE), *y = json_to_string(b, FALSE);
    gboolean eq = strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return eq;
}

static gboolean present(JsonNode *n)
{
    return n && !JSON_NODE_HOLDS_NULL(n);
}

/* The record's confidence (1 when it has none). */
static double confidence_of(JsonObject *o)
{
    return json_object_get_double_member_with_default(o, "confidence", 1.0);
}

static JsonArray *flags_of(JsonObject *o)
{
    return json_object_has_member(o, "flags") ? json_object_get_array_member(o, "flags") : NULL;
}

/* Would a data team that filters on confidence load this record? One
 * that has no confidence (a document, whose counts come from its forms)
 * only when it carries no flag: its flags are all the doubt it can say. */
static gboolean confident(JsonObject *o)
{
    if (o && !json_object_has_member(o, "confidence")) {
        JsonArray *flags = flags_of(o);
        return !flags || json_array_get_length(flags) == 0;
    }
    return o && confidence_of(o) >= 0.9;
}

/* Would a data team trust this record blindly: confident and no flags? */
static gboolean trusted(JsonObject *o)
{
    JsonArray *flags = o ? flags_of(o) : NULL;
    return confident(o) && (!flags || json_array_get_length(flags) == 0);
}

/* A line of log: where, the field, gold and output value; with_flags, the
 * output record's confidence and flags too. */
static void log_error(GString *log, const char *where, const char *key, JsonNode *g, JsonNode *o,
                      JsonObject *out_rec, gboolean with_flags)
{
    char *gs = g ? json_to_string(g, FALSE) : g_strdup("null"), *os = json_to_string(o, FALSE);
    g_string_append_printf(log, "%s %s: gold %s, output %s", where, key, gs, os);
    if (with_flags) {
        JsonArray *flags = flags_of(out_rec);
        g_string_append_printf(log, " (confidence %.2f", confidence_of(out_rec));
        for (guint i = 0; flags && i < json_array_get_length(flags); i++)
            g_string_append_printf(log, "%s%s", i ? "," : "; ", json_array_get_string_element(flags, i));
        g_string_append_c(log, ')');
    }
    g_string_append_c(log, '\n');
    g_free(gs);
    g_free(os);
}

/* The scores one document adds to: its format's and its kind's. */
typedef struct {
    JxScore *format, *kind;
    const char *source;
} DocScores;

static void count(JxEval *e, const DocScores *d, const char *type, const char *field,
                  JsonNode *g, JsonNode *o, JsonObject *out_rec, const char *where)
{
    char *key = g_strdup_printf("%s.%s", type, field);
    JxScore *s = score_of(e->fields, key);
    JxScore *targets[] = {s, d->format, d->kind, &e->all};
    gboolean gp = present(g), op = present(o), eq = gp && op && same(g, o);
    gboolean wrong = op && !eq, silent = wrong && trusted(out_rec), conf = wrong && confident(out_rec);
    for (int k = 0; k < 4; k++) {
        if (eq)
            targets[k]->tp++;
        if (wrong)
            targets[k]->fp++;
        if (gp && !eq)
            targets[k]->fn++;
        targets[k]->silent += silent;
        targets[k]->confident += conf;
    }
    if (silent)
        log_error(e->silent_log, where, key, g, o, out_rec, FALSE);
    if (conf)
        log_error(e->confident_log, where, key, g, o, out_rec, TRUE);
    g_free(key);
}

static gboolean is_fact(JsonObject *o)
{
    return !strcmp(json_object_get_string_member_with_default(o, "type", ""), "fact");
}

/* Counts every scored field of a fact pair (g or o may be NULL: missed or
 * extra). */
static void count_fact(JxEval *e, const DocScores *d, JsonObject *g, JsonObject *o)
{
    JsonObject *named = g ? g : o;
    char *where = g_strdup_printf("%s [%sfact %s]", d->source, g ? "" : "extra ",
                                  json_object_get_string_member_with_default(named, "subject", "?"));
    for (gsize i = 0; i < G_N_ELEMENTS(FACT_FIELDS); i++)
        count(e, d, "fact", FACT_FIELDS[i], g ? json_object_get_member(g, FACT_FIELDS[i]) : NULL,
              o ? json_object_get_member(o, FACT_FIELDS[i]) : NULL, o, where);
    g_free(where);
}

static gboolean same_member(JsonObject *a, JsonObject *b, const char *m)
{
    JsonNode *x = json_object_get_member(a, m), *y = json_object_get_member(b, m);
    return present(x) ? same(x, y) : !present(y);
}

/* Facts are paired by value, then by subject: each gold fact with the
 * first free output fact that has its value, subject and comparison, then
 * its value and subject, then its value, then its subject. */
static void eval_facts(JxEval *e, const DocScores *d, GPtrArray *gold, GPtrArray *out)
{
    static const char *const KEYS[][3] = {{"value", "subject", "compared_to"},
                                          {"value", "subject", NULL},
                                          {"value", NULL, NULL},
                                          {"subject", NULL, NULL}};
    GPtrArray *g = g_ptr_array_new(), *o = g_ptr_array_new();
    for (guint i = 0; i < gold->len; i++)
        if (is_fact(json_node_get_object(g_ptr_array_index(gold, i))))
            g_ptr_array_add(g, json_node_get_object(g_ptr_array_index(gold, i)));
    for (guint i = 0; i < out->len; i++)
        if (is_fact(json_node_get_object(g_ptr_array_index(out, i))))
            g_ptr_array_add(o, json_node_get_object(g_ptr_array_index(out, i)));
    JsonObject **pair = g_new0(JsonObject *, g->len + 1);
    gboolean *used = g_new0(gboolean, o->len + 1);
    for (gsize pass = 0; pass < G_N_ELEMENTS(KEYS); pass++)
        for (guint i = 0; i < g->len; i++) {
            JsonObject *gf = g_ptr_array_index(g, i);
            if (pair[i] || !present(json_object_get_member(gf, KEYS[pass][0])))
                continue;
            for (guint k = 0; k < o->len && !pair[i]; k++) {
                JsonObject *of = g_ptr_array_index(o, k);
                gboolean ok = !used[k];
                for (int m = 0; ok && m < 3 && KEYS[pass][m]; m++)
                    ok = same_member(gf, of, KEYS[pass][m]);
                if (ok) {
                    pair[i] = of;
                    used[k] = TRUE;
                }
            }
        }
    for (guint i = 0; i < g->len; i++)
        count_fact(e, d, g_ptr_array_index(g, i), pair[i]);
    for (guint k = 0; k < o->len; k++)
        if (!used[k])
            count_fact(e, d, NULL, g_ptr_array_index(o, k));
    g_free(pair);
    g_free(used);
    g_ptr_array_free(g, TRUE);
    g_ptr_array_free(o, TRUE);
}

gboolean jx_eval_add(JxEval *e, const char *gold_text, const char *out_text, GError **error)
{
    GPtrArray *gold = parse(gold_text, error);
    if (!gold)
        return FALSE;
    GPtrArray *out = parse(out_text, error);
    if (!out) {
        g_ptr_array_free(gold, TRUE);
        return FALSE;
    }
    GHashTable *by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < out->len; i++) {
        JsonObject *o = json_node_get_object(g_ptr_array_index(out, i));
        if (!is_fact(o))
            g_hash_table_insert(by_key, record_key(o), o);
    }
    const char *format = "unknown", *source = "?", *kind = "unknown";
    if (gold->len) {
        JsonObject *d = json_node_get_object(g_ptr_array_index(gold, 0));
        format = json_object_get_string_member_with_default(d, "format", "unknown");
        source = json_object_get_string_member_with_default(d, "source", "?");
        kind = json_object_get_string_member_with_default(d, "kind", "unknown");
    }
    DocScores ds = {score_of(e->formats, format ? format : "unknown"),
                    score_of(e->kinds, kind ? kind : "unknown"), source};
    const DocScores *fmt = &ds;
    eval_facts(e, fmt, gold, out);
    GHashTable *matched = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < gold->len; i++) {
        JsonObject *g = json_node_get_object(g_ptr_array_index(gold, i));
        if (is_fact(g))
            continue;
        char *key = record_key(g);
        JsonObject *o = g_hash_table_lookup(by_key, key);
        const char *type = json_object_get_string_member_with_default(g, "type", "?");
        char *where = g_strdup_printf("%s [%s]", source, key);
        GList *members = json_object_get_members(g);
        for (GList *m = members; m; m = m->next)
            if (scored(m->data))
                count(e, fmt, type, m->data, json_object_get_member(g, m->data),
                      o ? json_object_get_member(o, m->data) : NULL, o, where);
        g_list_free(members);
        g_free(where);
        if (o)
            g_hash_table_add(matched, key); /* matched owns the key */
        else
            g_free(key);
    }
    /* output records the gold does not have: every value is a false positive */
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, by_key);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (g_hash_table_contains(matched, k))
            continue;
        JsonObject *o = v;
        const char *type = json_object_get_string_member_with_default(o, "type", "?");
        char *where = g_strdup_printf("%s [extra %s]", source, (const char *)k);
        GList *members = json_object_get_members(o);
        for (GList *m = members; m; m = m->next)
            if (scored(m->data))
                count(e, fmt, type, m->data, NULL, json_object_get_member(o, m->data), o, where);
        g_list_free(members);
        g_free(where);
    }
    g_hash_table_destroy(matched);
    g_hash_table_destroy(by_key);
    g_ptr_array_free(gold, TRUE);
    g_ptr_array_free(out, TRUE);
    return TRUE;
}

static int cmp_keys(gconstpointer a, gconstpointer b)
{
    return strcmp(a, b);
}

static void score_json(JxJson *j, const char *key, const JxScore *s)
{
    jx_json_key(j, key);
    JxJson o;
    jx_json_begin(&o, j->s);
    jx_json_int(&o, "tp", TRUE, s->tp);
    jx_json_int(&o, "fp", TRUE, s->fp);
    jx_json_int(&o, "fn", TRUE, s->fn);
    jx_json_int(&o, "silent", TRUE, s->silent);
    jx_json_int(&o, "confident", TRUE, s->confident);
    jx_json_num(&o, "f1", TRUE, round(jx_score_f1(s) * 10000) / 10000);
    jx_json_num(&o, "silent_rate", TRUE, round(jx_score_rate(s, s->silent) * 1e6) / 1e6);
    jx_json_num(&o, "confident_rate", TRUE, round(jx_score_rate(s, s->confident) * 1e6) / 1e6);
    jx_json_end(&o);
}

static void score_line(GString *o, const char *name, const JxScore *s)
{
    double p = s->tp + s->fp ? (double)s->tp / (s->tp + s->fp) : 1;
    double r = s->tp + s->fn ? (double)s->tp / (s->tp + s->fn) : 1;
    g_string_append_printf(o, "%-32s %6u %5u %5u  %6.4f %6.4f %6.4f %6u %6u\n", name, s->tp, s->fp,
                           s->fn, p, r, jx_score_f1(s), s->silent, s->confident);
}

static void trust_line(GString *o, const char *name, const JxScore *s)
{
    g_string_append_printf(o, "%-32s %7u %6u %8.4f%% %6u %8.4f%%\n", name, s->tp + s->fp, s->silent,
                           100 * jx_score_rate(s, s->silent), s->confident,
                           100 * jx_score_rate(s, s->confident));
}

char *jx_eval_report(const JxEval *e, gboolean json)
{
    GString *o = g_string_new(NULL);
    GHashTable *groups[3] = {e->fields, e->formats, e->kinds};
    static const char *const GROUP[3] = {"fields", "formats", "kinds"};
    if (json) {
        JxJson j;
        jx_json_begin(&j, o);
        score_json(&j, "all", &e->all);
        for (int gi = 0; gi < 3; gi++) {
            jx_json_key(&j, GROUP[gi]);
            JxJson sub;
            jx_json_begin(&sub, o);
            GList *keys = g_list_sort(g_hash_table_get_keys(groups[gi]), cmp_keys);
            for (GList *k = keys; k; k = k->next)
                score_json(&sub, k->data, g_hash_table_lookup(groups[gi], k->data));
            g_list_free(keys);
            jx_json_end(&sub);
        }
        jx_json_end(&j);
        g_string_append_c(o, '\n');
        return g_string_free(o, FALSE);
    }
    g_string_append_printf(o, "%-32s %6s %5s %5s  %6s %6s %6s %6s %6s\n", "field", "tp", "fp", "fn",
                           "prec", "recall", "f1", "silent", "conf");
    for (int gi = 0; gi < 3; gi++) {
        GList *keys = g_list_sort(g_hash_table_get_keys(groups[gi]), cmp_keys);
        for (GList *k = keys; k; k = k->next) {
            char *name = gi == 0 ? g_strdup(k->data)
                                 : g_strdup_printf("%s %s", gi == 1 ? "format" : "kind", (char *)k->data);
            score_line(o, name, g_hash_table_lookup(groups[gi], k->data));
            g_free(name);
        }
        g_list_free(keys);
    }
    score_line(o, "ALL", &e->all);
    /* trust: of the values output, how many are wrong yet loaded unwarned
     * (silent) or loaded by a team that keeps confidence >= 0.9 (confident) */
    g_string_append_printf(o, "\n%-32s %7s %6s %9s %6s %9s\n", "trust", "values", "silent", "rate",
                           "conf", "rate");
    GList *fmts = g_list_sort(g_hash_table_get_keys(e->formats), cmp_keys);
    for (GList *k = fmts; k; k = k->next) {
        char *name = g_strdup_printf("format %s", (char *)k->data);
        trust_line(o, name, g_hash_table_lookup(e->formats, k->data));
        g_free(name);
    }
    g_list_free(fmts);
    trust_line(o, "ALL", &e->all);
    if (e->silent_log->len)
        g_string_append_printf(o, "\nsilent errors:\n%s", e->silent_log->str);
    if (e->confident_log->len)
        g_string_append_printf(o, "\nconfident errors:\n%s", e->confident_log->str);
    return g_string_free(o, FALSE);
}

/* ---------- the gold files and the baseline ---------- */

char *jx_eval_document_for(const char *gold)
{
    g_return_val_if_fail(gold != NULL && g_str_has_suffix(gold, ".gold.jsonl"), NULL);
    char *dir = g_path_get_dirname(gold), *base = g_path_get_basename(gold);
    base[strlen(base) - strlen(".gold.jsonl")] = '\0';
    char *found = NULL;
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;
    while (d && !found && (n = g_dir_read_name(d)))
        if (g_str_has_prefix(n, base) && n[strlen(base)] == '.' && !g_str_has_suffix(n, ".gold.jsonl"))
            found = g_build_filename(dir, n, NULL);
    if (d)
        g_dir_close(d);
    g_free(dir);
    g_free(base);
    return found;
}

static int cmp_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void jx_eval_gold_files(const char *path, GPtrArray *out)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        if (g_str_has_suffix(path, ".gold.jsonl"))
            g_ptr_array_add(out, g_strdup(path));
        return;
    }
    GDir *d = g_dir_open(path, 0, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while (d && (n = g_dir_read_name(d)))
        g_ptr_array_add(names, g_build_filename(path, n, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(names, cmp_paths);
    for (guint i = 0; i < names->len; i++)
        jx_eval_gold_files(g_ptr_array_index(names, i), out);
    g_ptr_array_free(names, TRUE);
}

gboolean jx_eval_meets_baseline(const char *report, const char *baseline, GString *why)
{
    JsonNode *r = json_from_string(report, NULL), *b = json_from_string(baseline, NULL);
    gboolean ok = r && b;
    if (!ok)
        g_string_append(why, "the baseline is not JSON\n");
    for (int part = 0; ok && part < 3; part++) {
        const char *group = part == 0 ? "fields" : part == 1 ? "formats" : NULL;
        JsonObject *ro = json_node_get_object(r), *bo = json_node_get_object(b);
        JsonObject *rg = group ? json_object_get_object_member(ro, group) : ro;
        JsonObject *bg = group ? json_object_get_object_member(bo, group) : bo;
        GList *keys = json_object_get_members(bg);
        for (GList *k = keys; k; k = k->next) {
            if (!group && strcmp(k->data, "all"))
                continue;
            JsonObject *want = json_object_get_object_member(bg, k->data);
            JsonObject *got = json_object_has_member(rg, k->data) ? json_object_get_object_member(rg, k->data) : NULL;
            double wf = json_object_get_double_member(want, "f1");
            gint64 ws = json_object_get_int_member(want, "silent");
            /* a baseline from before confident errors were counted does not gate them */
            gint64 wc = json_object_get_int_member_with_default(want, "confident", G_MAXINT64);
            double gf = got ? json_object_get_double_member(got, "f1") : 0;
            gint64 gs = got ? json_object_get_int_member(got, "silent") : 0;
            gint64 gc = got ? json_object_get_int_member_with_default(got, "confident", 0) : 0;
            if (gf + 1e-9 < wf || gs > ws || gc > wc) {
                g_string_append_printf(why, "%s %s: f1 %.4f (baseline %.4f), silent %" G_GINT64_FORMAT
                                            " (baseline %" G_GINT64_FORMAT "), confident %" G_GINT64_FORMAT
                                            " (baseline %" G_GINT64_FORMAT ")\n",
                                       group ? group : "", (const char *)k->data, gf, wf, gs, ws, gc,
                                       wc == G_MAXINT64 ? gc : wc);
                ok = FALSE;
            }
        }
        g_list_free(keys);
    }
    if (r)
        json_node_unref(r);
    if (b)
        json_node_unref(b);
    return ok;
}
