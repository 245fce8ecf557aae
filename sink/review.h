/* The review page: one self-contained HTML page per document (`jixiao
 * review`) that shows each form's records beside where they were read: the
 * page image with the table's cells outlined, or, for formats without pages,
 * the table grid as read. Flagged and low-confidence records stand out
 * (coloured by the kind of their flags), failed checks show their
 * arithmetic, and a filter keeps only what needs a look. No external
 * scripts, styles or fonts: the page works offline in any browser.
 * It writes what it is given; the page images come from the caller. */
#ifndef JX_REVIEW_H
#define JX_REVIEW_H

#include <glib.h>

#include "common/ruleset.h"
#include "extract/doc.h"
#include "rules/record.h"

/* Pixels per point of the page images: screen resolution (96 dpi). */
#define JX_REVIEW_SCALE (96.0 / 72.0)

/* An image of page (1-based) as its view says the boxes see it (turned
 * and scaled), at `px` pixels per point of that frame (transfer full), its
 * type in *mime ("image/png", static) and the frame's size in its points in
 * *w and *h; picture: the page is a scan (pages_without_text), which may
 * be drawn lossy. NULL when it cannot be drawn (the tables of the forms on
 * it are then shown as grids). */
typedef GBytes *(*JxReviewPageFn)(int page, const JxPageView *view, double px, gboolean picture,
                                  double *w, double *h, const char **mime, gpointer ctx);

typedef struct {
    guint forms, records, need; /* records: fund lines, indicators and form totals */
} JxReviewCounts;

/* Whether a record needs a look: confidence under 0.9, or a flag the rules
 * penalize by 0.1 or more (the `penalty` rules; 0.1 for a flag without one). */
gboolean jx_review_needs_look(double confidence, guint flags, const JxRuleset *rs);

/* Appends the review page of the document read from `source`: doc is the
 * model res was read from (the one its JxSource cell references point
 * into), page_fn (may be NULL: no images) draws its pages. Sets *counts
 * (may be NULL). Never fails. */
void jx_review_html(GString *out, const char *source, const JxDoc *doc, const JxResult *res,
                    const JxRuleset *rs, JxReviewPageFn page_fn, gpointer ctx,
                    JxReviewCounts *counts);

/* One document of a batch summary. Strings are not owned. */
typedef struct {
    const char *source; /* the input path */
    const char *href;   /* its review page, relative to the summary; NULL when none */
    const char *error;  /* why it has none ("IO: cannot open ..."), else NULL */
    JxReviewCounts counts;
} JxReviewEntry;

/* Appends the summary page of a batch: totals, and per document its counts
 * and a link to its page. Never fails. */
void jx_review_index_html(GString *out, const JxReviewEntry *entries, guint n);

#endif
