/* A plugin "from a later minor version": every descriptor struct carries an extra trailing
 * field and declares the larger struct_size. The host must step through params[] and lines[]
 * by that struct_size, not by its own sizeof, and ignore the fields it does not know. */
#include "fault_common.h"

typedef struct {
    eqroi_param_desc v1;
    double step; /* e.g. a slider step a future host might use */
} wide_param_desc;

typedef struct {
    eqroi_line_desc v1;
    uint32_t colour;
} wide_line_desc;

typedef struct {
    eqroi_model v1;
    const char *url;
} wide_model;

typedef struct {
    eqroi_plugin v1;
    const char *licence;
} wide_plugin;

enum { HOURS, RATE, SHARE };

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch);

static const wide_param_desc params[] = {
    {{sizeof(wide_param_desc), 0, "hours", "Operating hours", "h/yr", "Hours per year.", NULL,
      2000.0, 0.0, 8760.0}, 10.0},
    {{sizeof(wide_param_desc), EQROI_PARAM_INTEGER, "rate", "Rate", "currency/h", "Per hour.",
      NULL, 3.0, 1.0, 50.0}, 1.0},
    {{sizeof(wide_param_desc), 0, "share", "Share", "fraction", "Part of the cost we carry.",
      NULL, 0.5, 0.0, 1.0}, 0.05}};
static const wide_line_desc lines[] = {
    {{sizeof(wide_line_desc), EQROI_CATEGORY_ENERGY, EQROI_TAX_DEDUCTIBLE, "energy", "Energy", "Energy bought."},
     0xff0000u},
    {{sizeof(wide_line_desc), EQROI_CATEGORY_LABOR, EQROI_TAX_NOT_TAXED, "labour", "Labour", NULL},
     0x00ff00u}};
static const wide_model model = {
    {sizeof(wide_model), 3, 2, "test_wide", "Wide model", "Structs from a later minor.",
     &params[0].v1, &lines[0].v1, evaluate, NULL},
    "https://example.invalid/wide"};
static const eqroi_model *const models[] = {&model.v1};
static const wide_plugin plugin = {{EQROI_ABI_MAJOR, EQROI_ABI_MINOR + 1, sizeof(wide_plugin), 1,
                                    "eqroi tests", "wide plugin", "1.1.0", models, NULL},
                                   "MIT"};

/* energy[k] = -hours * rate * share, labour[k] = -rate, for k >= 1. */
static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    uint32_t t, k;
    (void)m;
    for (t = 0; t < batch->trial_count; ++t)
        for (k = 1; k <= timing->periods; ++k) {
            batch->out[FAULT_OUT(timing, batch, t, 0, k)] =
                -batch->params[HOURS][t] * batch->params[RATE][t] * batch->params[SHARE][t];
            batch->out[FAULT_OUT(timing, batch, t, 1, k)] = -batch->params[RATE][t];
        }
    return EQROI_STATUS_OK;
}

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_minor;
    return host_major == EQROI_ABI_MAJOR ? &plugin.v1 : NULL;
}
