/* Facts: the figures stated in prose (决算说明, 自评报告) as `fact` records
 * (docs/SCHEMA.md). Each sentence of the paragraphs (normalize/prose.h) is
 * cut into clauses; every figure a `factfigure` rule finds outside the
 * spans of the `factmask` rules (years, dates, document numbers, phone
 * numbers, list numbers, thresholds, targets) and outside a `factskip`
 * clause is a fact of its own, or a part of the fact before it: a change
 * (`factchange`: 增加 +, 减少 -, 持平 0) against a base (`factbase`: 上年,
 * 年初预算), a share (`factshare`: 占…%), or an in-line base figure
 * (年初预算0.31万元: fact `<subject>年初预算`). Its subject is the text
 * before it in its clause, cut by the `factstrip` rules; one that says
 * nothing (`factgeneric`: 决算数) comes from the figure before it in the
 * clause or from the heading above. A subject a `factsubject` rule names
 * takes that NAME; any other is kept as printed and flagged
 * SUBJECT_UNLISTED. Values go through normalize/value.h. Cross-checks and
 * confidence are rules/fact_check.h. Never fails. */
#ifndef JX_FACTS_H
#define JX_FACTS_H

#include "common/ruleset.h"
#include "rules/record.h"

/* The facts of prose (JxProse* of jx_prose_read) appended to facts
 * (JxFact*, which owns them), in the order of the text, with confidence 1
 * and the flags of how the value was read (CN_NUMERAL, APPROX,
 * SUBJECT_UNLISTED, OCR). */
void jx_facts_read(const GPtrArray *prose, const JxRuleset *rs, GPtrArray *facts);

/* Checks that every `factchange` rule is named +, - or 0; FALSE with
 * JX_ERROR_RULES "file:line: unknown factchange name 'NAME'" otherwise. */
gboolean jx_facts_check_rules(const JxRuleset *rs, GError **error);

#endif
