/* Links against a function nobody defines: dlopen with RTLD_NOW fails. The message must name
 * the user's file, not the /proc/self/fd path the bytes were loaded through. */
#include "fault_common.h"

extern double eqroi_test_symbol_nobody_defines(double hours);

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)m;
    batch->out[FAULT_OUT(timing, batch, 0, 0, 1)] =
        eqroi_test_symbol_nobody_defines(batch->params[0][0]);
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_undefined", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 1);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_minor;
    return host_major == EQROI_ABI_MAJOR ? &plugin : NULL;
}
