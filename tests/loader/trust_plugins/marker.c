/* A valid plugin whose constructor leaves a mark: as soon as the library is loaded, before any
 * function of it is called, it writes "constructor ran" to the file named by EQROI_TEST_MARKER.
 * A plugin refused for trust must leave no mark: refused before any of its code runs.
 * Its vendor name has quotes, a backslash and non-ASCII letters, so approving it goes through
 * TOML escaping and back before the host compares it with what the plugin declares. */
#include "fault_common.h"

#include <stdio.h>
#include <stdlib.h>

/* Keep in step with kMarkerVendor in trust_test.cpp: Müller & "Söhne" Test\Vendor */
#define MARKER_VENDOR "M\303\274ller & \"S\303\266hne\" Test\\Vendor"

__attribute__((constructor)) static void leave_mark(void) {
    const char *path = getenv("EQROI_TEST_MARKER");
    FILE *f;
    if (!path || !*path) return;
    f = fopen(path, "w");
    if (!f) return;
    fputs("constructor ran\n", f);
    fclose(f);
}

/* cost[k] = -hours for k >= 1. */
static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    uint32_t t, k;
    (void)m;
    for (t = 0; t < batch->trial_count; ++t)
        for (k = 1; k <= timing->periods; ++k)
            batch->out[FAULT_OUT(timing, batch, t, 0, k)] = -batch->params[0][t];
    return EQROI_STATUS_OK;
}

static const eqroi_param_desc params[] = {FAULT_HOURS_PARAM};
static const eqroi_line_desc lines[] = {FAULT_COST_LINE};
static const eqroi_model model = FAULT_MODEL("test_marker", params, lines, evaluate);
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = {EQROI_ABI_MAJOR, EQROI_ABI_MINOR, sizeof(eqroi_plugin), 1,
                                    MARKER_VENDOR, "marker plugin", "0.0.1", models, NULL};

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_minor;
    return host_major == EQROI_ABI_MAJOR ? &plugin : NULL;
}
