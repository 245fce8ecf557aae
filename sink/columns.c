#include "sink/columns.h"

#include <string.h>

#define C(n) {#n, #n, NULL}
#define V(f) {#f "_raw", #f, "raw"}, {#f "_kind", #f, "kind"}, {#f "_op", #f, "op"}, \
             {#f "_value", #f, "value"}, {#f "_max", #f, "max"}, {#f "_unit", #f, "unit"}, \
             {#f "_approx", #f, "approx"}

static const JxColumn DOCUMENT[] = {
    C(doc), C(source), C(bytes), C(format), C(pages), C(text_source), C(kind), C(year),
    C(forms), C(indicators), C(facts), C(pages_without_text), C(pages_garbled), C(flags)};
static const JxColumn FORM[] = {
    C(doc), C(page), C(form), C(title), C(year), C(project_name), C(project_code),
    C(competent_dept), C(implementing_unit), C(project_lead), C(goal_expected),
    C(goal_actual), C(total_weight), C(total_score), C(page_start), C(page_end),
    C(project_attribute), C(confidence), C(flags)};
static const JxColumn FUND[] = {
    C(doc), C(page), C(form), C(line), C(budget_initial), C(budget_full_year), C(executed),
    C(weight), C(rate), C(score), C(unit_declared), C(confidence), C(flags)};
static const JxColumn INDICATOR[] = {
    C(doc), C(page), C(form), C(seq), C(level1), C(level2), C(level1_raw), C(level2_raw),
    C(level1_weight), C(level2_weight), C(name), C(detail), V(target), V(actual),
    C(weight), C(score), C(review_score), C(deviation), C(criteria), C(confidence), C(flags)};
static const JxColumn FACT[] = {
    C(doc), C(page), C(subject), C(value), C(unit), C(share_pct), C(change), C(change_pct),
    C(compared_to), C(sentence), C(confidence), C(flags)};
static const JxColumn ERROR[] = {C(doc), C(source), C(code), C(message)};

static const JxTableSpec TABLES[] = {
    {"document", "documents", DOCUMENT, G_N_ELEMENTS(DOCUMENT)},
    {"form", "forms", FORM, G_N_ELEMENTS(FORM)},
    {"fund", "funds", FUND, G_N_ELEMENTS(FUND)},
    {"indicator", "indicators", INDICATOR, G_N_ELEMENTS(INDICATOR)},
    {"fact", "facts", FACT, G_N_ELEMENTS(FACT)},
    {"error", "errors", ERROR, G_N_ELEMENTS(ERROR)},
};

const JxTableSpec *jx_tables(int *n)
{
    *n = G_N_ELEMENTS(TABLES);
    return TABLES;
}

const JxTableSpec *jx_table_for_type(const char *type)
{
    for (gsize i = 0; type && i < G_N_ELEMENTS(TABLES); i++)
        if (strcmp(TABLES[i].type, type) == 0)
            return &TABLES[i];
    return NULL;
}

JsonNode *jx_column_node(JsonObject *rec, const JxColumn *c)
{
    JsonNode *n = json_object_get_member(rec, c->key);
    if (!c->sub || !n)
        return n;
    if (!JSON_NODE_HOLDS_OBJECT(n))
        return NULL; /* a null value object: every column null */
    return json_object_get_member(json_node_get_object(n), c->sub);
}

gboolean jx_records_foreach(const char *jsonl, gsize len, JxRecordFn fn, gpointer ctx,
                            GError **error)
{
    char *text = g_strndup(jsonl, len);
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);
    JsonParser *parser = json_parser_new();
    gboolean ok = TRUE;
    guint index = 0;
    for (int i = 0; ok && lines[i]; i++) {
        if (!lines[i][0])
            continue;
        ok = json_parser_load_from_data(parser, lines[i], -1, error);
        if (!ok)
            break;
        JsonObject *rec = json_node_get_object(json_parser_get_root(parser));
        const char *type = json_object_get_string_member_with_default(rec, "type", "");
        ok = fn(rec, jx_table_for_type(type), index++, ctx, error);
    }
    g_object_unref(parser);
    g_strfreev(lines);
    return ok;
}
