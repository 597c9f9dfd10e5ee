/* evaluate returns EQROI_STATUS_EVALUATION_FAILED with a message built from the input. The
 * newline in it must reach the user as a space: a plugin does not get to write control
 * characters (or terminal escapes) into the host's output. */
#include "fault_common.h"

#include <stdio.h>

static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)m, (void)timing;
    snprintf(batch->error, batch->error_capacity, "%.0f hours exceed\nthe service interval",
             batch->params[0][0]);
    return EQROI_STATUS_EVALUATION_FAILED;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_eval_error", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 1);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_major, (void)host_minor;
    return &plugin;
}
