#include "normalize/value.h"

#include <string.h>

#include "common/printed.h"
#include "normalize/text.h"
#include "normalize/units.h"

/* A decimal number m * 10^e: amounts are scaled (万 -> e+4) without
 * binary rounding, then converted to double once. */
typedef struct {
    gint64 m;
    int e;
} Dec;

static double dec_to_double(Dec d)
{
    char buf[48];
    g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT "e%d", d.m, d.e);
    return g_ascii_strtod(buf, NULL);
}

typedef struct {
    const char *word;
    int op; /* JxOp, or -1 for a hedge (approx) */
} Word;

#define HEDGE (-1)

/* Words before a number; longest first where one is a prefix of another. */
static const Word PREFIX[] = {
    {"大于或等于", JX_OP_GE}, {"小于或等于", JX_OP_LE}, {"大于等于", JX_OP_GE},
    {"小于等于", JX_OP_LE},   {"不少于", JX_OP_GE},     {"不低于", JX_OP_GE},
    {"不小于", JX_OP_GE},     {"不高于", JX_OP_LE},     {"不超过", JX_OP_LE},
    {"不大于", JX_OP_LE},     {"不多于", JX_OP_LE},     {"不超", JX_OP_LE},
    {"至少", JX_OP_GE},       {"最少", JX_OP_GE},       {"至多", JX_OP_LE},
    {"最多", JX_OP_LE},       {"达到", JX_OP_GE},       {"大于", JX_OP_GT},
    {"高于", JX_OP_GT},       {"超过", JX_OP_GT},       {"多于", JX_OP_GT},
    {"小于", JX_OP_LT},       {"低于", JX_OP_LT},       {"少于", JX_OP_LT},
    {"等于", JX_OP_EQ},       {">=", JX_OP_GE},         {"<=", JX_OP_LE},
    {"≥", JX_OP_GE},          {"≧", JX_OP_GE},          {"⩾", JX_OP_GE},
    {"≤", JX_OP_LE},          {"≦", JX_OP_LE},          {"⩽", JX_OP_LE},
    {">", JX_OP_GT},          {"<", JX_OP_LT},          {"=", JX_OP_EQ},
    {"达", JX_OP_GE},         {"超", JX_OP_GT},
    {"将近", HEDGE},          {"接近", HEDGE},          {"大约", HEDGE},
    {"大概", HEDGE},          {"约", HEDGE},            {"近", HEDGE},
    {"≈", HEDGE},             {"~", HEDGE},
};

/* Words after a number and its unit. */
static const Word SUFFIX[] = {
    {"及以上", JX_OP_GE}, {"以上", JX_OP_GE}, {"及以下", JX_OP_LE},
    {"以下", JX_OP_LE},   {"以内", JX_OP_LE}, {"之内", JX_OP_LE},
    {"内", JX_OP_LE},     {"左右", HEDGE},    {"上下", HEDGE},
    {"整", JX_OP_NONE},   {"。", JX_OP_NONE}, {".", JX_OP_NONE},
    {";", JX_OP_NONE},    {",", JX_OP_NONE},
};
static const gsize N_SUFFIX = G_N_ELEMENTS(SUFFIX);

static const char *const RANGE_SEP[] = {"-", "~", "〜", "至", "到", "—", "–", "－"};

static const char *eat(const char *p, const char *word)
{
    if (*p != *word) /* most words differ at once */
        return NULL;
    size_t n = strlen(word);
    return strncmp(p, word, n) == 0 ? p + n : NULL;
}

static const Word *eat_word(const char **p, const Word *list, gsize n)
{
    for (gsize i = 0; i < n; i++) {
        const char *q = eat(*p, list[i].word);
        if (q) {
            *p = q;
            return &list[i];
        }
    }
    return NULL;
}

/* ---------- numbers ---------- */

static int cn_digit(gunichar c)
{
    switch (c) {
    case 0x96F6: case 0x3007: return 0;            /* 零 〇 */
    case 0x4E00: case 0x58F9: case 0x5E7A: return 1; /* 一 壹 幺 */
    case 0x4E8C: case 0x8D30: case 0x4E24: case 0x8CB3: return 2; /* 二 贰 两 貳 */
    case 0x4E09: case 0x53C1: case 0x53C3: return 3; /* 三 叁 參 */
    case 0x56DB: case 0x8086: return 4;            /* 四 肆 */
    case 0x4E94: case 0x4F0D: return 5;            /* 五 伍 */
    case 0x516D: case 0x9646: case 0x9678: return 6; /* 六 陆 陸 */
    case 0x4E03: case 0x67D2: return 7;            /* 七 柒 */
    case 0x516B: case 0x634C: return 8;            /* 八 捌 */
    case 0x4E5D: case 0x7396: return 9;            /* 九 玖 */
    default: return -1;
    }
}

