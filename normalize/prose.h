/* Prose: a document's running text as a reader takes it, paragraph by
 * paragraph, for the stages that read figures in sentences (rules/facts.h).
 * Lines wrapped inside a paragraph and across a page break are joined, page
 * numbers and other `prosedrop` lines and running headers and footers (a
 * short line that opens or closes three pages or more) are left out, the
 * text is cleaned like every text (normalize/text.h: LaTeX residue, NFKC,
 * wrap spaces). Tables are not prose: a figure printed only in a table is
 * not read here. A line that opens with a list number (`prosehead` rules:
 * 一、 （二） 1、) opens a paragraph.
 * Ownership: every function returns new memory the caller frees as it says;
 * none fails. Pure and thread-safe. */
#ifndef JX_PROSE_H
#define JX_PROSE_H

#include "common/ruleset.h"
#include "extract/doc.h"

typedef struct {
    char *text;     /* cleaned, lines joined; never empty */
    int page;       /* page of its first line, 0 when the format has none */
    unsigned flags; /* JX_FLAG_BIT()s of the blocks it came from (OCR) */
} JxProse;

/* The paragraphs of doc in reading order: a new GPtrArray of JxProse*
 * (transfer full; g_ptr_array_unref frees them too). */
GPtrArray *jx_prose_read(const JxDoc *doc, const JxRuleset *rs);

/* The sentences of a paragraph's text, split after 。！？ (and ! ?), each
 * with its end mark, trimmed, none empty: a new GPtrArray of char*
 * (transfer full; g_ptr_array_unref frees them). */
GPtrArray *jx_prose_sentences(const char *text);

#endif
