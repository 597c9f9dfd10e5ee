/* Declares the id "test_good" that good.so already provides: loaded after good.so it must be
 * refused; loaded first (its directory earlier in the search path) it wins. It charges a flat
 * -1 per period so a test can tell which of the two answered. */
#include "fault_common.h"

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    uint32_t t, k;
    (void)m;
    for (t = 0; t < batch->trial_count; ++t)
        for (k = 1; k <= timing->periods; ++k) batch->out[FAULT_OUT(timing, batch, t, 0, k)] = -1.0;
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_good", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 1);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_minor;
    return host_major == EQROI_ABI_MAJOR ? &plugin : NULL;
}