static gint64 cn_unit(gunichar c)
{
    switch (c) {
    case 0x5341: case 0x62FE: return 10;     /* 十 拾 */
    case 0x767E: case 0x4F70: return 100;    /* 百 佰 */
    case 0x5343: case 0x4EDF: return 1000;   /* 千 仟 */
    case 0x4E07: case 0x842C: return 10000;  /* 万 萬 */
    case 0x4EBF: case 0x5104: return 100000000; /* 亿 億 */
    default: return 0;
    }
}

/* Chinese numeral at *p: 九十, 一千零五, 两万三千, 二〇二三, 三点五.
 * 万 and 亿 belong to the numeral (五十万 is 500000). */
static gboolean parse_cn(const char **p, Dec *out)
{
    const char *s = *p;
    gint64 total = 0, section = 0;
    int digit = -1, ndigits = 0, nunits = 0;
    gint64 positional = 0; /* 二〇二三 read digit by digit */
    const char *q = s;
    while (*q) {
        gunichar c = g_utf8_get_char(q);
        int d = cn_digit(c);
        gint64 u = cn_unit(c);
        if (d >= 0) {
            if (ndigits >= 18)
                return FALSE;
            digit = d;
            positional = positional * 10 + d; /* 18 digits at most: no overflow */
            ndigits++;
        } else if (u >= 10 && u <= 1000) {
            if (u > 10 && digit < 0 && ndigits == 0 && nunits == 0)
                break; /* 百元, 千元: a unit, not a number (but 十二 is 12) */
            if (__builtin_add_overflow(section, (digit < 0 ? 1 : digit) * u, &section))
                return FALSE;
            digit = -1;
            nunits++;
        } else if (u >= 10000) {
            if (digit < 0 && section == 0 && total == 0)
                break; /* a lone 万 is not a number */
            gint64 t;
            if (__builtin_add_overflow(section, MAX(digit, 0), &section))
                return FALSE;
            if (u == 100000000 ? __builtin_add_overflow(total, section, &t) ||
                                     __builtin_mul_overflow(t, u, &total)
                               : __builtin_mul_overflow(section, u, &t) ||
                                     __builtin_add_overflow(total, t, &total))
                return FALSE; /* 七亿亿亿: too large to be a count */
            section = 0;
            digit = -1;
            nunits++;
        } else {
            break;
        }
        q = g_utf8_next_char(q);
    }
    if (q == s)
        return FALSE;
    if (nunits == 0)
        out->m = positional;
    else if (__builtin_add_overflow(total, section, &out->m) ||
             __builtin_add_overflow(out->m, MAX(digit, 0), &out->m))
        return FALSE;
    out->e = 0;
    /* decimal part: 三点五 */
    if (g_utf8_get_char(q) == 0x70B9 /* 点 */) {
        const char *r = g_utf8_next_char(q);
        int nd = 0;
        gint64 m = out->m;
        while (*r && cn_digit(g_utf8_get_char(r)) >= 0 && nd < 9) {
            if (__builtin_mul_overflow(m, 10, &m) ||
                __builtin_add_overflow(m, cn_digit(g_utf8_get_char(r)), &m))
                return FALSE;
            nd++;
            r = g_utf8_next_char(r);
        }
        if (nd > 0) {
            out->m = m;
            out->e = -nd;
            q = r;
        }
    }
    *p = q;
    return TRUE;
}

/* Arabic number at *p: 1959300.00, 1,959,300, 10.55, .5 is not accepted. */
static gboolean parse_arabic(const char **p, Dec *out)
{
    const char *q = *p;
    gint64 m = 0;
    int nd = 0, e = 0;
    if (!g_ascii_isdigit(*q))
        return FALSE;
    while (*q) {
        if (g_ascii_isdigit(*q)) {
            if (nd >= 18)
                return FALSE;
            m = m * 10 + (*q - '0');
            if (m != 0)
                nd++;
            q++;
        } else if (*q == ',' && g_ascii_isdigit(q[1]) && g_ascii_isdigit(q[2]) &&
                   g_ascii_isdigit(q[3]) && !g_ascii_isdigit(q[4])) {
            q++;
        } else {
            break;
        }
    }
    if (*q == '.' && g_ascii_isdigit(q[1])) {
        q++;
        while (g_ascii_isdigit(*q)) {
            if (nd >= 18)
                return FALSE;
            m = m * 10 + (*q - '0');
            if (m != 0)
                nd++;
            e--;
            q++;
        }
    }
    out->m = m;
    out->e = e;
    *p = q;
    return TRUE;
}

