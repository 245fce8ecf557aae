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

/* Adds the flags above to res's forms, fund lines and indicators (a failed
 * sum also flags every value that went into it, and the document) and sets
 * their confidence.
 * In place, nothing allocated for the caller; does nothing on NULL. */
void jx_check_result(JxResult *res, const JxRuleset *rs);

/* The sums a form's printed totals are checked against: the weights and
 * scores of its indicators and of its 合计 fund line (*wsum, *ssum), and how
 * many values went into each (*wn, *sn; a sum of none is not checked). */
void jx_check_form_sums(const JxForm *form, double *wsum, int *wn, double *ssum, int *sn);

/* Confidence for a set of flags (JX_FLAG_BIT()s): product of (1 - penalty)
 * over the flags, each the `penalty` rule of the flag's name clamped to
 * 0..1 (0.1 without one), rounded to 0.001. 1.0 for no flags. */
double jx_check_confidence(guint flags, const JxRuleset *rs);

#endif
