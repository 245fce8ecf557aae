/* Scoring extraction against gold: the records jixiao gives for a document
 * are matched with its gold records (by type and form / line / seq) and
 * compared field by field. A field counts as true positive when both hold
 * the same non-null value, false positive when the output holds a value
 * the gold does not, false negative when the gold holds a value the output
 * misses. A silent error is a wrong field in a record with no flags and
 * confidence >= 0.9: the kind a data team would load unwarned. A confident
 * error is a wrong field in a record with confidence >= 0.9, whatever its
 * flags (OCR, COLUMN_INFERRED, CROSS_PAGE, UNIT_FROM_HEADER say where a
 * value came from, not that it is wrong): what a team that filters on
 * confidence would load. Silent errors are a subset of them. Also finds
 * the gold files and their documents, and compares a report with a
 * baseline. It does not run the pipeline: it scores JSON Lines it is given. */
#ifndef JX_EVAL_H
#define JX_EVAL_H

#include <glib.h>

typedef struct {
    guint tp, fp, fn, silent, confident;
} JxScore;

typedef struct {
    GHashTable *fields;   /* "type.field" -> JxScore* */
    GHashTable *formats;  /* format -> JxScore* */
    GHashTable *kinds;    /* document kind (of the gold's document record) -> JxScore* */
    JxScore all;
    GString *silent_log;    /* one line per silent error */
    GString *confident_log; /* one line per confident error, with its confidence and flags */
} JxEval;

/* Returns a new, empty JxEval (transfer full; free with jx_eval_free()). */
JxEval *jx_eval_new(void);
/* Frees e and its scores; NULL is allowed. */
void jx_eval_free(JxEval *e);

/* Adds one document: its gold JSON Lines and the output JSON Lines (both
 * NUL-terminated). Returns FALSE with error when a line of either is not a
 * JSON object (e is then unchanged). */
gboolean jx_eval_add(JxEval *e, const char *gold, const char *output, GError **error);

/* The F1 of s (precision and recall count 1 when they have nothing to count). */
double jx_score_f1(const JxScore *s);

/* errors as a share of the values s output (tp + fp); 0 when it output
 * none. The silent and confident error rates are jx_score_rate(s, s->silent)
 * and jx_score_rate(s, s->confident). */
double jx_score_rate(const JxScore *s, guint errors);

/* The report: a table of fields, formats and the total (tp fp fn precision
 * recall f1, silent and confident errors), a trust table (per format and
 * in total: values output, silent and confident errors and their rates),
 * and the silent and the confident errors, one a line; or JSON (what
 * --baseline reads: per score tp fp fn silent confident f1 silent_rate
 * confident_rate). Returns a new string (transfer full, g_free). */
char *jx_eval_report(const JxEval *e, gboolean json);

/* Appends to out (GPtrArray of g_free'd strings) the gold files at path: path
 * itself when it names a *.gold.jsonl, else every one under the folder
 * path, walked recursively in name order. A path that is neither adds
 * nothing. */
void jx_eval_gold_files(const char *path, GPtrArray *out);

/* The document a gold file describes: the file beside it with the same
 * stem and another extension (a.gold.jsonl -> a.pdf). Returns a new path
 * (transfer full, g_free), or NULL when there is none (or gold does not
 * end in .gold.jsonl). */
char *jx_eval_document_for(const char *gold);

/* Compares a report with a baseline report (both JSON, from
 * jx_eval_report()): TRUE when every field's and format's F1 and the total
 * is at least the baseline's and its silent and confident errors at most
 * (a baseline without confident counts does not gate them). Else FALSE,
 * with a line per regression appended to why (or one line saying the
 * baseline is not JSON). */
gboolean jx_eval_meets_baseline(const char *report, const char *baseline, GString *why);

#endif