static gboolean parse_number(const char **p, Dec *out, gboolean *cn)
{
    if (parse_arabic(p, out))
        return TRUE;
    if (parse_cn(p, out)) {
        *cn = TRUE;
        return TRUE;
    }
    return FALSE;
}

/* 万/亿/千 after an Arabic number (1.6万, 3千元), or after 余/多 (五十余万). */
static int eat_multiplier(const char **p)
{
    static const struct { const char *w; int exp; } M[] = {
        {"千万", 7}, {"百万", 6}, {"亿", 8}, {"万", 4}, {"千", 3},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(M); i++) {
        const char *q = eat(*p, M[i].w);
        if (q) {
            *p = q;
            return M[i].exp;
        }
    }
    return 0;
}

static gboolean eat_hedge_after_number(const char **p)
{
    const char *q;
    if ((q = eat(*p, "余")) || (q = eat(*p, "多"))) {
        *p = q;
        return TRUE;
    }
    return FALSE;
}

/* ---------- units ---------- */

typedef struct {
    JxKind kind;       /* NUMBER, PERCENT or MONEY */
    char unit[96];
    int exp;           /* power of ten: 4 for 万元, -1 for ‰ */
    gboolean unlisted; /* a part of the unit is in no unit rule */
} Unit;

static const Word *eat_word(const char **p, const Word *list, gsize n);
static const Word SUFFIX[];
static const gsize N_SUFFIX;

/* May an unlisted unit go on with c (a CJK letter)? */
static gboolean unit_letter(gunichar c)
{
    return g_unichar_isalpha(c) && jx_text_is_cjk(c) && !(c >= 0x3000 && c <= 0x303F);
}

/* The longest range separator or suffix word (以上, 左右, 至) at p, if any. */
static gboolean at_suffix_or_range(const char *p)
{
    const char *q = p;
    if (eat_word(&q, SUFFIX, N_SUFFIX))
        return TRUE;
    for (gsize i = 0; i < G_N_ELEMENTS(RANGE_SEP); i++)
        if (eat(p, RANGE_SEP[i]))
            return TRUE;
    return FALSE;
}

/* An unlisted unit part at p: one or two CJK letters (例, 微克) that the
 * text does not go on with (a third letter makes it a phrase: 5宗案件
 * stays text), not a suffix word or range separator. Returns its end or
 * NULL. */
#define OPEN_PART_MAX 2
static const char *open_part(const char *p)
{
    const char *q = p;
    int n = 0;
    while (*q && !at_suffix_or_range(q)) {
        gunichar c = g_utf8_get_char(q);
        if (!unit_letter(c))
            break;
        if (++n > OPEN_PART_MAX)
            return NULL;
        q = g_utf8_next_char(q);
    }
    return n > 0 ? q : NULL;
}

/* One unit part at *p: a listed unit (longest wins: 家次, not 家), else,
 * if open, an unlisted one. Appends what it prints to u->unit. */
static const JxUnit *eat_part(const JxUnits *U, const char **p, Unit *u, gboolean open,
                              gboolean *ok)
{
    const JxUnit *x = jx_units_match(U, *p);
    const char *printed = x ? (x->role == JX_UNIT_MONEY ? x->word : x->printed) : *p;
    const char *q = x ? *p + x->len : open ? open_part(*p) : NULL;
    gsize n = x ? strlen(printed) : q ? (gsize)(q - *p) : 0;
    *ok = q && strlen(u->unit) + n + 1 <= sizeof u->unit;
    if (!*ok)
        return NULL;
    strncat(u->unit, printed, n);
    u->unlisted |= !x;
    *p = q;
    return x;
}

/* A short noun after a classifier (6个项目, 3000多家企业): up to four CJK
 * letters that end the text and are not suffix words (以上, 以内). */
static const char *eat_trailing_noun(const char *p)
{
    const char *r = p;
    while (eat_word(&r, SUFFIX, N_SUFFIX))
        ;
    if (!*r)
        return NULL; /* only suffixes follow */
    int n = 0;
    const char *q = p;
    while (*q && n < 5) {
        gunichar c = g_utf8_get_char(q);
        if (!unit_letter(c))
            break;
        n++;
        q = g_utf8_next_char(q);
    }
    return n > 0 && n <= 4 && *q == '\0' ? q : NULL;
}

/* The unit after a number: %, ‰, a money unit, a listed unit, or (open)
 * an unlisted one; then a bracketed alternative (台(套)) and per parts
 * (元/人, 元/人/年, 元/人·天, 微克/立方米). allow_noun: a classifier may take
 * a trailing noun; open: a unit in no rule is accepted (and flagged). Both
 * only after Arabic digits: 一次性, 两个健康, 三公经费 are words, not counts. */
