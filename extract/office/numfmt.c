#include "extract/office/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---------- built-in formats ---------- */

/* ECMA-376 Part 1, 18.8.30 (numFmt), with the zh-CN forms of the
 * locale-dependent ids (14 and 22 short dates, 5-8 currency, 27-36), as
 * Excel shows them in the workbooks these forms come in. */
static const char *const BUILTIN[50] = {
    [0] = "General",
    [1] = "0",
    [2] = "0.00",
    [3] = "#,##0",
    [4] = "#,##0.00",
    [5] = "\"¥\"#,##0;\"¥\"\\-#,##0",
    [6] = "\"¥\"#,##0;[Red]\"¥\"\\-#,##0",
    [7] = "\"¥\"#,##0.00;\"¥\"\\-#,##0.00",
    [8] = "\"¥\"#,##0.00;[Red]\"¥\"\\-#,##0.00",
    [9] = "0%",
    [10] = "0.00%",
    [11] = "0.00E+00",
    [12] = "# ?/?",
    [13] = "# ?\?/?\?",
    [14] = "yyyy/m/d",
    [15] = "d-mmm-yy",
    [16] = "d-mmm",
    [17] = "mmm-yy",
    [18] = "h:mm AM/PM",
    [19] = "h:mm:ss AM/PM",
    [20] = "h:mm",
    [21] = "h:mm:ss",
    [22] = "yyyy/m/d h:mm",
    [27] = "yyyy\"年\"m\"月\"",
    [28] = "m\"月\"d\"日\"",
    [29] = "m\"月\"d\"日\"",
    [30] = "m-d-yy",
    [31] = "yyyy\"年\"m\"月\"d\"日\"",
    [32] = "h\"时\"mm\"分\"",
    [33] = "h\"时\"mm\"分\"ss\"秒\"",
    [34] = "上午/下午h\"时\"mm\"分\"",
    [35] = "上午/下午h\"时\"mm\"分\"ss\"秒\"",
    [36] = "yyyy\"年\"m\"月\"",
    [37] = "#,##0_);(#,##0)",
    [38] = "#,##0_);[Red](#,##0)",
    [39] = "#,##0.00_);(#,##0.00)",
    [40] = "#,##0.00_);[Red](#,##0.00)",
    [41] = "_(* #,##0_);_(* \\(#,##0\\);_(* \"-\"_);_(@_)",
    [42] = "_(\"$\"* #,##0_);_(\"$\"* \\(#,##0\\);_(\"$\"* \"-\"_);_(@_)",
    [43] = "_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)",
    [44] = "_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)",
    [45] = "mm:ss",
    [46] = "[h]:mm:ss",
    [47] = "mm:ss.0",
    [48] = "##0.0E+0",
    [49] = "@",
};

const char *jx_numfmt_builtin(int id)
{
    return id >= 0 && id < (int)G_N_ELEMENTS(BUILTIN) ? BUILTIN[id] : NULL;
}

/* ---------- decimal digits of a double, as Excel keeps them ---------- */

/* |v| = 0.d[0]d[1]...d[n-1] x 10^e, at most 15 significant digits (what
 * Excel stores and rounds from); n == 0 for zero. */
typedef struct {
    char d[40];
    int n, e;
} Dec;

static void dec_of(double v, Dec *x)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.14e", fabs(v));
    x->n = 0;
    x->e = 0;
    for (const char *p = buf; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            x->d[x->n++] = *p;
    const char *ep = strchr(buf, 'e');
    x->e = (ep ? atoi(ep + 1) : 0) + 1;
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0)
        x->e = 0;
}

/* Rounds x half away from zero to keep significant digits (keep >= 0). */
static void dec_round_sig(Dec *x, int keep)
{
    if (keep >= x->n)
        return;
    if (keep < 0) {
        x->n = 0;
        x->e = 0;
        return;
    }
    gboolean up = x->d[keep] >= '5';
    x->n = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && x->d[i] == '9')
            i--;
        if (i < 0) { /* 999 -> 1000 */
            x->d[0] = '1';
            x->n = 1;
            x->e++;
        } else {
            x->d[i]++;
            x->n = i + 1;
        }
    }
    while (x->n > 0 && x->d[x->n - 1] == '0')
        x->n--;
    if (x->n == 0)
        x->e = 0;
}

