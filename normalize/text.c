#include "normalize/text.h"

#include <string.h>

#include "common/printed.h"

/* Private-use stand-ins for the printed marks through NFKC (below). */
#define PROTECT_BASE 0xF0000

/* LaTeX commands seen in converted PDFs, longest first where one is a
 * prefix of another (\leq before \le, \left before \le). */
static const struct { const char *tex, *text; } LATEX[] = {
    {"\\geqslant", "≥"}, {"\\leqslant", "≤"}, {"\\left", ""}, {"\\right", ""},
    {"\\geq", "≥"},  {"\\leq", "≤"},  {"\\ge", "≥"},    {"\\le", "≤"},
    {"\\neq", "≠"},  {"\\times", "×"}, {"\\div", "÷"},  {"\\pm", "±"},
    {"\\approx", "≈"}, {"\\sim", "~"}, {"\\cdot", "·"}, {"\\%", "%"},
    {"\\mathrm", ""}, {"\\text", ""},  {"\\,", " "},    {"\\;", " "},
    {"\\quad", " "},
};

/* CJK Radicals Supplement look-alikes that NFKC leaves alone; each maps to
 * the ordinary ideograph (Unicode EquivalentUnifiedIdeograph). */
static const struct { gunichar from, to; } RADICALS[] = {
    {0x2E80, 0x4E36}, {0x2E81, 0x5382}, {0x2E82, 0x4E5B}, {0x2E83, 0x4E5A},
    {0x2E84, 0x4E59}, {0x2E85, 0x4EBB}, {0x2E86, 0x5182}, {0x2E87, 0x51E0},
    {0x2E88, 0x5200}, {0x2E89, 0x5202}, {0x2E8A, 0x535C}, {0x2E8B, 0x353E},
    {0x2E8C, 0x5C0F}, {0x2E8D, 0x5C0F}, {0x2E8E, 0x5140}, {0x2E8F, 0x5C23},
    {0x2E90, 0x5C22}, {0x2E92, 0x5DF3}, {0x2E93, 0x5E7A}, {0x2E94, 0x5F51},
    {0x2E95, 0x5F50}, {0x2E96, 0x5FC4}, {0x2E97, 0x5FC3}, {0x2E98, 0x624C},
    {0x2E99, 0x6535}, {0x2E9B, 0x65E1}, {0x2E9C, 0x65E5}, {0x2E9D, 0x6708},
    {0x2E9E, 0x6B7A}, {0x2E9F, 0x6BCD}, {0x2EA0, 0x6C11}, {0x2EA1, 0x6C35},
    {0x2EA2, 0x6C3A}, {0x2EA3, 0x706C}, {0x2EA4, 0x722B}, {0x2EA5, 0x722B},
    {0x2EA6, 0x4E2C}, {0x2EA7, 0x725B}, {0x2EA8, 0x72AD}, {0x2EA9, 0x738B},
    {0x2EAA, 0x7592}, {0x2EAB, 0x76EE}, {0x2EAC, 0x793A}, {0x2EAD, 0x793B},
    {0x2EAE, 0x7AF9}, {0x2EAF, 0x7CF9}, {0x2EB0, 0x7E9F}, {0x2EB1, 0x7F53},
    {0x2EB2, 0x7F52}, {0x2EB3, 0x7F51}, {0x2EB4, 0x7F52}, {0x2EB5, 0x7F52},
    {0x2EB6, 0x7F8A}, {0x2EB7, 0x7F8A}, {0x2EB8, 0x7F8B}, {0x2EB9, 0x8002},
    {0x2EBA, 0x8080}, {0x2EBB, 0x807F}, {0x2EBC, 0x8089}, {0x2EBD, 0x81FC},
    {0x2EBE, 0x8279}, {0x2EBF, 0x8279}, {0x2EC0, 0x8279}, {0x2EC1, 0x864E},
    {0x2EC2, 0x8864}, {0x2EC3, 0x897F}, {0x2EC4, 0x897F}, {0x2EC5, 0x89C1},
    {0x2EC6, 0x89D2}, {0x2EC7, 0x89D2}, {0x2EC8, 0x8BA0}, {0x2EC9, 0x8D1D},
    {0x2ECA, 0x8DB3}, {0x2ECB, 0x8F66}, {0x2ECC, 0x8FB6}, {0x2ECD, 0x8FB6},
    {0x2ECE, 0x8FB6}, {0x2ECF, 0x961D}, {0x2ED0, 0x9485}, {0x2ED1, 0x9577},
    {0x2ED2, 0x9578}, {0x2ED3, 0x957F}, {0x2ED4, 0x95E8}, {0x2ED5, 0x961C},
    {0x2ED6, 0x961D}, {0x2ED7, 0x96E8}, {0x2ED8, 0x9752}, {0x2ED9, 0x97E6},
    {0x2EDA, 0x9875}, {0x2EDB, 0x98CE}, {0x2EDC, 0x98DE}, {0x2EDD, 0x98DF},
    {0x2EDE, 0x98E0}, {0x2EDF, 0x98E0}, {0x2EE0, 0x9963}, {0x2EE1, 0x9996},
    {0x2EE2, 0x9A6C}, {0x2EE3, 0x9AA8}, {0x2EE4, 0x9B3C}, {0x2EE5, 0x9C7C},
    {0x2EE6, 0x9E1F}, {0x2EE7, 0x5364}, {0x2EE8, 0x9EA6}, {0x2EE9, 0x9EC4},
    {0x2EEA, 0x9EFE}, {0x2EEB, 0x6589}, {0x2EEC, 0x9F50}, {0x2EED, 0x6B6F},
    {0x2EEE, 0x9F7F}, {0x2EEF, 0x7ADC}, {0x2EF0, 0x9F99}, {0x2EF1, 0x9F9C},
    {0x2EF2, 0x4E80}, {0x2EF3, 0x9F9F},
};

