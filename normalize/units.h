/* The unit vocabulary of value parsing, read from `unit` rules:
 *     unit  WORD  measure [PRINTED]   a count or measure unit kept as printed
 *                                     (人次, 平方米), or as PRINTED (个工作日 -> 工作日)
 *     unit  WORD  classifier [PRINTED] a measure word that may take a short
 *                                     noun after it (6个项目, 3000多家企业)
 *     unit  WORD  money EXP           a money unit worth 10^EXP 元 (万元 money 4)
 * WORD is read through jx_text_clean like the cells it is matched in. Rules
 * loaded later are tried first, so a --rules directory may add a unit or
 * redefine one. A JxUnits is immutable and may be shared between threads. */
#ifndef JX_UNITS_H
#define JX_UNITS_H

#include <glib.h>

#include "common/ruleset.h"

typedef enum { JX_UNIT_MEASURE, JX_UNIT_CLASSIFIER, JX_UNIT_MONEY } JxUnitRole;

typedef struct {
    const char *word;    /* as matched (cleaned) */
    gsize len;           /* strlen(word) */
    JxUnitRole role;
    int exp;             /* money: power of ten in 元; else 0 */
    const char *printed; /* the unit a value carries: "工作日", "元" for money */
} JxUnit;

typedef struct JxUnits JxUnits;

/* The vocabulary of the `unit` rules of rs (transfer full: jx_units_free).
 * NULL with JX_ERROR_RULES "file:line: ..." for a unit rule whose PATTERN
 * is not one of the forms above; a ruleset without unit rules gives an
 * empty vocabulary. */
JxUnits *jx_units_new(const JxRuleset *rs, GError **error);
/* Frees u; NULL is allowed. */
void jx_units_free(JxUnits *u);

/* The vocabulary of the rule files built into the binary, built once
 * (thread-safe); transfer none, never NULL. */
const JxUnits *jx_units_builtin(void);

/* The longest unit whose word starts at p, or NULL; transfer none, valid
 * as long as u. */
const JxUnit *jx_units_match(const JxUnits *u, const char *p);

/* The power of ten of a money unit spelled exactly `word` ("万元" -> 4), or
 * -1 if word is NULL or not a money unit. */
int jx_units_money_exp(const JxUnits *u, const char *word);

#endif