/* Rounds x to dec decimal places. */
static void dec_round(Dec *x, int dec)
{
    if (x->n == 0)
        return;
    int keep = x->e + dec;
    if (keep < 0) {
        x->n = 0;
        x->e = 0;
    } else if (keep == 0) {
        if (x->d[0] >= '5') { /* 0.006 in 0.00 -> 0.01 */
            x->d[0] = '1';
            x->n = 1;
            x->e = 1 - dec;
        } else {
            x->n = 0;
            x->e = 0;
        }
    } else {
        dec_round_sig(x, keep);
    }
}

/* The integer digits of x (no leading zeros; "" for under 1). */
static void dec_int(const Dec *x, GString *out)
{
    for (int i = 0; i < x->e; i++)
        g_string_append_c(out, i < x->n ? x->d[i] : '0');
}

/* The first dec fraction digits of x, zero-padded. */
static void dec_frac(const Dec *x, int dec, GString *out)
{
    for (int i = 0; i < dec; i++) {
        int k = x->e + i; /* index into d */
        g_string_append_c(out, k >= 0 && k < x->n ? x->d[k] : '0');
    }
}

/* ---------- General ---------- */

static void general_into(double v, GString *out)
{
    if (!isfinite(v)) {
        g_string_append(out, "#NUM!");
        return;
    }
    Dec x;
    dec_of(v, &x);
    int exp10 = x.e - 1; /* |v| = d.ddd x 10^exp10 */
    if (x.n && (exp10 >= 11 || exp10 < -9)) {
        /* scientific, as Excel: 1.23457E+11 */
        dec_round_sig(&x, 6);
        exp10 = x.e - 1;
        if (v < 0)
            g_string_append_c(out, '-');
        g_string_append_c(out, x.d[0]);
        if (x.n > 1) {
            g_string_append_c(out, '.');
            g_string_append_len(out, x.d + 1, x.n - 1);
        }
        g_string_append_printf(out, "E%c%02d", exp10 < 0 ? '-' : '+', ABS(exp10));
        return;
    }
    /* what fits in 11 characters: 11 integer digits, or 10 digits and the
     * point, or "0." and the leading zeros and the rest */
    int sig = x.e <= 0 ? 9 + x.e : (x.n > x.e ? 10 : 11);
    dec_round_sig(&x, MAX(sig, 1));
    if (x.n == 0) {
        g_string_append_c(out, '0');
        return;
    }
    if (v < 0)
        g_string_append_c(out, '-');
    gsize at = out->len;
    dec_int(&x, out);
    if (out->len == at)
        g_string_append_c(out, '0');
    if (x.n > x.e) {
        g_string_append_c(out, '.');
        dec_frac(&x, x.n - x.e, out);
    }
}

/* ---------- format codes ---------- */

typedef enum {
    T_LIT,     /* text shown as is */
    T_DIGIT,   /* 0 # ? */
    T_DOT,
    T_COMMA,
    T_PERCENT,
    T_EXP,     /* E+ E- (ch is the sign) */
    T_AT,      /* @ */
    T_GENERAL,
    T_DATE,    /* y m d h s ... (text is the lowercased code) */
    T_AMPM,    /* AM/PM, A/P, 上午/下午 (text is the code) */
} TokKind;

typedef struct {
    TokKind kind;
    char ch;   /* T_DIGIT: the placeholder; T_EXP: the sign */
    char *text; /* T_LIT, T_DATE, T_AMPM */
    gboolean minute; /* T_DATE m/mm that means minutes */
} Tok;

static void tok_clear(gpointer p)
{
    g_free(((Tok *)p)->text);
}

static void add_tok(GArray *toks, TokKind k, char ch, const char *text, gsize len)
{
    Tok t = {k, ch, text ? g_strndup(text, len) : NULL, FALSE};
    g_array_append_val(toks, t);
}

static gsize utf8_len(const char *p)
{
    const char *n = g_utf8_find_next_char(p, NULL);
    return n ? (gsize)(n - p) : strlen(p);
}