gboolean jx_text_is_cjk(gunichar c)
{
    return (c >= 0x2E80 && c <= 0x2FDF) ||  /* radicals */
           (c >= 0x3000 && c <= 0x303F) ||  /* CJK punctuation */
           (c >= 0x3040 && c <= 0x30FF) ||  /* kana */
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/* A character next to which a space is never meaningful. */
static gboolean is_tight(gunichar c)
{
    if (jx_text_is_cjk(c))
        return TRUE;
    if (c >= 0x2010 && c <= 0x206F) /* general punctuation: — “ ” … */
        return TRUE;
    if (c >= 0x2190 && c <= 0x22FF) /* arrows, math operators: ≥ ≤ ≠ */
        return TRUE;
    return c == '%' || c == 0x2030 /* ‰ */ || c == '<' || c == '>' ||
           c == '=' || c == '~' || c == '(' || c == ')' || c == ':' ||
           c == ',' || c == ';' || c == '.' || c == '/' || c == 0xD7 ||
           c == 0xF7 || c == 0xB1 || c == 0xB7;
}

/* Zero-width and format characters: they separate nothing. */
static gboolean is_invisible(gunichar c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
           c == 0xFEFF || c == 0x00AD;
}

static char *strip_latex(const char *s)
{
    if (!strchr(s, '\\') && !strchr(s, '$'))
        return g_strdup(s);
    /* The text holds math: drop its delimiters and groups. */
    GString *o = g_string_sized_new(strlen(s));
    for (const char *p = s; *p;) {
        if (*p == '$' || *p == '{' || *p == '}') {
            p++;
            continue;
        }
        if (*p == '\\') {
            gboolean hit = FALSE;
            for (gsize i = 0; i < G_N_ELEMENTS(LATEX); i++) {
                gsize n = strlen(LATEX[i].tex);
                if (strncmp(p, LATEX[i].tex, n) == 0 &&
                    !g_ascii_isalpha(p[n] ? p[n] : ' ')) {
                    g_string_append(o, LATEX[i].text);
                    p += n;
                    hit = TRUE;
                    break;
                }
            }
            if (hit)
                continue;
        }
        g_string_append_c(o, *p++);
    }
    return g_string_free(o, FALSE);
}

static gunichar map_radical(gunichar c)
{
    if (c < 0x2E80 || c > 0x2EFF)
        return c;
    for (gsize i = 0; i < G_N_ELEMENTS(RADICALS); i++)
        if (RADICALS[i].from == c)
            return RADICALS[i].to;
    return c;
}

/* Is the digit run starting at p exactly three digits long (a thousands
 * group: "1 959 300")? */
static gboolean three_digit_group(const gunichar *p, const gunichar *end)
{
    int n = 0;
    while (p + n < end && g_unichar_isdigit(p[n]))
        n++;
    return n == 3;
}

/* Characters NFKC leaves as they are; text made only of these skips the
 * (costly) normalization and comes out the same. */
static gboolean nfkc_stable(const char *s)
{
    for (const char *p = s; *p;) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        gunichar c = g_utf8_get_char(p);
        if (!((c >= 0x4E00 && c <= 0x9FFF) || c == 0x3001 || c == 0x3002 ||
              c == 0x3007 || (c >= 0x3008 && c <= 0x3011) || c == 0x2014 ||
              (c >= 0x2018 && c <= 0x201D) || c == 0x2030 || c == 0x2264 ||
              c == 0x2265 || c == 0xD7 || c == 0xF7 || c == 0xB7 ||
              (c >= PROTECT_BASE && c <= PROTECT_BASE + 0xFF)))
            return FALSE;
        p = g_utf8_next_char(p);
    }
    return TRUE;
}

