/* Pieces shared by the C fault plugins: one ordinary parameter and one output line, so each
 * plugin file shows only the fault it is about. */
#ifndef EQROI_FAULT_COMMON_H
#define EQROI_FAULT_COMMON_H

#include <eqroi/plugin.h>

#include <stddef.h>

#define FAULT_HOURS_PARAM                                                                    \
    { sizeof(eqroi_param_desc), 0, "hours", "Operating hours", "h/yr", "Hours per year.",   \
      NULL, 100.0, 0.0, 10000.0 }

#define FAULT_COST_LINE                                                                      \
    { sizeof(eqroi_line_desc), EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE, "cost", "Cost", NULL }

/* A model with FAULT_HOURS_PARAM and FAULT_COST_LINE. */
#define FAULT_MODEL(id, params, lines, evaluate)                                             \
    { sizeof(eqroi_model), 1, 1, id, "Fault model " id, "A model for the loader tests.",     \
      params, lines, evaluate, NULL }

#define FAULT_PLUGIN(models, count)                                                          \
    { EQROI_ABI_MAJOR, EQROI_ABI_MINOR, sizeof(eqroi_plugin), count, "eqroi tests",          \
      "fault plugin", "0.0.1", models, NULL }

/* Index of period k of line l of trial t in batch->out. */
#define FAULT_OUT(timing, batch, t, l, k)                                                    \
    (((size_t)(t) * (batch)->line_count + (l)) * ((timing)->periods + 1) + (k))

#endif