/* Splits the section s[0..len) into tokens. */
static GArray *tokenize(const char *s, gsize len)
{
    GArray *toks = g_array_new(FALSE, FALSE, sizeof(Tok));
    g_array_set_clear_func(toks, tok_clear);
    gsize i = 0;
    while (i < len) {
        char c = s[i];
        char lc = g_ascii_tolower(c);
        if (c == '"') {
            gsize j = i + 1;
            while (j < len && s[j] != '"')
                j++;
            add_tok(toks, T_LIT, 0, s + i + 1, j - i - 1);
            i = j < len ? j + 1 : j;
        } else if (c == '\\' || c == '_' || c == '*') {
            gsize n = i + 1 < len ? MIN(utf8_len(s + i + 1), len - i - 1) : 0;
            if (c == '\\')
                add_tok(toks, T_LIT, 0, s + i + 1, n);
            i += 1 + n; /* _X and *X pad: ignored */
        } else if (c == '[') {
            gsize j = i + 1;
            while (j < len && s[j] != ']')
                j++;
            char *in = g_ascii_strdown(s + i + 1, j - i - 1);
            gboolean elapsed = in[0] && strspn(in, "h") == strlen(in);
            elapsed = elapsed || (in[0] && strspn(in, "m") == strlen(in)) ||
                      (in[0] && strspn(in, "s") == strlen(in));
            if (elapsed) {
                char *code = g_strdup_printf("[%s]", in);
                add_tok(toks, T_DATE, 0, code, strlen(code));
                g_free(code);
            } else if (in[0] == '$') {
                /* [$¥-804]: the currency text before '-'; [$-804] shows nothing */
                const char *body = s + i + 2;
                gsize blen = j - i - 2;
                const char *dash = memchr(body, '-', blen);
                if (dash)
                    blen = (gsize)(dash - body);
                if (blen)
                    add_tok(toks, T_LIT, 0, body, blen);
            } /* colours, conditions, [DBNum1]: ignored */
            g_free(in);
            i = j < len ? j + 1 : j;
        } else if (len - i >= 7 && g_ascii_strncasecmp(s + i, "General", 7) == 0) {
            add_tok(toks, T_GENERAL, 0, NULL, 0);
            i += 7;
        } else if (c == '0' || c == '#' || c == '?') {
            add_tok(toks, T_DIGIT, c, NULL, 0);
            i++;
        } else if (c == '.') {
            add_tok(toks, T_DOT, c, NULL, 0);
            i++;
        } else if (c == ',') {
            add_tok(toks, T_COMMA, c, NULL, 0);
            i++;
        } else if (c == '%') {
            add_tok(toks, T_PERCENT, c, NULL, 0);
            i++;
        } else if (lc == 'e' && i + 1 < len && (s[i + 1] == '+' || s[i + 1] == '-')) {
            add_tok(toks, T_EXP, s[i + 1], NULL, 0);
            i += 2;
        } else if (c == '@') {
            add_tok(toks, T_AT, c, NULL, 0);
            i++;
        } else if (len - i >= 5 && g_ascii_strncasecmp(s + i, "AM/PM", 5) == 0) {
            add_tok(toks, T_AMPM, 0, "AM/PM", 5);
            i += 5;
        } else if (len - i >= 3 && g_ascii_strncasecmp(s + i, "A/P", 3) == 0) {
            add_tok(toks, T_AMPM, 0, s + i, 3); /* keeps the case: a/p or A/P */
            i += 3;
        } else if (len - i >= strlen("上午/下午") &&
                   strncmp(s + i, "上午/下午", strlen("上午/下午")) == 0) {
            add_tok(toks, T_AMPM, 0, "上午/下午", strlen("上午/下午"));
            i += strlen("上午/下午");
        } else if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's' ||
                   lc == 'e' || lc == 'a') {
            gsize j = i;
            while (j < len && g_ascii_tolower(s[j]) == lc)
                j++;
            if (lc == 'a' && j - i < 3) { /* only aaa / aaaa (weekday) are codes */
                add_tok(toks, T_LIT, 0, s + i, j - i);
            } else {
                char *code = g_ascii_strdown(s + i, j - i);
                add_tok(toks, T_DATE, 0, code, j - i);
                g_free(code);
            }
            i = j;
        } else {
            gsize n = MIN(utf8_len(s + i), len - i);
            add_tok(toks, T_LIT, 0, s + i, n);
            i += n;
        }
    }
    return toks;
}

