/* Cross-checks and confidence: flags what is doubtful in a JxResult (values
 * that are hedged, qualitative, without unit; scores over weights; weights
 * and scores that do not add up, for the form and under every level cell
 * that states a weight; 执行率 that disagrees with the amounts) and
 * sets every record's confidence from its flags, with the penalties of the
 * rule files. Changes the result in place; cannot fail. */
#ifndef JX_CHECK_H
#define JX_CHECK_H

#include "rules/record.h"
#include "common/ruleset.h"

/* How far a sum may be off its printed total (rounding to 0.01). */
#define JX_SUM_TOLERANCE 0.011

void jx_check_result(JxResult *res, const JxRuleset *rs);

/* Confidence for a set of flags: product of (1 - penalty) over the flags. */
double jx_check_confidence(guint flags, const JxRuleset *rs);

#endif
