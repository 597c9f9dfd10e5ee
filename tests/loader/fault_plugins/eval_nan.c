/* evaluate returns OK but leaves NaN in period 2 of every trial. */
#include "fault_common.h"

#include <math.h>

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    uint32_t t;
    (void)m;
    for (t = 0; t < batch->trial_count; ++t) {
        batch->out[FAULT_OUT(timing, batch, t, 0, 1)] = -batch->params[0][t];
        batch->out[FAULT_OUT(timing, batch, t, 0, 2)] = NAN;
    }
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_eval_nan", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 1);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_major, (void)host_minor;
    return &plugin;
}