/* The sections of code split at ';' outside quotes, escapes and brackets:
 * (start, length) pairs. */
static GArray *sections(const char *code)
{
    GArray *sec = g_array_new(FALSE, FALSE, sizeof(gsize));
    gsize start = 0, i = 0, len = strlen(code);
    while (i < len) {
        char c = code[i];
        if (c == '"') {
            i++;
            while (i < len && code[i] != '"')
                i++;
            i++;
        } else if (c == '\\' || c == '_' || c == '*') {
            i += i + 1 < len ? 1 + utf8_len(code + i + 1) : 1;
        } else if (c == '[') {
            while (i < len && code[i] != ']')
                i++;
            i++;
        } else if (c == ';') {
            gsize l = i - start;
            g_array_append_val(sec, start);
            g_array_append_val(sec, l);
            start = ++i;
        } else {
            i++;
        }
    }
    i = MIN(i, len);
    gsize l = i - start;
    g_array_append_val(sec, start);
    g_array_append_val(sec, l);
    return sec;
}

static gboolean has_kind(const GArray *toks, TokKind k)
{
    for (guint i = 0; i < toks->len; i++)
        if (g_array_index(toks, Tok, i).kind == k)
            return TRUE;
    return FALSE;
}

/* ---------- numbers ---------- */