/* The printed marks (common/printed.h) stand in for themselves through
 * NFKC as these private-use characters, which NFKC leaves alone. */

static char *protect_printed(char *s)
{
    const char *p = strstr(s, "\xEF\xBC"); /* every mark is EF BC 81..9F */
    if (!p)
        return s;
    GString *o = g_string_sized_new(strlen(s) + 16);
    const char *from = s;
    for (; p; p = strstr(p, "\xEF\xBC")) {
        gunichar c = p[2] ? 0xFF00 + ((guchar)p[2] & 0x3F) : 0;
        if (!((guchar)p[2] >= 0x80 && (guchar)p[2] <= 0xBF) || !jx_printed_ascii(c)) {
            p += 2;
            continue;
        }
        g_string_append_len(o, from, p - from);
        g_string_append_unichar(o, PROTECT_BASE + (c - 0xFF00));
        from = p += 3;
    }
    g_string_append(o, from);
    g_free(s);
    return g_string_free(o, FALSE);
}

static gunichar unprotect(gunichar c)
{
    return c >= PROTECT_BASE && c <= PROTECT_BASE + 0xFF && jx_printed_ascii(c - PROTECT_BASE + 0xFF00)
               ? c - PROTECT_BASE + 0xFF00
               : c;
}

char *jx_text_clean(const char *s)
{
    if (!s)
        return g_strdup("");
    char *valid = g_utf8_make_valid(s, -1);
    char *tex = protect_printed(strip_latex(valid));
    g_free(valid);
    char *nfkc = nfkc_stable(tex) ? g_strdup(tex) : g_utf8_normalize(tex, -1, G_NORMALIZE_NFKC);
    g_free(tex);
    if (!nfkc)
        return g_strdup("");

    glong n = 0;
    gunichar *u = g_utf8_to_ucs4_fast(nfkc, -1, &n);
    g_free(nfkc);
    for (glong i = 0; i < n; i++)
        u[i] = unprotect(u[i]);
    GString *o = g_string_sized_new((gsize)n * 3);
    gunichar prev = 0;       /* last character written */
    int digits_before = 0;   /* length of the digit run just written */
    for (glong i = 0; i < n;) {
        gunichar c = map_radical(u[i]);
        if (is_invisible(c)) {
            i++;
            continue;
        }
        if (g_unichar_isspace(c)) {
            glong j = i;
            while (j < n && (g_unichar_isspace(u[j]) || is_invisible(u[j])))
                j++;
            if (prev && j < n) {
                gunichar next = map_radical(u[j]);
                gboolean keep = !is_tight(prev) && !is_tight(next);
                if (keep && g_unichar_isdigit(prev) && g_unichar_isdigit(next) &&
                    digits_before >= 1 && digits_before <= 3 &&
                    three_digit_group(u + j, u + n)) {
                    keep = FALSE; /* thousands separator: 1 959 300 */
                    digits_before = 0;
                }
                if (keep)
                    g_string_append_c(o, ' ');
            }
            i = j;
            continue;
        }
        if (g_unichar_iscntrl(c)) {
            i++;
            continue;
        }
        g_string_append_unichar(o, c);
        digits_before = g_unichar_isdigit(c) ? digits_before + 1 : 0;
        prev = c;
        i++;
    }
    g_free(u);
    return g_string_free(o, FALSE);
}