#define UNIT_PARTS_MAX 4
static void eat_unit(const JxUnits *U, const char **p, Unit *u, gboolean allow_noun,
                     gboolean open)
{
    const char *q;
    u->kind = JX_KIND_NUMBER;
    u->unit[0] = '\0';
    u->exp = 0;
    u->unlisted = FALSE;
    if ((q = eat(*p, "%"))) {
        u->kind = JX_KIND_PERCENT;
        g_strlcpy(u->unit, "%", sizeof u->unit);
        *p = q;
        return;
    }
    if ((q = eat(*p, "‰"))) {
        u->kind = JX_KIND_PERCENT;
        g_strlcpy(u->unit, "%", sizeof u->unit);
        u->exp = -1;
        *p = q;
        return;
    }
    const JxUnit *x = jx_units_match(U, *p);
    if (x && x->role == JX_UNIT_MONEY) {
        u->kind = JX_KIND_MONEY;
        u->exp = x->exp;
        g_strlcpy(u->unit, "元", sizeof u->unit);
        *p += x->len;
    } else {
        q = *p;
        gboolean ok;
        x = eat_part(U, &q, u, open, &ok);
        if (!ok)
            return;
        if (x && x->role == JX_UNIT_CLASSIFIER && allow_noun) {
            const char *end = eat_trailing_noun(q);
            if (end) {
                *p = end;
                return;
            }
        }
        *p = q;
        /* 台(套): one bracketed alternative, a listed unit ((含) is a note) */
        Unit alt = *u;
        q = eat(*p, "(");
        if (q) {
            g_strlcat(alt.unit, "(", sizeof alt.unit);
            eat_part(U, &q, &alt, FALSE, &ok);
            if (ok && (q = eat(q, ")")) && strlen(alt.unit) + 2 <= sizeof alt.unit) {
                g_strlcat(alt.unit, ")", sizeof alt.unit);
                *u = alt;
                *p = q;
            }
        }
    }
    /* per parts: 元/人, 次/年, 元/人·天 */
    for (int n = 1; n < UNIT_PARTS_MAX; n++) {
        const char *sep = "/";
        if (!(q = eat(*p, sep)) && !(q = eat(*p, (sep = "·"))))
            break;
        Unit next = *u;
        if (strlen(next.unit) + strlen(sep) + 1 > sizeof next.unit)
            break;
        g_strlcat(next.unit, sep, sizeof next.unit);
        gboolean ok;
        eat_part(U, &q, &next, open, &ok);
        if (!ok)
            break;
        *u = next;
        *p = q;
    }
}

/* ---------- quantities ---------- */

/* 角 and 分 after 元: 叁元伍角 is 3.5 元. Only on a whole number of 元. */
static void eat_jiao_fen(const char **p, Dec *d, gboolean *cn)
{
    static const struct { const char *unit; int digits; } SUB[] = {{"角", 1}, {"分", 2}};
    if (d->e != 0 || d->m > G_MAXINT64 / 1000)
        return;
    const char *q = *p;
    gint64 cents = 0;
    gboolean any = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(SUB); i++) {
        const char *r = q, *e;
        Dec x;
        gboolean c = FALSE;
        if (!parse_number(&r, &x, &c) || x.e != 0 || x.m < 0 || x.m > 9 ||
            !(e = eat(r, SUB[i].unit)))
            continue;
        cents += x.m * (SUB[i].digits == 1 ? 10 : 1);
        *cn |= c;
        any = TRUE;
        q = e;
    }
    if (any) {
        d->m = d->m * 100 + (d->m < 0 ? -cents : cents);
        d->e = -2;
        *p = q;
    }
}

typedef struct {
    Dec d;
    int mult;        /* power of ten from 万/亿 */
    Unit unit;
    gboolean percent_prefix;
} Amount;

