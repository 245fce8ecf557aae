#include "rules/facts.h"

#include <string.h>

#include "normalize/prose.h"
#include "normalize/units.h"
#include "normalize/value.h"

/* A sentence no longer than this, without a figure, opening a paragraph
 * with a list number, is a heading: it names what the figures under it
 * measure. */
#define HEADING_CHARS 80
/* A subject shorter than this (characters) says nothing: no fact. */
#define SUBJECT_MIN_CHARS 2

typedef struct {
    const JxRuleset *rs;
    JxUnits *units;
    GPtrArray *out;
    char *topic;       /* subject from the last heading, or NULL */
    JxFact *cur;       /* the fact a change or a share goes to */
    const char *base;  /* the base a clause named for the coming change (static) */
    gboolean named;    /* a clause of the sentence without figures named something */
} Reader;

/* The clause separators: ，；：, ; : (a 、 joins the figures of a list). */
static gboolean is_separator(gunichar c)
{
    return c == 0xFF0C || c == 0xFF1B || c == 0xFF1A || c == ',' || c == ';' || c == ':' ||
           c == 0x3002;
}

/* Whether the comma at c groups the thousands of a number (8,301,314.54). */
static gboolean thousands(const char *s, const char *c)
{
    if (*c != ',' || c == s || !g_ascii_isdigit(c[-1]))
        return FALSE;
    for (int i = 1; i <= 3; i++)
        if (!g_ascii_isdigit(c[i]))
            return FALSE;
    return !g_ascii_isdigit(c[4]);
}

static gboolean overlaps(const GArray *spans, gsize start, gsize end)
{
    for (guint i = 0; i < spans->len; i++) {
        const JxRuleSpan *m = &g_array_index(spans, JxRuleSpan, i);
        if (m->start < end && start < m->end)
            return TRUE;
    }
    return FALSE;
}

/* The subject text of a lead: cut by the factstrip rules, trimmed. */
static char *subject_of(const Reader *rd, const char *lead)
{
    char *s = jx_ruleset_strip(rd->rs, "factstrip", lead);
    return g_strstrip(s);
}

/* The fact's subject: the NAME of the factsubject rule it matches, or the
 * text as printed, flagged. */
static void set_subject(const Reader *rd, JxFact *f, const char *subject)
{
    const char *name = jx_ruleset_match(rd->rs, "factsubject", subject, NULL);
    g_free(f->subject);
    f->subject = g_strdup(name && strcmp(name, "=") ? name : subject);
    if (!name)
        f->flags |= JX_FLAG_BIT(JX_FLAG_SUBJECT_UNLISTED);
    else
        f->flags &= ~JX_FLAG_BIT(JX_FLAG_SUBJECT_UNLISTED);
}

static JxFact *new_fact(Reader *rd, const char *sentence, int page, unsigned flags)
{
    JxFact *f = jx_fact_new();
    f->sentence = g_strdup(sentence);
    f->page = page;
    f->flags = flags;
    g_ptr_array_add(rd->out, f);
    return f;
}

/* A second comparison of the same figure: the same subject and value. */
static JxFact *clone_fact(Reader *rd, const JxFact *f)
{
    JxFact *c = new_fact(rd, f->sentence, f->page, f->flags);
    c->subject = g_strdup(f->subject);
    c->value = f->value;
    c->unit = g_strdup(f->unit);
    return c;
}

/* The fact's value and unit, and the subject its unit names (a
 * factunitsubject rule: 公务接待 in 批次 is 公务接待批次). */
static void set_value(const Reader *rd, JxFact *f, const JxValue *v)
{
    f->value = (JxNum){TRUE, v->value};
    g_free(f->unit);
    f->unit = g_strdup(v->kind == JX_KIND_MONEY ? "元" : v->kind == JX_KIND_PERCENT ? "%" : v->unit);
    if (f->subject && f->unit) {
        char *key = g_strconcat(f->subject, "/", f->unit, NULL), *stem = NULL;
        const char *suffix = jx_ruleset_match(rd->rs, "factunitsubject", key, &stem);
        if (suffix && stem) {
            char *subject = g_strconcat(stem, suffix, NULL);
            set_subject(rd, f, subject);
            g_free(subject);
        }
        g_free(stem);
        g_free(key);
    }
    if (v->approx)
        f->flags |= JX_FLAG_BIT(JX_FLAG_APPROX);
    if (v->flags & JX_VALUE_CN_NUMERAL)
        f->flags |= JX_FLAG_BIT(JX_FLAG_CN_NUMERAL);
}

/* A stated change of the current fact (or of the subject the lead names
 * before its base: 基本支出比上年减少51.17万元). */
