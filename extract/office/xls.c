#include "extract/office/xls.h"

#include <string.h>

#include "common/error.h"
#include "extract/office/biff.h"
#include "extract/office/numfmt.h"
#include "extract/office/ole2.h"
#include "extract/office/sheet.h"

/* BIFF8 record types (MS-XLS 2.3) */
enum {
    R_FORMULA = 0x0006, R_EOF = 0x000A, R_DATEMODE = 0x0022, R_FILEPASS = 0x002F,
    R_CODEPAGE = 0x0042, R_COLINFO = 0x007D, R_BOUNDSHEET = 0x0085, R_MULRK = 0x00BD,
    R_MULBLANK = 0x00BE, R_BLANK = 0x0201,
    R_RSTRING = 0x00D6, R_XF = 0x00E0, R_MERGECELLS = 0x00E5, R_SST = 0x00FC,
    R_LABELSST = 0x00FD, R_BOOLERR = 0x0205, R_NUMBER = 0x0203, R_LABEL = 0x0204,
    R_STRING = 0x0207, R_ROW = 0x0208, R_RK = 0x027E, R_FORMAT = 0x041E,
    R_BOF = 0x0809,
};
enum { BIFF8 = 0x0600, BIFF5 = 0x0500, DT_GLOBALS = 0x0005, DT_WORKSHEET = 0x0010 };

typedef struct {
    guint32 offset; /* of the sheet's BOF in the stream */
    gboolean hidden;
    char *name;
} SheetRef;

typedef struct {
    gboolean date1904;
    GPtrArray *sst;        /* char*: the shared strings */
    GHashTable *formats;   /* GINT_TO_POINTER(ifmt) -> char* code (FORMAT) */
    GArray *xf_fmt;        /* guint16: the number format of each XF */
    GArray *xf_box;        /* gboolean: the XF draws a border */
    GArray *sheets;        /* SheetRef, in workbook order */
    guint cells;           /* set so far, over every sheet */
    gsize scanned;         /* bytes of sheet records read, over every sheet */
} Book;

static void clear_sheet_ref(gpointer p)
{
    g_free(((SheetRef *)p)->name);
}

static void book_init(Book *bk)
{
    memset(bk, 0, sizeof *bk);
    bk->sst = g_ptr_array_new_with_free_func(g_free);
    bk->formats = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    bk->xf_fmt = g_array_new(FALSE, FALSE, sizeof(guint16));
    bk->xf_box = g_array_new(FALSE, FALSE, sizeof(gboolean));
    bk->sheets = g_array_new(FALSE, FALSE, sizeof(SheetRef));
    g_array_set_clear_func(bk->sheets, clear_sheet_ref);
}

static void book_clear(Book *bk)
{
    g_ptr_array_free(bk->sst, TRUE);
    g_hash_table_destroy(bk->formats);
    g_array_free(bk->xf_fmt, TRUE);
    g_array_free(bk->xf_box, TRUE);
    g_array_free(bk->sheets, TRUE);
}

static gboolean corrupt(GError **error, const JxBiff *b, const char *what)
{
    g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                "the XLS workbook stream is broken: %s (record 0x%04X at byte %" G_GSIZE_FORMAT ")",
                what, b->type, b->at);
    return FALSE;
}

/* A record body shorter than need is a lying record. */
#define NEED(b, n, error)                                                  \
    do {                                                                   \
        if ((b)->size < (gsize)(n))                                        \
            return corrupt(error, b, "a record is shorter than its kind"); \
    } while (0)

/* The BOF at the cursor: TRUE with its version and substream type. */
static gboolean read_bof(JxBiff *b, guint16 *vers, guint16 *dt, GError **error)
{
    if (!jx_biff_next(b, error)) {
        if (error && !*error)
            g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                        "the XLS workbook stream ends before a sheet begins");
        return FALSE;
    }
    if (b->type != R_BOF && b->type != 0x0009 && b->type != 0x0209 && b->type != 0x0409)
        return corrupt(error, b, "a sheet does not begin with BOF");
    NEED(b, 4, error);
    *vers = b->type == R_BOF ? jx_biff_u16(b, 0) : 0;
    *dt = jx_biff_u16(b, 2);
    return TRUE;
}

/* ---------- the workbook globals ---------- */