char *jx_text_fold(const char *s)
{
    char *c = jx_text_clean(s);
    char *f = jx_printed_fold(c, NULL);
    if (!f)
        return c;
    g_free(c);
    return f;
}

char *jx_text_compact(const char *s)
{
    char *c = jx_text_fold(s);
    char *w = c;
    for (char *r = c; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    return c;
}

/* Marks no table cell of these forms holds, and OCR makes of dirt. */
static gboolean ocr_stray(gunichar c)
{
    return c && c < 0x80 && strchr("|#*_~^`{}[]\\", (int)c);
}

static gboolean ideograph(gunichar c)
{
    return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

static gboolean opening_quote(gunichar c)
{
    return c == 0x201C || c == 0x2018;
}

static gboolean closing_quote(gunichar c)
{
    return c == 0x201D || c == 0x2019 || c == '"' || c == '\'';
}

/* Punctuation that cannot open a cell's text; a quote can, when one closes
 * it later (“三公经费”变动率). */
static gboolean stray_start(const gunichar *u, glong i, glong n)
{
    gunichar c = u[i];
    if (c && c < 0x80 && strchr(".,:;", (int)c))
        return TRUE;
    if (!opening_quote(c) && !closing_quote(c))
        return FALSE;
    for (glong j = i + 1; j < n; j++)
        if (closing_quote(u[j]))
            return FALSE;
    return TRUE;
}

/* Punctuation that cannot end a cell's text (。 and — can): an opening
 * quote, a closing one that nothing opened, and what specks and line ends
 * become. */
static gboolean stray_end(const GArray *t)
{
    gunichar c = g_array_index(t, gunichar, t->len - 1);
    if (opening_quote(c) || (c && c < 0x80 && strchr(":;,", (int)c)) || (c == '-' && t->len > 1))
        return TRUE;
    if (c == '.') /* a point after a number may be a cut decimal: it stays */
        return t->len < 2 || !g_unichar_isdigit(g_array_index(t, gunichar, t->len - 2));
    if (!closing_quote(c))
        return FALSE;
    for (guint j = 0; j + 1 < t->len; j++)
        if (opening_quote(g_array_index(t, gunichar, j)) ||
            closing_quote(g_array_index(t, gunichar, j)))
            return FALSE;
    return TRUE;
}

static gboolean separator(gunichar c)
{
    return c == ';' || c == ':' || c == ',';
}

static gboolean punctuation(gunichar c)
{
    return separator(c) || c == 0x3001 || c == 0x3002; /* 、 。 */
}

/* The first character other than a space from u[i] on, or 0. */
static gunichar next_mark(const gunichar *u, glong i, glong n)
{
    while (i < n && u[i] == ' ')
        i++;
    return i < n ? u[i] : 0;
}

/* Ideographs side by side around u[i] (u[i] not counted). */
static glong ideographs_around(const gunichar *u, glong i, glong n)
{
    glong k = 0;
    for (glong j = i - 1; j >= 0 && ideograph(u[j]); j--)
        k++;
    for (glong j = i + 1; j < n && ideograph(u[j]); j++)
        k++;
    return k;
}

/* Does OCR's u[i] go? prev is the last mark kept (not a space), open
 * whether a quote is open, kept how many characters are kept so far. */
static gboolean ocr_drops(const gunichar *u, glong i, glong n, gunichar prev, gboolean open,
                          guint kept)
{
    gunichar c = u[i], next = next_mark(u, i + 1, n);
    if (ocr_stray(c) || (kept == 0 && (c == ' ' || stray_start(u, i, n))))
        return TRUE;
    /* a point after an ideograph: Chinese text ends sentences with 。 */
    if (c == '.' && ideograph(prev) && (!next || ideograph(next) || g_unichar_isdigit(next)))
        return TRUE;
    /* a point beside punctuation, an unopened closing quote after it
     * (资料;.2、 资料;”.2、 公章).: 信息.。), and the first of two marks */
    if (c == '.' && (punctuation(prev) || punctuation(next)))
        return TRUE;
    if ((c == 0x201D || c == 0x2019) && !open && punctuation(prev))
        return TRUE;
    if ((separator(c) && separator(next)) || (c == 0x3002 && prev == 0x3002))
        return TRUE;
    /* a colon inside a word of a few ideographs (分:值, 经济效:益) */
    return c == ':' && i > 0 && ideograph(u[i - 1]) && i + 1 < n && ideograph(u[i + 1]) &&
           ideographs_around(u, i, n) <= 4;
}

/* The Han letter nearest before (dir -1) or after (dir 1) u[i], skipping
 * spaces: TRUE if there is one. */
static gboolean han_beside(const gunichar *u, glong n, glong i, int dir)
{
    for (glong j = i + dir; j >= 0 && j < n; j += dir)
        if (u[j] != ' ')
            return ideograph(u[j]);
    return FALSE;
}

/* OCR's text (folded, cleaned) with the punctuation Chinese text prints
 * full width put back. OCR's own reading decides a mark where it read that
 * mark one way only (raw holds （ and no ( : every ( is （); where it read
 * it both ways or not at all, the context does: , ; : ! ? beside a Han
 * letter, and brackets around text that holds one ("(万元)" -> "（万元）";
 * "(1)" stays). */
static gboolean read_as(const char *raw, char ascii, gboolean full)
{
    char mark[8] = {0};
    g_unichar_to_utf8(jx_printed_mark(ascii), mark);
    gboolean has_full = strstr(raw, mark) != NULL, has_ascii = strchr(raw, ascii) != NULL;
    return full ? has_full && !has_ascii : has_ascii && !has_full;
}

static gboolean mark_full(const char *raw, char ascii, gboolean by_context)
{
    if (read_as(raw, ascii, TRUE))
        return TRUE;
    if (read_as(raw, ascii, FALSE))
        return FALSE;
    return by_context;
}

static char *reprint(char *text, const char *raw)
{
    glong n = 0;
    gunichar *u = g_utf8_to_ucs4_fast(text, -1, &n);
    for (glong i = 0; i < n; i++) {
        gunichar mark = u[i] < 0x80 ? jx_printed_mark((char)u[i]) : 0;
        if (!mark)
            continue;
        if (u[i] == '(') {
            glong j = i + 1;
            gboolean han = FALSE;
            for (; j < n && u[j] != ')' && u[j] != '('; j++)
                han = han || ideograph(u[j]);
            if (j < n && u[j] == ')' && mark_full(raw, '(', han)) {
                u[i] = mark;
                u[j] = jx_printed_mark(')');
            }
        } else if (u[i] != ')' &&
                   mark_full(raw, (char)u[i], han_beside(u, n, i, -1) || han_beside(u, n, i, 1))) {
            u[i] = mark;
        }
    }
    char *out = g_ucs4_to_utf8(u, n, NULL, NULL, NULL);
    g_free(u);
    if (!out)
        return text;
    g_free(text);
    return out;
}

char *jx_text_clean_ocr(const char *s)
{
    char *clean = jx_text_fold(s);
    glong n = 0;
    gunichar *u = g_utf8_to_ucs4_fast(clean, -1, &n);
    g_free(clean);
    GArray *t = g_array_sized_new(FALSE, FALSE, sizeof(gunichar), (guint)n);
    gunichar prev = 0;   /* the last character kept */
    gunichar mark = 0;   /* the last one kept that is not a space */
    gboolean open = FALSE; /* a quote opened and not yet closed */
    for (glong i = 0; i < n; i++) {
        gunichar c = u[i];
        if (ocr_drops(u, i, n, mark, open, t->len))
            continue;
        /* Chinese text quotes with “ ”: OCR's straight quotes take turns */
        if ((c == '"' || c == '\'') && (ideograph(prev) || (i + 1 < n && ideograph(u[i + 1]))))
            c = open ? 0x201D : 0x201C;
        if (opening_quote(c) || closing_quote(c))
            open = opening_quote(c);
        g_array_append_val(t, c);
        prev = c;
        mark = c == ' ' ? mark : c;
    }
    g_free(u);
    while (t->len > 0 && (g_array_index(t, gunichar, t->len - 1) == ' ' || stray_end(t)))
        g_array_set_size(t, t->len - 1);
    char *utf8 = g_ucs4_to_utf8((const gunichar *)t->data, t->len, NULL, NULL, NULL);
    g_array_free(t, TRUE);
    char *text = jx_text_clean(utf8 ? utf8 : ""); /* the spaces around what went */
    g_free(utf8);
    return reprint(text, s);
}