static void on_change(Reader *rd, const char *lead, const char *sign, const char *base,
                      const JxValue *v, const char *sentence, int page, unsigned flags)
{
    double d = (*sign == '-' ? -1 : 1) * v->value;
    char *subject = NULL;
    if (jx_ruleset_match(rd->rs, "factbase", lead, NULL))
        subject = subject_of(rd, lead);
    if (subject && *subject && (!rd->cur || g_strcmp0(rd->cur->subject, subject) != 0)) {
        JxFact *f = new_fact(rd, sentence, page, flags);
        set_subject(rd, f, subject);
        rd->cur = f;
    }
    g_free(subject);
    JxFact *f = rd->cur;
    if (!f)
        return;
    gboolean pct = v->kind == JX_KIND_PERCENT;
    if ((base && f->compared_to && strcmp(base, f->compared_to) != 0) ||
        (pct ? f->change_pct.set : f->change.set))
        f = rd->cur = clone_fact(rd, f);
    if (base && !f->compared_to)
        f->compared_to = g_strdup(base);
    if (pct)
        f->change_pct = (JxNum){TRUE, d};
    else if (!f->unit || g_strcmp0(f->unit, v->kind == JX_KIND_MONEY ? "元" : v->unit) == 0)
        f->change = (JxNum){TRUE, d};
}

/* One figure of a clause, with the text before it (lead) and the subject
 * of the figure before it in the clause (or NULL). */
static void on_figure(Reader *rd, const char *lead, const char *prev_subject, const JxValue *v,
                      const char *sentence, int page, unsigned flags)
{
    const char *sign = jx_ruleset_match(rd->rs, "factchange", lead, NULL);
    const char *base = jx_ruleset_match(rd->rs, "factbase", lead, NULL);
    if (base)
        rd->base = base;
    if (sign && *sign != '0') {
        on_change(rd, lead, sign, rd->base, v, sentence, page, flags);
        return;
    }
    if (jx_ruleset_match(rd->rs, "factshare", lead, NULL)) {
        if (v->kind == JX_KIND_PERCENT && rd->cur && !rd->cur->share_pct.set)
            rd->cur->share_pct = (JxNum){TRUE, v->value};
        return;
    }
    if (base && v->kind != JX_KIND_PERCENT) { /* 比年初预算0.31万元减少…: the base figure */
        const char *item = rd->cur ? rd->cur->subject : rd->topic;
        if (!item)
            return;
        JxFact *f = new_fact(rd, sentence, page, flags);
        char *subject = g_strconcat(item, base, NULL);
        g_free(f->subject);
        f->subject = subject;
        if (rd->cur && rd->cur->flags & JX_FLAG_BIT(JX_FLAG_SUBJECT_UNLISTED))
            f->flags |= JX_FLAG_BIT(JX_FLAG_SUBJECT_UNLISTED);
        set_value(rd, f, v);
        if (rd->cur && !rd->cur->compared_to)
            rd->cur->compared_to = g_strdup(base);
        return;
    }
    char *subject = subject_of(rd, lead);
    gboolean inferred = FALSE;
    if (!*subject) { /* 0辆，0万元: the subject of the figure before it */
        g_free(subject);
        subject = g_strdup(prev_subject ? prev_subject : rd->topic);
    } else if (jx_ruleset_match(rd->rs, "factgeneric", subject, NULL)) {
        g_free(subject); /* 决算数: the heading's subject */
        subject = g_strdup(rd->topic ? rd->topic : prev_subject);
        /* …日常公用经费支出，合计52.63万元: the sentence may name it, not the heading */
        inferred = rd->topic && rd->named;
    }
    if (subject && g_utf8_strlen(subject, -1) >= SUBJECT_MIN_CHARS) {
        JxFact *f = new_fact(rd, sentence, page, flags);
        set_subject(rd, f, subject);
        if (inferred)
            f->flags |= JX_FLAG_BIT(JX_FLAG_SUBJECT_INFERRED);
        set_value(rd, f, v);
        rd->cur = f;
        rd->base = NULL;
    }
    g_free(subject);
}

/* The text of len bytes before a figure, from after a bracket it leaves
 * open: 项目（党建活动经费项目评价得分100分 leads with 党建活动经费项目评价得分. */
static char *open_lead(const char *s, gsize len)
{
    const char *from = s;
    int depth = 0;
    for (const char *c = s; c < s + len; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        if (u == 0xFF08 || u == '(') {
            if (depth++ == 0)
                from = g_utf8_next_char(c);
        } else if ((u == 0xFF09 || u == ')') && depth > 0 && --depth == 0) {
            from = s;
        }
    }
    if (depth == 0)
        from = s;
    return g_strndup(from, (gsize)(s + len - from));
}

/* The figures of one clause [from, to) of s; *prev_subject is the subject
 * of the sentence's last fact (updated). */