/* open: an unlisted unit may follow (see eat_unit). */
static gboolean parse_amount(const JxUnits *U, const char **p, Amount *a, gboolean *cn,
                             gboolean *approx, gboolean open)
{
    const char *q = *p, *r;
    memset(a, 0, sizeof *a);
    gboolean negative = FALSE;
    if ((r = eat(q, "-")) || (r = eat(q, "−")) || (r = eat(q, "负"))) {
        negative = TRUE;
        q = r;
    } else if ((r = eat(q, "+"))) {
        q = r;
    }
    if ((r = eat(q, "百分之"))) {
        a->percent_prefix = TRUE;
        q = r;
    }
    gboolean this_cn = FALSE;
    if (!parse_number(&q, &a->d, &this_cn))
        return FALSE;
    if (negative)
        a->d.m = -a->d.m;
    *cn |= this_cn;
    if (eat_hedge_after_number(&q))
        *approx = TRUE;
    /* 5千米 is 5 km, not 5000 米: a unit longer than the multiplier wins */
    const char *m = q;
    const JxUnit *x = jx_units_match(U, m);
    int mult = eat_multiplier(&m);
    if (mult && !(x && x->len > (gsize)(m - q))) {
        a->mult = mult;
        q = m;
        if (eat_hedge_after_number(&q))
            *approx = TRUE;
    }
    eat_unit(U, &q, &a->unit, !this_cn, open && !this_cn);
    if (a->unit.kind == JX_KIND_MONEY && a->unit.exp == 0 && a->mult == 0)
        eat_jiao_fen(&q, &a->d, cn);
    if (a->percent_prefix) {
        if (a->unit.kind != JX_KIND_NUMBER || a->unit.unit[0])
            return FALSE;
        a->unit.kind = JX_KIND_PERCENT;
        g_strlcpy(a->unit.unit, "%", sizeof a->unit.unit);
    }
    *p = q;
    return TRUE;
}

static double amount_value(const Amount *a)
{
    Dec d = a->d;
    d.e += a->mult + a->unit.exp;
    return dec_to_double(d);
}

static gboolean at_end(const char *p)
{
    return *p == '\0';
}

/* [hedge|op]* amount [range amount] [suffix]* <end>. header_exp is the
 * power of ten of the header's money unit, or -1. */
static gboolean parse_quantity(const JxUnits *U, const char *p, int header_exp,
                               gboolean open, gboolean *prefixed, JxValue *v)
{
    JxOp op = JX_OP_NONE;
    gboolean approx = FALSE, cn = FALSE;
    const Word *w;
    const char *start = p;
    while ((w = eat_word(&p, PREFIX, G_N_ELEMENTS(PREFIX)))) {
        if (w->op == HEDGE)
            approx = TRUE;
        else if (op == JX_OP_NONE)
            op = w->op;
        else
            return FALSE;
    }
    /* 每户, 每人每年: the amount is per that unit (元/户) */
    char per[48] = "";
    for (int n = 0; n < 3; n++) {
        const char *q = eat(p, "每");
        const JxUnit *x = q ? jx_units_match(U, q) : NULL;
        if (!x || x->role == JX_UNIT_MONEY || strlen(per) + x->len + 2 > sizeof per)
            break;
        g_strlcat(per, "/", sizeof per);
        g_strlcat(per, x->printed, sizeof per);
        p = q + x->len;
    }
    *prefixed = p != start;
    Amount a, b;
    if (!parse_amount(U, &p, &a, &cn, &approx, open))
        return FALSE;
    gboolean range = FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(RANGE_SEP) && op == JX_OP_NONE; i++) {
        const char *q = eat(p, RANGE_SEP[i]);
        if (q && parse_amount(U, &q, &b, &cn, &approx, open)) {
            /* the unit may be written once, on either side */
            if (!a.unit.unit[0] && b.unit.unit[0]) {
                a.unit = b.unit;
                if (!a.mult)
                    a.mult = b.mult;
            } else if (!b.unit.unit[0] && a.unit.unit[0]) {
                b.unit = a.unit;
                if (!b.mult)
                    b.mult = a.mult;
            }
            if (strcmp(a.unit.unit, b.unit.unit) != 0)
                return FALSE;
            range = TRUE;
            p = q;
            break;
        }
    }
    while ((w = eat_word(&p, SUFFIX, G_N_ELEMENTS(SUFFIX)))) {
        if (w->op == HEDGE)
            approx = TRUE;
        else if (w->op != JX_OP_NONE && op == JX_OP_NONE && !range)
            op = w->op;
    }
    /* "(含95%)": a note that the bound is inclusive, after 以上/以下 */
    const char *incl = eat(p, "(含");
    if (incl && (op == JX_OP_GE || op == JX_OP_LE) && g_str_has_suffix(incl, ")") &&
        !strchr(incl, '('))
        p += strlen(p);
    if (!at_end(p))
        return FALSE;
    if (header_exp >= 0 && a.unit.kind == JX_KIND_NUMBER && !a.unit.unit[0]) {
        for (Amount *x = &a; x; x = (x == &a && range) ? &b : NULL) {
            x->unit.kind = JX_KIND_MONEY;
            x->unit.exp = header_exp;
            g_strlcpy(x->unit.unit, "元", sizeof x->unit.unit);
        }
        v->flags |= JX_VALUE_UNIT_FROM_HEADER;
    }
    if (per[0]) {
        if (!a.unit.unit[0] || strlen(a.unit.unit) + strlen(per) >= sizeof a.unit.unit)
            return FALSE; /* 每户5: per what? */
        g_strlcat(a.unit.unit, per, sizeof a.unit.unit);
    }
    if (a.unit.unlisted || (range && b.unit.unlisted))
        v->flags |= JX_VALUE_UNIT_UNLISTED;

    v->kind = a.unit.kind;
    v->op = range ? JX_OP_RANGE : op == JX_OP_NONE ? JX_OP_EQ : op;
    v->approx = approx;
    v->has_value = TRUE;
    v->value = amount_value(&a);
    if (range) {
        double hi = amount_value(&b);
        v->has_max = TRUE;
        v->max = MAX(v->value, hi);
        v->value = MIN(v->value, hi);
    }
    if (a.unit.unit[0])
        v->unit = g_strdup(a.unit.unit);
    if (cn)
        v->flags |= JX_VALUE_CN_NUMERAL;
    return TRUE;
}