/* Renders the number part tokens [from, to) of v (>= 0 here) into out. */
static void render_number(double v, const GArray *toks, guint from, guint to, GString *out)
{
    /* layout: integer placeholders, the dot, fraction placeholders, E */
    guint dot = to, exp = to;
    int nint = 0, nfrac = 0, nexp = 0, percent = 0, scale = 0;
    gboolean thousands = FALSE, int_hash = FALSE;
    for (guint i = from; i < to; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        if (t->kind == T_EXP && exp == to)
            exp = i;
        else if (t->kind == T_DOT && dot == to && exp == to)
            dot = i;
        else if (t->kind == T_PERCENT)
            percent++;
        else if (t->kind == T_DIGIT) {
            if (exp < i)
                nexp++;
            else if (dot < i)
                nfrac++;
            else {
                nint++;
                int_hash |= t->ch == '#';
            }
        }
    }
    /* commas: between integer placeholders = thousands; after the last
     * placeholder of the mantissa = divide by 1000 */
    int last_digit = -1;
    for (guint i = from; i < MIN(exp, to); i++)
        if (g_array_index(toks, Tok, i).kind == T_DIGIT)
            last_digit = (int)i;
    for (guint i = from; i < MIN(exp, to); i++) {
        if (g_array_index(toks, Tok, i).kind != T_COMMA)
            continue;
        gboolean digit_before = FALSE, digit_after = FALSE;
        for (guint k = from; k < i; k++)
            digit_before |= g_array_index(toks, Tok, k).kind == T_DIGIT;
        for (guint k = i + 1; k < MIN(dot, exp); k++)
            digit_after |= g_array_index(toks, Tok, k).kind == T_DIGIT;
        if (digit_before && digit_after && i < dot)
            thousands = TRUE;
        else if (digit_before && (int)i > last_digit)
            scale++;
    }

    Dec x;
    dec_of(v, &x);
    if (x.n)
        x.e += 2 * percent - 3 * scale;
    int exp10 = 0;
    if (exp < to) {
        int k = MAX(nint, 1);
        if (x.n) {
            for (int tries = 0; tries < 3; tries++) {
                Dec m = x;
                int e = x.e - 1; /* |v| = d.ddd x 10^e */
                if (int_hash && k > 1)
                    exp10 = (int)floor((double)e / k) * k;
                else
                    exp10 = e - (k - 1);
                m.e -= exp10;
                dec_round(&m, nfrac);
                if (m.n && m.e > k) { /* 9.99 -> 10.0: one more power */
                    x = m;
                    x.e += exp10;
                    continue;
                }
                x = m;
                break;
            }
        }
    } else {
        dec_round(&x, nfrac);
    }
    if (ABS(x.e) > 400) { /* a code that scales past any real number */
        general_into(v, out);
        return;
    }

    GString *ip = g_string_new(NULL);
    dec_int(&x, ip);
    /* pad to the integer placeholders that always show */
    GString *ipad = g_string_new(NULL);
    int seen = 0;
    for (guint i = from; i < MIN(dot, exp); i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        if (t->kind != T_DIGIT)
            continue;
        int pos_from_right = nint - seen; /* 1-based */
        seen++;
        if (pos_from_right > (int)ip->len && t->ch != '#')
            g_string_append_c(ipad, t->ch == '0' ? '0' : ' ');
    }
    g_string_append(ipad, ip->str);
    if (thousands) {
        GString *g = g_string_new(NULL);
        gsize n = ipad->len;
        for (gsize i = 0; i < n; i++) {
            g_string_append_c(g, ipad->str[i]);
            gsize rest = n - i - 1;
            if (rest && rest % 3 == 0 && ipad->str[i] != ' ')
                g_string_append_c(g, ',');
        }
        g_string_assign(ipad, g->str);
        g_string_free(g, TRUE);
    }

    GString *fp = g_string_new(NULL);
    dec_frac(&x, nfrac, fp);
    /* optional fraction placeholders: trailing zeros of # go, of ? are spaces */
    {
        int fi = nfrac - 1;
        for (guint i = MIN(exp, to); i > dot + 1 && fi >= 0; i--) {
            const Tok *t = &g_array_index(toks, Tok, i - 1);
            if (t->kind != T_DIGIT)
                continue;
            if (fp->str[fi] != '0' || t->ch == '0')
                break;
            fp->str[fi] = t->ch == '#' ? 'x' : ' ';
            fi--;
        }
    }

    /* emit */
    gboolean int_done = FALSE;
    int fi = 0;
    char expdigits[16];
    snprintf(expdigits, sizeof expdigits, "%d", ABS(exp10));
    int explen = (int)strlen(expdigits);
    for (guint i = from; i < to; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        if (i < dot && i < exp) {
            if (t->kind == T_DIGIT || (t->kind == T_COMMA)) {
                if (!int_done) {
                    g_string_append(out, ipad->str);
                    int_done = TRUE;
                }
                continue;
            }
        } else if (i == dot) {
            if (!int_done) {
                g_string_append(out, ipad->str);
                int_done = TRUE;
            }
            g_string_append_c(out, '.');
            continue;
        } else if (i < exp) {
            if (t->kind == T_DIGIT) {
                char c = fp->str[fi++];
                if (c != 'x')
                    g_string_append_c(out, c);
                continue;
            }
            if (t->kind == T_COMMA)
                continue;
        } else if (i == exp) {
            if (!int_done) {
                g_string_append(out, ipad->str);
                int_done = TRUE;
            }
            g_string_append_c(out, 'E');
            if (exp10 < 0)
                g_string_append_c(out, '-');
            else if (t->ch == '+')
                g_string_append_c(out, '+');
            for (int k = 0; k < nexp - explen; k++)
                g_string_append_c(out, '0');
            g_string_append(out, expdigits);
            continue;
        } else if (t->kind == T_DIGIT) {
            continue; /* the exponent's digits went out with E */
        }
        if (t->kind == T_PERCENT)
            g_string_append_c(out, '%');
        else if (t->kind == T_LIT)
            g_string_append(out, t->text);
    }
    if (!int_done && nint > 0)
        g_string_append(out, ipad->str);
    g_string_free(ip, TRUE);
    g_string_free(ipad, TRUE);
    g_string_free(fp, TRUE);
}

/* ---------- fractions (# ?/?) ---------- */

/* The index of a "/" literal with placeholders before and after it, or -1. */
static int fraction_slash(const GArray *toks)
{
    for (guint i = 1; i + 1 < toks->len; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        if (t->kind == T_LIT && strcmp(t->text, "/") == 0 &&
            g_array_index(toks, Tok, i - 1).kind == T_DIGIT &&
            (g_array_index(toks, Tok, i + 1).kind == T_DIGIT ||
             g_ascii_isdigit(g_array_index(toks, Tok, i + 1).text ? g_array_index(toks, Tok, i + 1).text[0] : 'x')))
            return (int)i;
    }
    return -1;
}

