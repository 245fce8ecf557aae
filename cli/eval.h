/* Scoring extraction against gold: the records jixiao gives for a document
 * are matched with its gold records (by type and form / line / seq) and
 * compared field by field. A field counts as true positive when both hold
 * the same non-null value, false positive when the output holds a value
 * the gold does not, false negative when the gold holds a value the output
 * misses. A silent error is a wrong field in a record with no flags and
 * confidence >= 0.9: the kind a data team would load unwarned. */
#ifndef JX_EVAL_H
#define JX_EVAL_H

#include <glib.h>

typedef struct {
    guint tp, fp, fn, silent;
} JxScore;

typedef struct {
    GHashTable *fields;   /* "type.field" -> JxScore* */
    GHashTable *formats;  /* format -> JxScore* */
    JxScore all;
    GString *silent_log; /* one line per silent error */
} JxEval;

JxEval *jx_eval_new(void);
void jx_eval_free(JxEval *e);

/* Adds one document: its gold JSON Lines and the output JSON Lines. */
gboolean jx_eval_add(JxEval *e, const char *gold, const char *output, GError **error);

double jx_score_f1(const JxScore *s);

/* The report: a table of fields, formats and the total; or JSON. */
char *jx_eval_report(const JxEval *e, gboolean json);

#endif