static gboolean read_sst(Book *bk, JxBiff *b, GError **error)
{
    NEED(b, 8, error);
    guint32 unique = jx_biff_u32(b, 4);
    JxBiffReader r;
    jx_biff_reader_init(&r, b, 8);
    for (guint32 i = 0; i < unique; i++) {
        /* a table that ends early (fewer strings than it claims) keeps
         * what it holds: a cell naming a missing one is the error */
        if (r.pos == b->size && (b->next + 4 > b->len ||
                                 (b->data[b->next] | b->data[b->next + 1] << 8) != JX_BIFF_CONTINUE))
            break;
        char *s = jx_biff_string(&r, FALSE, error);
        if (!s)
            return FALSE;
        g_ptr_array_add(bk->sst, s);
    }
    return TRUE;
}

static gboolean read_format(Book *bk, JxBiff *b, GError **error)
{
    NEED(b, 5, error);
    guint16 id = jx_biff_u16(b, 0);
    JxBiffReader r;
    jx_biff_reader_init(&r, b, 2);
    char *code = jx_biff_string(&r, FALSE, error);
    if (!code)
        return FALSE;
    g_hash_table_replace(bk->formats, GINT_TO_POINTER((int)id), code);
    return TRUE;
}

static gboolean read_boundsheet(Book *bk, JxBiff *b, GError **error)
{
    NEED(b, 8, error);
    SheetRef ref = {jx_biff_u32(b, 0), (b->body[4] & 3) != 0, NULL};
    if (b->body[5] != 0) /* a macro, chart or VBA sheet: no cells to read */
        return TRUE;
    JxBiffReader r;
    jx_biff_reader_init(&r, b, 6);
    if (!(ref.name = jx_biff_string(&r, TRUE, error)))
        return FALSE;
    g_array_append_val(bk->sheets, ref);
    return TRUE;
}

static gboolean read_globals(Book *bk, JxBiff *b, GError **error)
{
    guint16 vers, dt;
    if (!read_bof(b, &vers, &dt, error))
        return FALSE;
    if (vers != BIFF8) {
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "a %s workbook is not read: save it as XLS (Excel 97-2003) or XLSX",
                    vers == BIFF5 ? "BIFF5 (Excel 5.0/95)" : "BIFF4 or older (Excel 4.0 or before)");
        return FALSE;
    }
    if (dt != DT_GLOBALS)
        return corrupt(error, b, "the stream does not begin with the workbook globals");
    GError *err = NULL;
    while (jx_biff_next(b, &err)) {
        gboolean ok = TRUE;
        switch (b->type) {
        case R_EOF:
            return TRUE;
        case R_FILEPASS:
            g_set_error(error, JX_ERROR, JX_ERROR_ENCRYPTED,
                        "the XLS workbook is encrypted (it needs a password)");
            return FALSE;
        case R_DATEMODE:
            NEED(b, 2, error);
            bk->date1904 = jx_biff_u16(b, 0) == 1;
            break;
        case R_CODEPAGE:
            /* BIFF8 strings are UTF-16 or Latin-1 whatever it says: the
             * code page only matters to BIFF5, which is not read */
            break;
        case R_FORMAT:
            ok = read_format(bk, b, error);
            break;
        case R_XF: {
            NEED(b, 14, error);
            guint16 ifmt = jx_biff_u16(b, 2);
            /* dgLeft, dgRight, dgTop, dgBottom: 4 bits each */
            gboolean box = (jx_biff_u16(b, 10) & 0xFFFF) != 0;
            g_array_append_val(bk->xf_fmt, ifmt);
            g_array_append_val(bk->xf_box, box);
            break;
        }
        case R_BOUNDSHEET:
            ok = read_boundsheet(bk, b, error);
            break;
        case R_SST:
            ok = read_sst(bk, b, error);
            break;
        default:
            break;
        }
        if (!ok)
            return FALSE;
    }
    if (err)
        g_propagate_error(error, err);
    else
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "the XLS workbook stream ends inside the workbook globals");
    return FALSE;
}

/* ---------- cells ---------- */

/* The number an RK value holds (MS-XLS 2.5.217). */
static double rk_value(guint32 rk)
{
    double v;
    if (rk & 2) {
        v = (double)((gint32)rk >> 2);
    } else {
        guint64 u = (guint64)(rk & 0xFFFFFFFCu) << 32;
        memcpy(&v, &u, sizeof v);
    }
    return rk & 1 ? v / 100 : v;
}

/* Sets cell (row, col) of XF xf to text ("" for a blank one: it still
 * marks the table's extent), boxed when its XF draws a border. */