/* v (>= 0) as "whole num/den": the denominator has at most as many digits
 * as its placeholders, or is the fixed number written after the slash. */
static void render_fraction(double v, const GArray *toks, int slash, GString *out)
{
    guint s = (guint)slash, ndig = 0, fixed = 0;
    for (guint i = s + 1; i < toks->len; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        if (t->kind == T_DIGIT)
            ndig++;
        else if (t->kind == T_LIT && g_ascii_isdigit(t->text[0]) && !ndig)
            fixed = fixed * 10 + (guint)(t->text[0] - '0');
        else
            break;
    }
    /* a whole part when placeholders stand before the numerator's group */
    guint num_start = s;
    while (num_start > 0 && g_array_index(toks, Tok, num_start - 1).kind == T_DIGIT)
        num_start--;
    gboolean whole_part = FALSE;
    for (guint i = 0; i < num_start; i++)
        whole_part |= g_array_index(toks, Tok, i).kind == T_DIGIT;
    double whole = whole_part ? floor(v) : 0, f = v - whole;
    long best_n = 0, best_d = 1;
    if (fixed) {
        best_d = (long)fixed;
        best_n = (long)floor(f * best_d + 0.5);
    } else {
        long maxd = 1;
        for (guint k = 0; k < MIN(ndig, 6u); k++)
            maxd *= 10;
        maxd = MAX(maxd - 1, 1);
        double err = 2;
        for (long d = 1; d <= maxd; d++) {
            long n = (long)floor(f * d + 0.5);
            double e = fabs(f - (double)n / d);
            if (e < err - 1e-12) {
                err = e, best_n = n, best_d = d;
            }
        }
    }
    if (whole_part && best_n == best_d) {
        whole += 1;
        best_n = 0;
    }
    for (guint i = 0; i < num_start; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        if (t->kind == T_LIT)
            g_string_append(out, t->text);
        else if (t->kind == T_DIGIT && (i + 1 == num_start ||
                                        g_array_index(toks, Tok, i + 1).kind != T_DIGIT))
            if (whole || best_n == 0)
                g_string_append_printf(out, "%.0f", whole);
    }
    if (best_n == 0 && whole_part) {
        while (out->len && out->str[out->len - 1] == ' ')
            g_string_truncate(out, out->len - 1);
        return;
    }
    if (whole_part && whole == 0)
        while (out->len && out->str[out->len - 1] == ' ')
            g_string_truncate(out, out->len - 1);
    g_string_append_printf(out, "%ld/%ld", best_n, best_d);
}

/* ---------- dates and times ---------- */

typedef struct {
    int year, month, day, wday; /* wday 0 = Sunday */
    int hour, min, sec;
    double frac;                /* of the second, rounded to the shown decimals */
    double days;                /* whole serial, for [h] [m] [s] */
} When;

static const char *const MONTH[] = {"January", "February", "March", "April", "May",
                                    "June", "July", "August", "September", "October",
                                    "November", "December"};
static const char *const WDAY[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                   "Thursday", "Friday", "Saturday"};
static const char *const WDAY_ZH[] = {"日", "一", "二", "三", "四", "五", "六"};

/* Splits serial v (>= 0) into a date and time; FALSE past 9999-12-31. */
static gboolean when_of(double v, gboolean date1904, int sec_decimals, When *w)
{
    double scale = 86400.0 * pow(10, sec_decimals);
    double ticks = floor(v * scale + 0.5); /* rounded to the shown precision */
    double days = floor(ticks / scale);
    double in_day = ticks - days * scale; /* ticks in the day */
    if (days > 2958465 || days < 0)
        return FALSE;
    double secs = floor(in_day / pow(10, sec_decimals));
    w->frac = (in_day - secs * pow(10, sec_decimals)) / pow(10, sec_decimals);
    w->hour = (int)(secs / 3600);
    w->min = (int)(fmod(secs, 3600) / 60);
    w->sec = (int)fmod(secs, 60);
    w->days = days + secs / 86400.0;
    int d = (int)days;
    if (!date1904 && d == 0) { /* Excel's 1900-01-00 */
        w->year = 1900, w->month = 1, w->day = 0, w->wday = 6;
        return TRUE;
    }
    if (!date1904 && d == 60) { /* the 1900-02-29 that never was */
        w->year = 1900, w->month = 2, w->day = 29, w->wday = 3;
        return TRUE;
    }
    GDate *g = g_date_new_dmy(date1904 ? 1 : 31, date1904 ? 1 : 12,
                              date1904 ? 1904 : 1899);
    g_date_add_days(g, (guint)(date1904 ? d : (d < 60 ? d : d - 1)));
    w->year = g_date_get_year(g);
    w->month = g_date_get_month(g);
    w->day = g_date_get_day(g);
    w->wday = g_date_get_weekday(g) % 7; /* G_DATE_SUNDAY is 7 */
    g_date_free(g);
    return TRUE;
}