static void read_clause(Reader *rd, const char *s, gsize from, gsize to, const GArray *figs,
                        const GArray *masks, int page, unsigned flags, char **prev_subject)
{
    char *clause = g_strndup(s + from, to - from);
    gboolean skip = jx_ruleset_match(rd->rs, "factskip", clause, NULL) != NULL;
    gsize at = from;
    gboolean any = FALSE;
    for (guint i = 0; !skip && i < figs->len; i++) {
        const JxRuleSpan *fg = &g_array_index(figs, JxRuleSpan, i);
        if (fg->start < from || fg->end > to || overlaps(masks, fg->start, fg->end))
            continue;
        any = TRUE;
        char *lead = open_lead(s + at, fg->start - at);
        char *text = g_strndup(s + fg->start, fg->end - fg->start);
        JxValue v;
        jx_value_parse_units(text, NULL, rd->units, &v);
        if (v.has_value && v.op != JX_OP_RANGE &&
            (v.kind == JX_KIND_MONEY || v.kind == JX_KIND_PERCENT || v.kind == JX_KIND_NUMBER)) {
            guint before = rd->out->len;
            on_figure(rd, lead, *prev_subject, &v, s, page, flags);
            if (rd->out->len > before && rd->cur) {
                g_free(*prev_subject);
                *prev_subject = g_strdup(rd->cur->subject);
            }
        }
        jx_value_clear(&v);
        g_free(text);
        g_free(lead);
        at = fg->end;
    }
    if (!skip && !any) { /* a clause without figures: a base, or 持平 */
        const char *base = jx_ruleset_match(rd->rs, "factbase", clause, NULL);
        const char *sign = jx_ruleset_match(rd->rs, "factchange", clause, NULL);
        char *named = subject_of(rd, clause);
        rd->named |= g_utf8_strlen(named, -1) >= SUBJECT_MIN_CHARS && !base && !sign;
        g_free(named);
        if (base)
            rd->base = base;
        if (sign && *sign == '0' && rd->cur && !rd->cur->change.set) {
            rd->cur->change = (JxNum){TRUE, 0};
            if (rd->base && !rd->cur->compared_to)
                rd->cur->compared_to = g_strdup(rd->base);
        }
    }
    g_free(clause);
}

/* Whether s holds a figure outside the masks. */
static gboolean has_figure(const GArray *figs, const GArray *masks)
{
    for (guint i = 0; i < figs->len; i++) {
        const JxRuleSpan *fg = &g_array_index(figs, JxRuleSpan, i);
        if (!overlaps(masks, fg->start, fg->end))
            return TRUE;
    }
    return FALSE;
}

static void read_sentence(Reader *rd, const char *s, gboolean opens, const JxProse *p)
{
    GArray *masks = jx_ruleset_find_all(rd->rs, "factmask", s);
    GArray *figs = jx_ruleset_find_all(rd->rs, "factfigure", s);
    if (!has_figure(figs, masks)) {
        /* the first sentence of a numbered paragraph: what comes under it */
        if (opens && g_utf8_strlen(s, -1) <= HEADING_CHARS &&
            jx_ruleset_match(rd->rs, "prosehead", s, NULL)) {
            char *topic = subject_of(rd, s);
            const char *name = jx_ruleset_match(rd->rs, "factsubject", topic, NULL);
            g_free(rd->topic);
            rd->topic = *topic ? g_strdup(name && strcmp(name, "=") ? name : topic) : NULL;
            g_free(topic);
            rd->cur = NULL;
        }
    }
    gsize from = 0, len = strlen(s);
    rd->base = NULL;
    rd->named = FALSE;
    char *prev_subject = NULL;
    int depth = 0; /* a separator inside brackets cuts no clause: （账面净值，下同） */
    for (const char *c = s; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        depth += u == 0xFF08 || u == '(';
        depth -= depth > 0 && (u == 0xFF09 || u == ')');
        if (depth > 0 || !is_separator(u) || thousands(s, c))
            continue;
        read_clause(rd, s, from, (gsize)(c - s), figs, masks, p->page, p->flags, &prev_subject);
        from = (gsize)(g_utf8_next_char(c) - s);
    }
    if (from < len)
        read_clause(rd, s, from, len, figs, masks, p->page, p->flags, &prev_subject);
    g_free(prev_subject);
    g_array_free(figs, TRUE);
    g_array_free(masks, TRUE);
}

void jx_facts_read(const GPtrArray *prose, const JxRuleset *rs, GPtrArray *facts)
{
    g_return_if_fail(prose != NULL && rs != NULL && facts != NULL);
    Reader rd = {.rs = rs, .units = jx_units_new(rs, NULL), .out = facts};
    for (guint i = 0; i < prose->len; i++) {
        const JxProse *p = g_ptr_array_index(prose, i);
        GPtrArray *sentences = jx_prose_sentences(p->text);
        rd.cur = NULL;
        if (sentences->len &&
            jx_ruleset_match(rs, "facttarget", g_ptr_array_index(sentences, 0), NULL)) {
            g_ptr_array_unref(sentences);
            continue;
        }
        for (guint k = 0; k < sentences->len; k++)
            read_sentence(&rd, g_ptr_array_index(sentences, k), k == 0, p);
        g_ptr_array_unref(sentences);
    }
    g_free(rd.topic);
    jx_units_free(rd.units);
}

gboolean jx_facts_check_rules(const JxRuleset *rs, GError **error)
{
    static const char *const SIGNS[] = {"+", "-", "0", NULL};
    return jx_ruleset_check_names(rs, "factchange", SIGNS, error);
}
