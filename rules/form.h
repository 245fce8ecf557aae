/* Form recognition: walks a document's blocks and turns the tables of
 * evaluation forms into JxForm records (header fields, fund lines, goals,
 * indicator rows, totals), guided by the rule files. Values are parsed here;
 * cross-checks and confidence are rules/check.h. Knows nothing of formats. */
#ifndef JX_FORM_H
#define JX_FORM_H

#include "extract/doc.h"
#include "rules/record.h"
#include "common/ruleset.h"

/* Never fails: a document without forms gives a result with no forms.
 * Returns a new JxResult (free with jx_result_free). */
JxResult *jx_forms_read(const JxDoc *doc, const JxRuleset *rs);

#endif