/* Marks the m/mm tokens that mean minutes: after an hour or before a second. */
static void mark_minutes(GArray *toks)
{
    for (guint i = 0; i < toks->len; i++) {
        Tok *t = &g_array_index(toks, Tok, i);
        if (t->kind != T_DATE || t->text[0] != 'm' || strlen(t->text) > 2)
            continue;
        for (guint k = i; k-- > 0;) {
            const Tok *p = &g_array_index(toks, Tok, k);
            if (p->kind == T_DATE) {
                t->minute = p->text[0] == 'h' || g_str_has_prefix(p->text, "[h");
                break;
            }
        }
        for (guint k = i + 1; k < toks->len && !t->minute; k++) {
            const Tok *p = &g_array_index(toks, Tok, k);
            if (p->kind == T_DATE) {
                t->minute = p->text[0] == 's' || g_str_has_prefix(p->text, "[s");
                break;
            }
        }
    }
}

static gboolean render_date(double v, GArray *toks, gboolean date1904, GString *out)
{
    mark_minutes(toks);
    int sec_decimals = 0;
    gboolean ampm = FALSE;
    for (guint i = 0; i < toks->len; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        ampm |= t->kind == T_AMPM;
        if (t->kind == T_DOT && i > 0 && g_array_index(toks, Tok, i - 1).kind == T_DATE &&
            g_array_index(toks, Tok, i - 1).text[0] == 's') {
            int n = 0;
            for (guint k = i + 1; k < toks->len &&
                                  g_array_index(toks, Tok, k).kind == T_DIGIT &&
                                  g_array_index(toks, Tok, k).ch == '0';
                 k++)
                n++;
            sec_decimals = MIN(MAX(sec_decimals, n), 3);
        }
    }
    When w;
    if (v < 0 || !when_of(v, date1904, sec_decimals, &w))
        return FALSE;
    for (guint i = 0; i < toks->len; i++) {
        const Tok *t = &g_array_index(toks, Tok, i);
        switch (t->kind) {
        case T_LIT:
            g_string_append(out, t->text);
            break;
        case T_AMPM:
            if (strcmp(t->text, "上午/下午") == 0)
                g_string_append(out, w.hour < 12 ? "上午" : "下午");
            else if (strcmp(t->text, "AM/PM") == 0)
                g_string_append(out, w.hour < 12 ? "AM" : "PM");
            else
                g_string_append_c(out, w.hour < 12 ? t->text[0] : t->text[2]);
            break;
        case T_DOT:
            if (sec_decimals && i > 0 && g_array_index(toks, Tok, i - 1).kind == T_DATE &&
                g_array_index(toks, Tok, i - 1).text[0] == 's') {
                char buf[16];
                snprintf(buf, sizeof buf, "%.*f", sec_decimals, w.frac);
                g_string_append(out, buf + 1); /* ".5" of "0.5" */
                while (i + 1 < toks->len && g_array_index(toks, Tok, i + 1).kind == T_DIGIT)
                    i++;
            } else {
                g_string_append_c(out, '.');
            }
            break;
        case T_DIGIT:
        case T_COMMA:
        case T_PERCENT:
            g_string_append_c(out, t->ch);
            break;
        case T_DATE: {
            const char *c = t->text;
            gsize n = strlen(c);
            if (c[0] == '[') {
                double total = c[1] == 'h' ? floor(w.days * 24 + 1e-9)
                               : c[1] == 'm' ? floor(w.days * 1440 + 1e-9)
                                             : floor(w.days * 86400 + 1e-9);
                g_string_append_printf(out, "%0*.0f", (int)n - 2, total);
            } else if (c[0] == 'y' || c[0] == 'e') {
                if (n <= 2 && c[0] == 'y')
                    g_string_append_printf(out, "%02d", w.year % 100);
                else
                    g_string_append_printf(out, "%d", w.year);
            } else if (c[0] == 'm' && t->minute) {
                g_string_append_printf(out, n == 1 ? "%d" : "%02d", w.min);
            } else if (c[0] == 'm') {
                if (n == 1)
                    g_string_append_printf(out, "%d", w.month);
                else if (n == 2)
                    g_string_append_printf(out, "%02d", w.month);
                else if (n == 3)
                    g_string_append_len(out, MONTH[w.month - 1], 3);
                else if (n == 5)
                    g_string_append_c(out, MONTH[w.month - 1][0]);
                else
                    g_string_append(out, MONTH[w.month - 1]);
            } else if (c[0] == 'd') {
                if (n == 1)
                    g_string_append_printf(out, "%d", w.day);
                else if (n == 2)
                    g_string_append_printf(out, "%02d", w.day);
                else if (n == 3)
                    g_string_append_len(out, WDAY[w.wday], 3);
                else
                    g_string_append(out, WDAY[w.wday]);
            } else if (c[0] == 'a') {
                if (n >= 4)
                    g_string_append(out, "星期");
                g_string_append(out, WDAY_ZH[w.wday]);
            } else if (c[0] == 'h') {
                int h = ampm ? (w.hour % 12 == 0 ? 12 : w.hour % 12) : w.hour;
                g_string_append_printf(out, n == 1 ? "%d" : "%02d", h);
            } else if (c[0] == 's') {
                g_string_append_printf(out, n == 1 ? "%d" : "%02d", w.sec);
            }
            break;
        }
        default:
            break;
        }
    }
    return TRUE;
}