/* ---------- dates ---------- */

static int parse_small(const char **p, int lo, int hi, gboolean *cn)
{
    const char *q = *p;
    Dec d;
    gboolean c = FALSE;
    if (!parse_number(&q, &d, &c) || d.e != 0 || d.m < lo || d.m > hi)
        return -1;
    if (c)
        *cn = TRUE;
    *p = q;
    return (int)d.m;
}

static int parse_year(const char **p)
{
    const char *q = *p;
    if (!g_ascii_isdigit(*q)) { /* 二〇二三年 */
        Dec d;
        if (parse_cn(&q, &d) && d.e == 0 && d.m >= 1900 && d.m <= 2100 && eat(q, "年")) {
            *p = q;
            return (int)d.m;
        }
        return -1;
    }
    for (int i = 0; i < 4; i++)
        if (!g_ascii_isdigit(q[i]))
            return -1;
    if (g_ascii_isdigit(q[4]))
        return -1;
    int y = atoi(q);
    if (y < 1900 || y > 2100)
        return -1;
    *p = q + 4;
    return y;
}

/* 2023年12月31日, 2023.12, 2023-12, 2023年, 2023年度, 2023全年, 2023年上半年,
 * 12月底, 12月31日前. An open end (前 底 末) is op <=. */
static gboolean parse_date(const char *p, JxValue *v)
{
    int y = -1, m = -1, d = -1;
    gboolean cn = FALSE;
    const char *q;
    JxOp op = JX_OP_EQ;
    char period[16] = "";

    const char *year_at = p;
    y = parse_year(&p);
    if (y > 0 && !g_ascii_isdigit(*year_at))
        cn = TRUE;
    if (y > 0) {
        if ((q = eat(p, "年度")) || (q = eat(p, "年")))
            p = q;
        else if (*p == '.' || *p == '-' || *p == '/') {
            char sep = *p;
            q = p + 1;
            m = parse_small(&q, 1, 12, &cn);
            if (m < 0)
                return FALSE;
            p = q;
            if (*p == sep) {
                q = p + 1;
                d = parse_small(&q, 1, 31, &cn);
                if (d < 0)
                    return FALSE;
                p = q;
            }
        } else if (!eat(p, "全年")) {
            return FALSE;
        }
        if ((q = eat(p, "全年")) || (q = eat(p, "上半年")) || (q = eat(p, "下半年"))) {
            g_strlcpy(period, p, (gsize)(q - p) + 1);
            p = q;
        }
    }
    int m2 = -1, quarter = -1;
    if (m < 0 && !period[0]) {
        /* 第四季度, 4季度 */
        q = p;
        const char *r = eat(q, "第");
        if (r)
            q = r;
        int qq = parse_small(&q, 1, 4, &cn);
        if (qq > 0 && (r = eat(q, "季度"))) {
            quarter = qq;
            p = r;
        }
    }
    if (m < 0 && !period[0] && quarter < 0) {
        q = p;
        int mm = parse_small(&q, 1, 12, &cn);
        /* a span of months: 1-12月, 10月-12月, 1至6月 */
        const char *r = q, *e;
        if (mm > 0 && ((e = eat(r, "月")) ? (r = e, TRUE) : TRUE) &&
            ((e = eat(r, "-")) || (e = eat(r, "~")) || (e = eat(r, "至")) || (e = eat(r, "—")))) {
            int hi = parse_small(&e, 1, 12, &cn);
            if (hi >= mm && (r = eat(e, "月"))) {
                m = mm;
                m2 = hi;
                p = r;
                q = NULL;
            }
        }
        if (q && mm > 0 && (q = eat(q, "月"))) {
            m = mm;
            p = q;
            const char *day = p, *end;
            int dd = parse_small(&day, 1, 31, &cn);
            if (dd > 0 && ((end = eat(day, "日")) || (end = eat(day, "号")))) {
                d = dd;
                p = end;
            }
        }
    }
    if (m < 0 && quarter < 0 && !period[0] && ((q = eat(p, "年底")) || (q = eat(p, "年末")))) {
        m = 12; /* 2023年年底, 年底前: by the end of the year */
        op = JX_OP_LE;
        p = q;
    }
    if (y < 0 && m < 0 && quarter < 0)
        return FALSE;
    /* open ends: 12月底前, 12月31日之前, 6月份 */
    static const Word OPEN_END[] = {
        {"之前", JX_OP_LE}, {"以前", JX_OP_LE}, {"前", JX_OP_LE},   {"底", JX_OP_LE},
        {"末", JX_OP_LE},   {"以内", JX_OP_LE}, {"内", JX_OP_LE},   {"份", JX_OP_NONE},
        {"完成", JX_OP_NONE}, {"完工", JX_OP_NONE}, {"办结", JX_OP_NONE}, {"到位", JX_OP_NONE},
    };
    const Word *w;
    while ((w = eat_word(&p, OPEN_END, G_N_ELEMENTS(OPEN_END))))
        if (w->op != JX_OP_NONE)
            op = w->op;
    if (!at_end(p))
        return FALSE;

    v->kind = JX_KIND_DATE;
    v->op = op;
    if (m2 > 0) {
        v->op = JX_OP_RANGE;
        v->text = y > 0 ? g_strdup_printf("%04d-%02d", y, m) : g_strdup_printf("--%02d", m);
        v->text_max = y > 0 ? g_strdup_printf("%04d-%02d", y, m2) : g_strdup_printf("--%02d", m2);
    } else if (quarter > 0)
        v->text = y > 0 ? g_strdup_printf("%04d-Q%d", y, quarter) : g_strdup_printf("--Q%d", quarter);
    else if (period[0])
        v->text = g_strdup_printf("%d%s", y, period);
    else if (y > 0 && m > 0 && d > 0)
        v->text = g_strdup_printf("%04d-%02d-%02d", y, m, d);
    else if (y > 0 && m > 0)
        v->text = g_strdup_printf("%04d-%02d", y, m);
    else if (y > 0)
        v->text = g_strdup_printf("%04d", y);
    else if (d > 0)
        v->text = g_strdup_printf("--%02d-%02d", m, d);
    else
        v->text = g_strdup_printf("--%02d", m);
    if (cn)
        v->flags |= JX_VALUE_CN_NUMERAL;
    return TRUE;
}

