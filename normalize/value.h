/* Value parsing: one cell or phrase of text -> the value object of docs/SCHEMA.md
 * (raw, kind, op, value, max, unit, approx). Handles Arabic and Chinese
 * numerals (九十, 两万三千, 壹拾伍万元整; one too large for 64 bits is text),
 * 万/亿 multipliers, money units (元 万元 亿元 千元 -> 元) and count units from the
 * `unit` rules (normalize/units.h), % and ‰, operators (≥ 大于 不少于
 * 以上 ...), ranges (5-8家), hedges (余 多 约 左右) and dates (2023年12月,
 * 2023.12, 12月底, 2023全年, 第四季度, 1-12月). A phrase that only contains a number among other
 * words stays kind text: nothing is guessed.
 * jx_value_parse is pure and thread-safe; a JxValue owns its strings. */
#ifndef JX_VALUE_H
#define JX_VALUE_H

#include <glib.h>

#include "normalize/units.h"

typedef enum {
    JX_KIND_EMPTY,   /* blank, "—", "/": no value at all (JSON null) */
    JX_KIND_TEXT,
    JX_KIND_NUMBER,
    JX_KIND_PERCENT, /* value 98 means 98 % */
    JX_KIND_MONEY,   /* value in 元 */
    JX_KIND_DATE     /* value in `text`: "2023-12", "2023", "2023全年", "--12" */
} JxKind;

typedef enum {
    JX_OP_NONE, JX_OP_EQ, JX_OP_GT, JX_OP_GE, JX_OP_LT, JX_OP_LE, JX_OP_RANGE
} JxOp;

enum {
    JX_VALUE_CN_NUMERAL = 1 << 0,      /* Chinese numerals were converted */
    JX_VALUE_UNIT_FROM_HEADER = 1 << 1, /* the money unit came from header_unit */
    JX_VALUE_UNIT_UNLISTED = 1 << 2     /* (a part of) the unit is in no unit rule */
};

typedef struct {
    char *raw;      /* the text after jx_text_clean */
    JxKind kind;
    JxOp op;
    gboolean has_value, has_max;
    double value, max; /* a range is value..max, value <= max */
    char *text;     /* kind date only: "2023-12", "2023", "2023全年",
                     * "2023-Q4", "--12" (December of no stated year) */
    char *text_max; /* kind date, op range: the end ("2023-12") */
    char *unit;     /* "元", "%", "家", "元/人" ... or NULL */
    gboolean approx;
    unsigned flags; /* JX_VALUE_* */
} JxValue;

/* Parses text into *out (which the caller clears with jx_value_clear).
 * header_unit is the money unit a table header declares for this cell
 * ("元", "万元", "亿元", "千元") or NULL: a bare number then becomes money in
 * 元 with JX_VALUE_UNIT_FROM_HEADER. Never fails: unparsable text is kind text. */
void jx_value_parse(const char *text, const char *header_unit, JxValue *out);
/* As jx_value_parse with the unit vocabulary `units` (jx_units_new of the
 * run's rules; NULL is the built-in one, jx_units_builtin). A number that
 * opens the cell may carry a unit in no rule: one or two CJK letters (200例),
 * alone or as a part of X/Y, X/Y/Z, X·Y, X(Y) (微克/立方米, 元/生/天): it is kept
 * as printed and flagged JX_VALUE_UNIT_UNLISTED. */
void jx_value_parse_units(const char *text, const char *header_unit, const JxUnits *units,
                          JxValue *out);
void jx_value_clear(JxValue *v);

/* The value as a plain number (weights, scores): TRUE for kind number
 * without operator other than "=" and without unit other than 分. */
gboolean jx_value_as_number(const JxValue *v, double *out);

const char *jx_kind_name(JxKind k); /* "number" ...; "text" for EMPTY */
const char *jx_op_name(JxOp op);    /* ">=" ...; NULL for JX_OP_NONE */

#endif