/* ---------- the entry ---------- */

char *jx_numfmt_render(double v, const char *code, gboolean date1904)
{
    GString *out = g_string_new(NULL);
    if (!isfinite(v) || !code || !*code) {
        general_into(v, out);
        return g_string_free(out, FALSE);
    }
    GArray *sec = sections(code);
    guint nsec = sec->len / 2;
    /* one section: all numbers; two: positive and zero; negative; three or
     * four: positive; negative; zero (; text) */
    guint pick = 0;
    gboolean own_sign = FALSE; /* the section shows the sign itself */
    if (v < 0 && nsec >= 2) {
        pick = 1;
        own_sign = TRUE;
    } else if (v == 0 && nsec >= 3) {
        pick = 2;
    }
    gsize start = g_array_index(sec, gsize, 2 * pick);
    gsize len = g_array_index(sec, gsize, 2 * pick + 1);
    g_array_free(sec, TRUE);
    GArray *toks = tokenize(code + start, len);

    gboolean done = FALSE;
    if (has_kind(toks, T_DATE)) {
        if (v >= 0)
            done = render_date(v, toks, date1904, out);
    } else if (has_kind(toks, T_GENERAL) || (has_kind(toks, T_AT) && !has_kind(toks, T_DIGIT))) {
        for (guint i = 0; i < toks->len; i++) {
            const Tok *t = &g_array_index(toks, Tok, i);
            if (t->kind == T_LIT)
                g_string_append(out, t->text);
            else if (t->kind == T_GENERAL || t->kind == T_AT)
                general_into(own_sign ? fabs(v) : v, out);
        }
        done = TRUE;
    } else {
        gboolean placeholders = has_kind(toks, T_DIGIT);
        if (v < 0 && !own_sign && placeholders)
            g_string_append_c(out, '-');
        int slash = has_kind(toks, T_DOT) ? -1 : fraction_slash(toks);
        if (slash >= 0)
            render_fraction(fabs(v), toks, slash, out);
        else
            render_number(fabs(v), toks, 0, toks->len, out);
        done = TRUE;
    }
    g_array_free(toks, TRUE);
    if (!done) { /* a date code for a serial it cannot show */
        g_string_truncate(out, 0);
        general_into(v, out);
    }
    return g_string_free(out, FALSE);
}
