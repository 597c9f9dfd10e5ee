/* One descriptor fault per build: CMake compiles this file once per value of FAULT into
 * descriptor_faults/fault_<FAULT>.so. Each should be refused at load time with its own reason
 * (see the table in loader_descriptor_test.cpp). */
#include "fault_common.h"

#ifndef FAULT
#error "build with -DFAULT=<n>"
#endif

#if FAULT != 10
static eqroi_status evaluate(const eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)m, (void)timing, (void)batch;
    return EQROI_STATUS_OK;
}
#endif

#define PARAM(flags, key, choices, def, min, max)                                            \
    { sizeof(eqroi_param_desc), flags, key, "Label", "", "Help.", choices, def, min, max }

static eqroi_param_desc params[] = {
#if FAULT == 3
    PARAM(EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER, "method", "a|b", 0, 0, 2),
#elif FAULT == 4
    PARAM(EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER, "method", "a||b", 0, 0, 2),
#elif FAULT == 5
    PARAM(EQROI_PARAM_INTEGER, "hours", NULL, 2.5, 0, 10),
#elif FAULT == 6
    PARAM(EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER, "flag", NULL, 0, 0, 2),
#elif FAULT == 8
    PARAM(0, "hours", NULL, 20000, 0, 10000),
#else
    PARAM(0, "hours", NULL, 100, 0, 10000),
#endif
    PARAM(0, "rate", NULL, 1, 0, 10)};

static eqroi_line_desc lines[] = {FAULT_COST_LINE};

static const eqroi_model model = {sizeof(eqroi_model), 2, 1, "test_descriptor_fault", "Fault",
                                  "Descriptor fault.", params, lines,
#if FAULT == 10
                                  NULL,
#else
                                  evaluate,
#endif
                                  NULL};
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = FAULT_PLUGIN(models, 1);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_major, uint32_t host_minor) {
    (void)host_major, (void)host_minor;
    /* Faults that C initialisers cannot express are applied here, before the host looks. */
#if FAULT == 1
    params[1].struct_size = sizeof(eqroi_param_desc) + 8;
#elif FAULT == 2
    params[0].struct_size = 0xdeadbeefu;
#elif FAULT == 7
    lines[0].category = EQROI_CATEGORY_COUNT_V1;
#elif FAULT == 9
    return NULL;
#endif
    return &plugin;
}
