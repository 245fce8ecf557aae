#include "normalize/grid.h"

int jx_grid_at(const JxTable *t, int r, int c)
{
    if (c < 0 || r < 0 || r >= t->nrows || c >= t->ncols)
        return -1;
    return t->grid[r * t->ncols + c];
}

GArray *jx_grid_row_cells(const JxTable *t, int r)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
    int last = -1;
    for (int c = 0; c < t->ncols; c++) {
        int i = jx_grid_at(t, r, c);
        if (i >= 0 && i != last) {
            gboolean seen = FALSE;
            for (guint k = 0; k < a->len; k++)
                seen |= g_array_index(a, int, k) == i;
            if (!seen)
                g_array_append_val(a, i);
        }
        last = i;
    }
    return a;
}
