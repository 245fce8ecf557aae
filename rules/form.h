/* Form recognition: walks a document's blocks and turns the tables of
 * evaluation forms into JxForm records (header fields, fund lines, goals,
 * indicator rows, totals), guided by the rule files. Values are parsed here;
 * cross-checks and confidence are rules/check.h. Knows nothing of formats,
 * nor of how a cell was read: OCR repair is done before (normalize/ocr_cells.h). */
#ifndef JX_FORM_H
#define JX_FORM_H

#include "common/ruleset.h"
#include "extract/doc.h"
#include "rules/record.h"

/* Reads doc (not changed). Never fails: a document without forms gives a
 * result with no forms. Returns a new JxResult (transfer full: free with
 * jx_result_free); NULL only on NULL arguments. */
JxResult *jx_forms_read(const JxDoc *doc, const JxRuleset *rs);

/* Checks the rules the form reader reads for names it does not know: a
 * `field` rule must name a header field (project_name, project_code,
 * competent_dept, implementing_unit, project_lead, project_attribute,
 * goal_expected, total_score, year). Run it after loading the rules; FALSE
 * with JX_ERROR_RULES "file:line: unknown field name 'NAME'" otherwise. */
gboolean jx_forms_check_rules(const JxRuleset *rs, GError **error);

#endif