static gboolean put(Book *bk, JxSheet *sh, const JxBiff *b, guint32 row, guint32 col,
                    guint16 xf, const char *text, GError **error)
{
    if (col >= JX_SHEET_MAX_COLS)
        return corrupt(error, b, "a cell lies past the last column");
    if (xf >= bk->xf_fmt->len)
        return corrupt(error, b, "a cell names an XF record that is not there");
    if (bk->cells >= JX_SHEET_MAX_CELLS || !jx_sheet_set(sh, row, col, text)) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "the XLS workbook holds more than %u cells", JX_SHEET_MAX_CELLS);
        return FALSE;
    }
    if (g_array_index(bk->xf_box, gboolean, xf))
        jx_sheet_box(sh, row, col);
    bk->cells++;
    return TRUE;
}

/* Puts number v as the cell's format xf shows it. */
static gboolean put_number(Book *bk, JxSheet *sh, const JxBiff *b, guint32 row, guint32 col,
                           guint16 xf, double v, GError **error)
{
    /* a cell naming a format the workbook does not have may show anything */
    if (xf >= bk->xf_fmt->len)
        return corrupt(error, b, "a cell names an XF record that is not there");
    guint16 ifmt = g_array_index(bk->xf_fmt, guint16, xf);
    const char *code = g_hash_table_lookup(bk->formats, GINT_TO_POINTER((int)ifmt));
    if (!code)
        code = jx_numfmt_builtin(ifmt);
    char *text = jx_numfmt_render(v, code, bk->date1904);
    gboolean ok = put(bk, sh, b, row, col, xf, text, error);
    g_free(text);
    if (ok && jx_numfmt_loses_digits(v, code)) /* an ID typed as a number */
        jx_sheet_flag(sh, row, col, JX_FLAG_BIT(JX_FLAG_DIGITS_LOST));
    return ok;
}

/* What a BOOLERR or a formula's boolean or error result shows. */
static const char *bool_err_text(guint8 value, gboolean is_error)
{
    if (!is_error)
        return value ? "TRUE" : "FALSE";
    switch (value) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    default: return "#N/A";
    }
}

typedef struct {
    gboolean pending; /* a FORMULA with a string result waits for its STRING */
    guint32 row, col;
    guint16 xf;
} Formula;

static gboolean read_mulrk(Book *bk, JxSheet *sh, JxBiff *b, GError **error)
{
    NEED(b, 6, error);
    guint32 row = jx_biff_u16(b, 0), first = jx_biff_u16(b, 2);
    gsize n = (b->size - 6) / 6;
    if (b->size != 6 + 6 * n || jx_biff_u16(b, b->size - 2) != first + n - 1)
        return corrupt(error, b, "a MULRK's columns do not match its size");
    for (gsize i = 0; i < n; i++)
        if (!put_number(bk, sh, b, row, first + (guint32)i, jx_biff_u16(b, 4 + 6 * i),
                        rk_value(jx_biff_u32(b, 6 + 6 * i)), error))
            return FALSE;
    return TRUE;
}

static gboolean read_mulblank(Book *bk, JxSheet *sh, JxBiff *b, GError **error)
{
    NEED(b, 6, error);
    guint32 row = jx_biff_u16(b, 0), first = jx_biff_u16(b, 2);
    gsize n = (b->size - 6) / 2;
    if (b->size != 6 + 2 * n || jx_biff_u16(b, b->size - 2) != first + n - 1)
        return corrupt(error, b, "a MULBLANK's columns do not match its size");
    for (gsize i = 0; i < n; i++)
        if (!put(bk, sh, b, row, first + (guint32)i, jx_biff_u16(b, 4 + 2 * i), "", error))
            return FALSE;
    return TRUE;
}

