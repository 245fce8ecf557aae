/* Cross-checks of facts and their confidence: parts that should add up to
 * a stated total (the `factsum` rules: NAME is the total's subject, PATTERN
 * matches its parts' subjects) and a stated change against the two amounts
 * (value and its in-line base figure) and against its percent. A failed
 * check flags every fact it involves (FACT_SUM_MISMATCH,
 * FACT_CHANGE_MISMATCH); then every fact's confidence is set from its flags
 * (rules/check.h). In place; cannot fail. */
#ifndef JX_FACT_CHECK_H
#define JX_FACT_CHECK_H

#include "common/ruleset.h"
#include "rules/record.h"

/* Checks facts (JxFact*, in the order of the text) and sets their
 * confidence. Does nothing on NULL. */
void jx_facts_check(GPtrArray *facts, const JxRuleset *rs);

#endif