/* ---------- the value ---------- */

static gboolean is_empty_mark(const char *s)
{
    static const char *const MARKS[] = {"", "—", "——", "-", "--", "–", "/", "\\",
                                        "－", "─", "━", "…", "..."};
    for (gsize i = 0; i < G_N_ELEMENTS(MARKS); i++)
        if (strcmp(s, MARKS[i]) == 0)
            return TRUE;
    return FALSE;
}

/* May the text before a value stand as its label ("新增党组织覆盖企业")?
 * Not if it holds a digit, ends a clause, or is a formula. */
static gboolean label_breaks(gunichar c)
{
    return g_unichar_isdigit(c) || strchr(",;!?=+/()[]<>", (int)(c < 128 ? c : 1)) ||
           c == 0x3002 /* 。 */ || c == 0x3001 /* 、 */ || c == 0xD7 /* × */ ||
           c == 0xF7 /* ÷ */ || c == 0x3010 || c == 0x3011 /* 【】 */ ||
           c == 0x7B2C /* 第: an ordinal follows */;
}

/* Characters OCR confuses with digits, read as digits when a digit stands
 * on both sides (98。5% -> 98.5%, 1O0 -> 100, 2l -> 21 is not: one side). */
static char *fix_confusables(const char *s)
{
    if (!strpbrk(s, "Ool I") && !strstr(s, "。") && !strstr(s, "·"))
        return g_strdup(s);
    GString *o = g_string_sized_new(strlen(s));
    gunichar prev = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        gunichar next = g_utf8_get_char(g_utf8_next_char(p));
        gboolean between = g_ascii_isdigit(prev) && next < 128 && g_ascii_isdigit(next);
        if (between && (c == 0x3002 || c == 0xB7))
            c = '.';
        else if (between && (c == 'O' || c == 'o'))
            c = '0';
        else if (between && (c == 'l' || c == 'I'))
            c = '1';
        g_string_append_unichar(o, c);
        prev = c;
    }
    return g_string_free(o, FALSE);
}

/* A value wrapped in one pair of brackets: "(2023年度)". */
static char *unwrap(char *s)
{
    gsize n = strlen(s);
    if (n > 2 && s[0] == '(' && s[n - 1] == ')' && !strchr(s + 1, '(')) {
        memmove(s, s + 1, n - 2);
        s[n - 2] = '\0';
    }
    return s;
}