static gboolean read_merges(JxSheet *sh, JxBiff *b, GError **error)
{
    NEED(b, 2, error);
    guint n = jx_biff_u16(b, 0);
    NEED(b, 2 + 8 * (gsize)n, error);
    for (guint i = 0; i < n; i++) {
        gsize o = 2 + 8 * (gsize)i;
        guint32 r0 = jx_biff_u16(b, o), r1 = jx_biff_u16(b, o + 2);
        guint32 c0 = jx_biff_u16(b, o + 4), c1 = jx_biff_u16(b, o + 6);
        if (r0 > r1 || c0 > c1 || c1 >= JX_SHEET_MAX_COLS)
            return corrupt(error, b, "a merged range is inverted or out of the sheet");
        if (!jx_sheet_merge(sh, r0, c0, r1, c1)) {
            g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                        "the XLS sheet's merged ranges cover more than %u cells",
                        JX_SHEET_MAX_CELLS);
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean read_formula(Book *bk, JxSheet *sh, JxBiff *b, Formula *f, GError **error)
{
    NEED(b, 20, error);
    guint32 row = jx_biff_u16(b, 0), col = jx_biff_u16(b, 2);
    guint16 xf = jx_biff_u16(b, 4);
    if (jx_biff_u16(b, 12) != 0xFFFF)
        return put_number(bk, sh, b, row, col, xf, jx_biff_f64(b, 6), error);
    switch (b->body[6]) {
    case 0: /* a string, in the STRING record that follows */
        f->pending = TRUE;
        f->row = row;
        f->col = col;
        f->xf = xf;
        return TRUE;
    case 1:
    case 2:
        return put(bk, sh, b, row, col, xf, bool_err_text(b->body[8], b->body[6] == 2), error);
    default: /* 3: the empty string */
        return put(bk, sh, b, row, col, xf, "", error);
    }
}

/* The STRING record of a formula's string result. */
static gboolean read_string(Book *bk, JxSheet *sh, JxBiff *b, Formula *f, GError **error)
{
    if (!f->pending)
        return TRUE;
    f->pending = FALSE;
    JxBiffReader r;
    jx_biff_reader_init(&r, b, 0);
    char *s = jx_biff_string(&r, FALSE, error);
    gboolean ok = s && put(bk, sh, b, f->row, f->col, f->xf, s, error);
    g_free(s);
    return ok;
}

/* A cell record: row, column, XF and what it shows. */
static gboolean read_cell(Book *bk, JxSheet *sh, JxBiff *b, Formula *f, GError **error)
{
    if (b->type == R_STRING)
        return read_string(bk, sh, b, f, error);
    if (b->type != R_LABELSST && b->type != R_LABEL && b->type != R_RSTRING &&
        b->type != R_NUMBER && b->type != R_RK && b->type != R_BOOLERR && b->type != R_FORMULA &&
        b->type != R_BLANK)
        return TRUE;
    NEED(b, 6, error);
    guint32 row = jx_biff_u16(b, 0), col = jx_biff_u16(b, 2);
    guint16 xf = jx_biff_u16(b, 4);
    JxBiffReader r;
    switch (b->type) {
    case R_LABELSST: {
        NEED(b, 10, error);
        guint32 i = jx_biff_u32(b, 6);
        if (i >= bk->sst->len)
            return corrupt(error, b, "a cell names a shared string that is not there");
        return put(bk, sh, b, row, col, xf, g_ptr_array_index(bk->sst, i), error);
    }
    case R_LABEL:
    case R_RSTRING: {
        jx_biff_reader_init(&r, b, 6);
        char *s = jx_biff_string(&r, FALSE, error);
        gboolean ok = s && put(bk, sh, b, row, col, xf, s, error);
        g_free(s);
        return ok;
    }
    case R_NUMBER:
        NEED(b, 14, error);
        return put_number(bk, sh, b, row, col, xf, jx_biff_f64(b, 6), error);
    case R_RK:
        NEED(b, 10, error);
        return put_number(bk, sh, b, row, col, xf, rk_value(jx_biff_u32(b, 6)), error);
    case R_BOOLERR:
        NEED(b, 8, error);
        return put(bk, sh, b, row, col, xf, bool_err_text(b->body[6], b->body[7] != 0), error);
    case R_BLANK:
        return put(bk, sh, b, row, col, xf, "", error);
    default:
        return read_formula(bk, sh, b, f, error);
    }
}

/* ---------- a worksheet ---------- */

static gboolean read_sheet(Book *bk, const SheetRef *ref, const guint8 *s, gsize len,
                           JxDoc *doc, GError **error)
{
    JxBiff b;
    jx_biff_init(&b, s, len, ref->offset);
    guint16 vers, dt;
    if (ref->offset >= len) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "the XLS sheet \"%s\" lies past the end of the workbook stream", ref->name);
        return FALSE;
    }
    if (!read_bof(&b, &vers, &dt, error))
        return FALSE;
    if (dt != DT_WORKSHEET) /* a chart or macro sheet */
        return TRUE;
    JxSheet *sh = jx_sheet_new(ref->name, ref->hidden);
    Formula f = {FALSE, 0, 0, 0};
    GError *err = NULL;
    gboolean ok = TRUE, done = FALSE;
    int depth = 0; /* of substreams (embedded charts) inside the sheet */
    while (ok && !done && jx_biff_next(&b, &err)) {
        /* sheets of a real workbook do not overlap: more sheet bytes than
         * the stream holds means sheets that share records (read again
         * and again, a workbook could cost time without end) */
        if (bk->scanned + (b.next - ref->offset) > len) {
            ok = corrupt(error, &b, "two sheets share their records");
            break;
        }
        /* SHRFMLA, ARRAY and TABLE may stand between a FORMULA and its STRING */
        if (b.type != R_STRING && b.type != 0x04BC && b.type != 0x0221 && b.type != 0x0236)
            f.pending = FALSE;
        if (b.type == R_BOF) {
            depth++;
            continue;
        }
        if (b.type == R_EOF) {
            if (depth == 0)
                done = TRUE;
            else
                depth--;
            continue;
        }
        if (depth > 0)
            continue;
        switch (b.type) {
        case R_ROW:
            if (!(ok = b.size >= 16 || corrupt(error, &b, "a ROW record is too short")))
                break;
            if (jx_biff_u16(&b, 12) & 0x20) /* fDyZero */
                jx_sheet_hide_row(sh, jx_biff_u16(&b, 0));
            break;
        case R_COLINFO:
            if (!(ok = b.size >= 10 || corrupt(error, &b, "a COLINFO record is too short")))
                break;
            if (jx_biff_u16(&b, 8) & 1) { /* fHidden */
                /* BIFF8 has 256 columns; Excel writes colLast 256 for "to the end" */
                guint32 last = MIN((guint32)jx_biff_u16(&b, 2), 255u);
                for (guint32 c = jx_biff_u16(&b, 0); c <= last; c++)
                    jx_sheet_hide_col(sh, c);
            }
            break;
        case R_MERGECELLS:
            ok = read_merges(sh, &b, error);
            break;
        case R_MULRK:
            ok = read_mulrk(bk, sh, &b, error);
            break;
        case R_MULBLANK:
            ok = read_mulblank(bk, sh, &b, error);
            break;
        default:
            ok = read_cell(bk, sh, &b, &f, error);
            break;
        }
    }
    if (ok && err) {
        g_propagate_error(error, g_steal_pointer(&err));
        ok = FALSE;
    } else if (ok && !done) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                    "the XLS sheet \"%s\" ends before its EOF record", ref->name);
        ok = FALSE;
    }
    g_clear_error(&err);
    bk->scanned += b.next - ref->offset;
    ok = ok && jx_sheet_to_doc(sh, doc, error);
    jx_sheet_free(sh);
    return ok;
}

