/* Parameter "hours" declares min 10 > max 5. */
#include "fault_common.h"

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)m, (void)timing, (void)batch;
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {
    {sizeof(eqroi_param_desc), 0, "hours", "Operating hours", "h/yr", "Hours per year.", NULL,
     7.0, 10.0, 5.0}};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_min_gt_max", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 1);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_major, (void)host_minor;
    return &plugin;
}
