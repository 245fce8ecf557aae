/* The neutral document model that every extractor produces and every later
 * stage reads: a document is a sequence of blocks (paragraphs and tables);
 * a table is a grid of cells with row/column spans. Nothing in it says which
 * file format it came from.
 * Ownership: a JxDoc owns its blocks, a block its table, a table its cells;
 * jx_doc_free() frees everything. Text is UTF-8 as extracted (not cleaned). */
#ifndef JX_DOC_H
#define JX_DOC_H

#include <glib.h>

#include "common/flags.h"

typedef struct {
    int row, col;         /* top-left grid position, 0-based */
    int rowspan, colspan; /* >= 1 */
    char *text;           /* paragraphs joined with '\n'; never NULL */
    int page;             /* 1-based, 0 when the format has no pages */
    double x0, y0, x1, y1; /* box in points, all 0 when unknown */
    unsigned flags;       /* JX_FLAG_BIT()s of how it was read */
    gboolean runs_to_edge; /* the last line reaches the right edge: the text
                            * may go on in the same cell on the next page */
} JxCell;

typedef struct {
    int nrows, ncols;
    GPtrArray *cells;     /* JxCell*, in row-major order of their top-left */
    int *grid;            /* nrows*ncols indexes into cells, -1 = no cell */
    int page_start, page_end;
} JxTable;

typedef enum { JX_BLOCK_PARAGRAPH, JX_BLOCK_TABLE } JxBlockKind;

typedef struct {
    JxBlockKind kind;
    int page;             /* 1-based, 0 when the format has no pages */
    char *text;           /* paragraph text; NULL for tables */
    unsigned flags;       /* JX_FLAG_BIT()s of how it was read (OCR) */
    JxTable *table;       /* NULL for paragraphs */
} JxBlock;

/* How the boxes of a page relate to the page as a PDF viewer draws it: the
 * page turned by `angle` degrees (clockwise on screen) about its centre
 * (turned sideways, by about 90 or 270, its width and height swap), then
 * scaled by `scale`; box coordinates are points of that frame, origin top
 * left. A page with no view is upright at scale 1. */
typedef struct {
    int page;             /* 1-based */
    double angle, scale;
} JxPageView;

typedef struct {
    GPtrArray *blocks;    /* JxBlock*, in reading order */
    int pages;            /* 0 when the format has no pages */
    const char *format;   /* "docx", "pdf" ... (static string) */
    const char *text_source; /* "native", "ocr", "mixed", "none" (static) */
    GArray *pages_without_text; /* int, 1-based: image-only or empty pages */
    GArray *pages_garbled;      /* int, 1-based: text layer looks broken */
    guint ocr_pages;            /* pages whose text came from OCR */
    GArray *views;              /* JxPageView of the pages that are not upright at scale 1
                                 * (turned text, scans read at their own scale) */
    GPtrArray *notes;           /* char*, owned: what a user should be told (a missing OCR plugin) */
    unsigned flags;             /* JX_FLAG_BIT()s every record read from it carries (a reader's
                                 * doubt about the whole document, e.g. LAYOUT_ESTIMATED) */
} JxDoc;

/* A new empty document of `format` (a static string, not copied), text
 * source "native" (transfer full: free with jx_doc_free). Never fails. */
JxDoc *jx_doc_new(const char *format);
/* Frees doc with its blocks, tables, cells and notes; NULL is ignored. */
void jx_doc_free(JxDoc *doc);

/* Records how page's boxes relate to the page as drawn (replacing an
 * earlier view of it); angle 0 and scale 1 is the default and not kept. */
void jx_doc_set_view(JxDoc *doc, int page, double angle, double scale);
/* The view of page: as set, or upright at scale 1. */
JxPageView jx_doc_view(const JxDoc *doc, int page);

/* Appends a paragraph (takes a copy of text); returns its block (the
 * document owns it), whose flags the reader may set. */
JxBlock *jx_doc_add_paragraph(JxDoc *doc, const char *text, int page);
/* Appends a table; the document takes ownership of it. */
void jx_doc_add_table(JxDoc *doc, JxTable *table, int page);

/* A new table without cells (transfer full: free with jx_table_free, or
 * give it to jx_doc_add_table). Never fails. */
JxTable *jx_table_new(void);
/* Frees t with its cells; NULL is ignored. */
void jx_table_free(JxTable *t);
/* Adds a cell (takes a copy of text) and returns it, owned by the table.
 * Call jx_table_finish() after the last cell. */
JxCell *jx_table_add_cell(JxTable *t, int row, int col, int rowspan,
                          int colspan, const char *text);
/* Computes nrows/ncols and the grid. Overlapping cells: the first one wins. */
void jx_table_finish(JxTable *t);
/* The cell covering grid position (row, col), or NULL. Transfer none. */
JxCell *jx_table_cell_at(const JxTable *t, int row, int col);

#endif
