/* Two models in one plugin with the same id "test_duplicate". */
#include "fault_common.h"

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)m, (void)timing, (void)batch;
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model first = FAULT_MODEL("test_duplicate", params, lines, evaluate);
static const eqroi_model second = FAULT_MODEL("test_duplicate", params, lines, evaluate);
static const eqroi_model *const models[] = {&first, &second};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 2);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_major, (void)host_minor;
    return &plugin;
}
