#include "sink/json.h"

#include <math.h>
#include <stdio.h>

#include "common/flags.h"

void jx_json_begin(JxJson *j, GString *s)
{
    j->s = s;
    j->first = TRUE;
    g_string_append_c(s, '{');
}

void jx_json_end(JxJson *j)
{
    g_string_append_c(j->s, '}');
}

void jx_json_append_string(GString *s, const char *val)
{
    if (!val) {
        g_string_append(s, "null");
        return;
    }
    char *valid = NULL; /* file names may be any bytes: JSON must be UTF-8 */
    if (!g_utf8_validate(val, -1, NULL))
        val = valid = g_utf8_make_valid(val, -1);
    g_string_append_c(s, '"');
    for (const unsigned char *p = (const unsigned char *)val; *p; p++) {
        switch (*p) {
        case '"': g_string_append(s, "\\\""); break;
        case '\\': g_string_append(s, "\\\\"); break;
        case '\n': g_string_append(s, "\\n"); break;
        case '\r': g_string_append(s, "\\r"); break;
        case '\t': g_string_append(s, "\\t"); break;
        default:
            if (*p < 0x20)
                g_string_append_printf(s, "\\u%04x", *p);
            else
                g_string_append_c(s, (char)*p);
        }
    }
    g_string_append_c(s, '"');
    g_free(valid);
}

void jx_json_append_number(GString *s, double v)
{
    if (!isfinite(v)) {
        g_string_append(s, "null");
        return;
    }
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (jx_json_number_is_integer(v)) {
        g_string_append_printf(s, "%.0f", v == 0 ? 0.0 : v);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        char fmt[8];
        g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
        g_ascii_formatd(buf, sizeof buf, fmt, v);
        if (g_ascii_strtod(buf, NULL) == v)
            break;
    }
    g_string_append(s, buf);
}

gboolean jx_json_number_is_integer(double v)
{
    return isfinite(v) && v == floor(v) && fabs(v) < 1e15;
}

void jx_json_append_flags(GString *s, guint flags)
{
    g_string_append_c(s, '[');
    gboolean first = TRUE;
    for (int f = 0; f < JX_FLAG_COUNT; f++)
        if (flags & JX_FLAG_BIT(f)) {
            if (!first)
                g_string_append_c(s, ',');
            first = FALSE;
            jx_json_append_string(s, jx_flag_name(f));
        }
    g_string_append_c(s, ']');
}

void jx_json_append_pages(GString *s, const GArray *pages)
{
    if (!pages) {
        g_string_append(s, "null");
        return;
    }
    g_string_append_c(s, '[');
    for (guint i = 0; i < pages->len; i++)
        g_string_append_printf(s, "%s%d", i ? "," : "", g_array_index(pages, int, i));
    g_string_append_c(s, ']');
}

void jx_json_key(JxJson *j, const char *key)
{
    if (!j->first)
        g_string_append_c(j->s, ',');
    j->first = FALSE;
    jx_json_append_string(j->s, key);
    g_string_append_c(j->s, ':');
}

void jx_json_str(JxJson *j, const char *key, const char *val)
{
    jx_json_key(j, key);
    jx_json_append_string(j->s, val);
}

void jx_json_num(JxJson *j, const char *key, gboolean set, double v)
{
    jx_json_key(j, key);
    if (set)
        jx_json_append_number(j->s, v);
    else
        g_string_append(j->s, "null");
}

void jx_json_int(JxJson *j, const char *key, gboolean set, gint64 v)
{
    jx_json_key(j, key);
    if (set)
        g_string_append_printf(j->s, "%" G_GINT64_FORMAT, v);
    else
        g_string_append(j->s, "null");
}

void jx_json_bool(JxJson *j, const char *key, gboolean v)
{
    jx_json_key(j, key);
    g_string_append(j->s, v ? "true" : "false");
}
