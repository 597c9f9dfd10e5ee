/* Compiled as strict C99 (-std=c99 -pedantic -Wall -Wextra -Werror) by GCC and clang: plugin.h
 * must be usable by a vendor with nothing but a C compiler. It touches every type and macro of
 * the header so a construct C99 does not allow shows up here. */
#include <eqroi/plugin.h>

#include <stddef.h>
#include <string.h>

static eqroi_status evaluate(const struct eqroi_model *model, const eqroi_timing *timing,
                             const eqroi_batch *batch);

static const eqroi_param_desc params[] = {
    {sizeof(eqroi_param_desc), EQROI_PARAM_INTEGER | EQROI_PARAM_REQUIRED, "technicians",
     "Technicians", "", "Headcount on the contract.", NULL, 1.0, 1.0, 10.0},
    {sizeof(eqroi_param_desc), EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER, "covers_repairs",
     "Covers repairs", "", "Whether the contract covers repairs.", NULL, 0.0, 0.0, 1.0},
    {sizeof(eqroi_param_desc), EQROI_PARAM_PER_PERIOD, "hours", "Hours", "h", "Per period.",
     NULL, 4000.0, 0.0, 8760.0},
    {sizeof(eqroi_param_desc), EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER, "method", "Method", "",
     "How downtime is costed.", "lost_output|overtime", 0.0, 0.0, 1.0}};

static const eqroi_line_desc lines[] = {
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE, "service",
     "Service", "Yearly service fee (ABI 1.1 help)."},
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_LEASE, EQROI_TAX_NOT_TAXED, "deposit", "Deposit",
     NULL},
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_COUNT_V1 - 1, EQROI_TAX_COUNT_V1 - 1, "last",
     "Last", NULL}};

static const eqroi_model model = {sizeof(eqroi_model), sizeof params / sizeof params[0],
                                  sizeof lines / sizeof lines[0], "c99_service", "C99 service",
                                  "A plugin in strict C99.", params, lines, evaluate, NULL};
static const eqroi_model *const models[] = {&model};

static const void *get_extension(const struct eqroi_plugin *plugin, const char *id) {
    (void)plugin, (void)id;
    return NULL;
}

static const eqroi_plugin plugin = {EQROI_ABI_MAJOR, EQROI_ABI_MINOR, sizeof(eqroi_plugin), 1,
                                    "eqroi tests", "C99 plugin", "1.0.0", models, get_extension};

static eqroi_status evaluate(const struct eqroi_model *m, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    uint32_t t, k;
    const size_t width = (size_t)timing->periods + 1;
    (void)m;
    if (batch->params[0][0] > 9.0) {
        const char message[] = "too many technicians";
        size_t n = strlen(message);
        if (n >= batch->error_capacity) n = batch->error_capacity - 1;
        memcpy(batch->error, message, n);
        batch->error[n] = '\0';
        return EQROI_STATUS_INVALID_PARAMETER;
    }
    for (t = 0; t < batch->trial_count; ++t) {
        const double *hours = batch->params[2] + t * width;
        for (k = 1; k <= timing->periods; ++k)
            batch->out[(t * batch->line_count + 0) * width + k] =
                -hours[k] * batch->params[0][t] / timing->periods_per_year;
    }
    return EQROI_STATUS_OK;
}

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_abi_major,
                                                    uint32_t host_abi_minor);

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_abi_major,
                                                    uint32_t host_abi_minor) {
    eqroi_entry_fn self = eqroi_plugin_entry; /* the declared type matches the exported one */
    eqroi_evaluate_fn fn = evaluate;
    (void)self, (void)fn, (void)host_abi_minor;
    return host_abi_major == EQROI_ABI_MAJOR ? &plugin : NULL;
}