JxDoc *jx_xls_read(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    static const char *const STREAMS[] = {"Workbook", "Book", NULL};
    const char *name = NULL;
    gsize slen = 0;
    GError *err = NULL;
    guint8 *s = jx_ole2_read(data, len, STREAMS, &name, &slen, &err);
    if (!s) {
        if (g_error_matches(err, JX_ERROR, JX_ERROR_UNSUPPORTED))
            g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                        "the OLE2 file holds no workbook (no Workbook stream): not an XLS");
        else
            g_propagate_error(error, g_steal_pointer(&err));
        g_clear_error(&err);
        return NULL;
    }
    if (strcmp(name, "Book") == 0) {
        g_free(s);
        g_set_error(error, JX_ERROR, JX_ERROR_UNSUPPORTED,
                    "a BIFF5 (Excel 5.0/95) workbook is not read: save it as XLS "
                    "(Excel 97-2003) or XLSX");
        return NULL;
    }
    Book bk;
    book_init(&bk);
    JxBiff b;
    jx_biff_init(&b, s, slen, 0);
    JxDoc *doc = NULL;
    if (read_globals(&bk, &b, error)) {
        doc = jx_doc_new("xls");
        GHashTable *offsets = g_hash_table_new(NULL, NULL);
        for (guint i = 0; i < bk.sheets->len; i++) {
            const SheetRef *ref = &g_array_index(bk.sheets, SheetRef, i);
            gboolean again = !g_hash_table_add(offsets, GUINT_TO_POINTER(ref->offset + 1u));
            if (again)
                g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT,
                            "the XLS workbook is broken: two sheets share their records "
                            "(at byte %u)", ref->offset);
            if (again || !read_sheet(&bk, ref, s, slen, doc, error)) {
                g_clear_pointer(&doc, jx_doc_free);
                break;
            }
        }
        g_hash_table_destroy(offsets);
    }
    book_clear(&bk);
    g_free(s);
    return doc;
}
