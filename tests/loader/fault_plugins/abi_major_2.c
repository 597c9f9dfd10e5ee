/* A plugin built against a future ABI 2.0 that (wrongly) answers a 1.x host anyway: the host
 * must refuse it from abi_major alone, reading nothing past the first two fields. */
#include "fault_common.h"

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)m, (void)timing, (void)batch;
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_abi_major_2", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = {2, 0, sizeof(eqroi_plugin), 1, "eqroi tests", "future plugin",
                                    "2.0.0", models, NULL};

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_major, (void)host_minor;
    return &plugin;
}