static int cmp_unichar(const void *a, const void *b)
{
    gunichar x = *(const gunichar *)a, y = *(const gunichar *)b;
    return (x > y) - (x < y);
}

/* Is c the first letter of a PREFIX word? The letters are gathered and
 * sorted once (a cell is scanned letter by letter, so this is hot). */
static gboolean starts_prefix(gunichar c)
{
    static gunichar first[G_N_ELEMENTS(PREFIX)];
    static gsize n_first;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        for (gsize i = 0; i < G_N_ELEMENTS(PREFIX); i++)
            first[i] = g_utf8_get_char(PREFIX[i].word);
        qsort(first, G_N_ELEMENTS(PREFIX), sizeof first[0], cmp_unichar);
        n_first = G_N_ELEMENTS(PREFIX);
        g_once_init_leave(&ready, 1);
    }
    return bsearch(&c, first, n_first, sizeof first[0], cmp_unichar) != NULL;
}

/* Can a value (number, operator, hedge, date) start with c? Positions
 * where none can are skipped without trying to parse. */
static gboolean may_start_value(const char *p)
{
    unsigned char b = (unsigned char)*p;
    if (b < 128)
        return g_ascii_isdigit(b) || strchr("<>=~-+(", b);
    gunichar c = g_utf8_get_char(p);
    if (cn_digit(c) >= 0 || cn_unit(c) || starts_prefix(c))
        return TRUE;
    return c == 0x2212 /* − */ || c == 0x8D1F /* 负 */ || c == 0x7B2C /* 第 */ ||
           c == 0x6BCF /* 每 */ ||
           c == 0x5E74 /* 年底 */;
}

void jx_value_parse(const char *text, const char *header_unit, JxValue *out)
{
    jx_value_parse_units(text, header_unit, NULL, out);
}

void jx_value_parse_units(const char *text, const char *header_unit, const JxUnits *units,
                          JxValue *out)
{
    g_return_if_fail(out != NULL);
    const JxUnits *U = units ? units : jx_units_builtin();
    memset(out, 0, sizeof *out);
    out->raw = jx_text_clean(text);
    out->kind = JX_KIND_TEXT;
    if (is_empty_mark(out->raw)) {
        out->kind = JX_KIND_EMPTY;
        return;
    }
    gboolean found = FALSE;
    char *folded = jx_printed_fold(out->raw, NULL); /* parsed as ASCII */
    char *s = unwrap(fix_confusables(folded ? folded : out->raw));
    g_free(folded);
    int hexp = jx_units_money_exp(U, header_unit);
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar prev = p > s ? g_utf8_get_char(g_utf8_prev_char(p)) : 0;
        if (prev && label_breaks(prev))
            break;
        if (!may_start_value(p))
            continue;
        JxValue v = {0};
        gboolean prefixed = FALSE;
        if (parse_date(p, &v) ||
            /* a unit in no rule only where the value opens the cell */
            (parse_quantity(U, p, hexp, p == s, &prefixed, &v) &&
             /* 统一, 唯一: a Chinese numeral glued to a word is part of it */
             !(prev && jx_text_is_cjk(prev) && !prefixed &&
               (v.flags & JX_VALUE_CN_NUMERAL)))) {
            char *raw = out->raw;
            *out = v;
            out->raw = raw;
            found = TRUE;
            break;
        }
        jx_value_clear(&v);
        if (p - s > 120)
            break;
    }
    g_free(s);
    if (!found)
        out->kind = JX_KIND_TEXT;
}

void jx_value_clear(JxValue *v)
{
    g_free(v->raw);
    g_free(v->text);
    g_free(v->text_max);
    g_free(v->unit);
    memset(v, 0, sizeof *v);
}

gboolean jx_value_as_number(const JxValue *v, double *out)
{
    if (v->kind != JX_KIND_NUMBER || !v->has_value || v->has_max ||
        (v->op != JX_OP_EQ && v->op != JX_OP_NONE))
        return FALSE;
    if (v->unit && strcmp(v->unit, "分") != 0)
        return FALSE;
    *out = v->value;
    return TRUE;
}

const char *jx_kind_name(JxKind k)
{
    switch (k) {
    case JX_KIND_NUMBER: return "number";
    case JX_KIND_PERCENT: return "percent";
    case JX_KIND_MONEY: return "money";
    case JX_KIND_DATE: return "date";
    default: return "text";
    }
}

const char *jx_op_name(JxOp op)
{
    static const char *const N[] = {NULL, "=", ">", ">=", "<", "<=", "range"};
    return (unsigned)op < G_N_ELEMENTS(N) ? N[op] : NULL;
}
