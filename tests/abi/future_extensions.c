/* An ABI 1.1 plugin from a vendor a little ahead of this host: it implements extensions the
 * host does not know, and a revision of "eqroi.plugin-info/1" with a field appended.
 *
 * get_extension logs every id it is asked for ("get_extension <id>", test_log.h) and answers
 *   "eqroi.plugin-info/1"  a valid eqroi_plugin_info whose struct_size is larger than the host's
 *                          (a later revision appended security_contact): the host must copy
 *                          only the fields it knows;
 *   "eqroi.plugin-info/2", "acme.future-thing/3"
 *                          a pointer into an unreadable page: ids the host does not know, so it
 *                          must never ask for them, and would fault if it used the answer.
 * Its lines carry the 1.1 help field (one of them NULL), which the host must read.
 *
 * The model (operator training), per period: training[1] = -(operators * course_fee);
 * certification[k] = -(operators * 40 / periods_per_year) for k = 1..N.
 */
#include <eqroi/ext/plugin_info.h>
#include <eqroi/plugin.h>

#include <stddef.h>
#include <string.h>

#include "guard_page.h"
#include "test_log.h"

/* plugin-info/1 as a later revision may define it: the same fields, then one more. */
typedef struct plugin_info_later {
    eqroi_plugin_info v1;
    const char *security_contact;
} plugin_info_later;

static const plugin_info_later info = {
    {.struct_size = sizeof(plugin_info_later),
     .homepage = "https://tools.example/eqroi",
     .support = "support@tools.example",
     .license = "LicenseRef-Example-Tools"},
    .security_contact = "security@tools.example"};

/* Where the "junk" answers point; set by the entry function. */
static const void *junk = NULL;

static const void *get_extension(const eqroi_plugin *plugin, const char *id) {
    (void)plugin;
    test_log("get_extension %s\n", id ? id : "(null)");
    if (!id) return NULL;
    if (strcmp(id, EQROI_EXT_PLUGIN_INFO) == 0) return &info.v1;
    if (strcmp(id, "eqroi.plugin-info/2") == 0 || strcmp(id, "acme.future-thing/3") == 0)
        return junk;
    return NULL;
}

enum { P_OPERATORS, P_FEE, P_COUNT };
enum { L_TRAINING, L_CERTIFICATION, L_COUNT };

static const eqroi_param_desc params[P_COUNT] = {
    [P_OPERATORS] = {.struct_size = sizeof(eqroi_param_desc),
                     .flags = EQROI_PARAM_INTEGER,
                     .key = "operators",
                     .label = "Operators",
                     .unit = "",
                     .help = "Operators to train on the machine.",
                     .default_value = 2.0,
                     .min_value = 0.0,
                     .max_value = 100.0},
    [P_FEE] = {.struct_size = sizeof(eqroi_param_desc),
               .key = "course_fee",
               .label = "Course fee",
               .unit = "currency",
               .help = "Fee per operator for the initial course.",
               .default_value = 1000.0,
               .min_value = 0.0,
               .max_value = 100000.0}};

static const eqroi_line_desc lines[L_COUNT] = {
    [L_TRAINING] = {.struct_size = sizeof(eqroi_line_desc),
                    .category = EQROI_CATEGORY_TRAINING,
                    .tax_treatment = EQROI_TAX_DEDUCTIBLE,
                    .key = "training",
                    .label = "Initial training",
                    .help = "Course fees for every operator, paid in the first period."},
    [L_CERTIFICATION] = {.struct_size = sizeof(eqroi_line_desc),
                         .category = EQROI_CATEGORY_TRAINING,
                         .tax_treatment = EQROI_TAX_DEDUCTIBLE,
                         .key = "certification",
                         .label = "Certification",
                         .help = NULL}};

static eqroi_status evaluate(const eqroi_model *model, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    const size_t width = (size_t)timing->periods + 1;
    uint32_t t, k;
    (void)model;
    for (t = 0; t < batch->trial_count; ++t) {
        const double operators = batch->params[P_OPERATORS][t];
        double *training = batch->out + ((size_t)t * batch->line_count + L_TRAINING) * width;
        double *certification =
            batch->out + ((size_t)t * batch->line_count + L_CERTIFICATION) * width;
        if (timing->periods >= 1) training[1] = -(operators * batch->params[P_FEE][t]);
        for (k = 1; k <= timing->periods; ++k)
            certification[k] = -(operators * 40.0 / timing->periods_per_year);
    }
    return EQROI_STATUS_OK;
}

static const eqroi_model model = {.struct_size = sizeof(eqroi_model),
                                  .param_count = P_COUNT,
                                  .line_count = L_COUNT,
                                  .id = "abi_future_extensions",
                                  .name = "Operator training (future extensions)",
                                  .description = "Training costs, from a plugin that knows "
                                                 "extensions this host does not.",
                                  .params = params,
                                  .lines = lines,
                                  .evaluate = evaluate,
                                  .plugin_data = NULL};
static const eqroi_model *const models[] = {&model};

static const eqroi_plugin plugin = {.abi_major = EQROI_ABI_MAJOR,
                                    .abi_minor = EQROI_ABI_MINOR,
                                    .struct_size = sizeof(eqroi_plugin),
                                    .model_count = 1,
                                    .vendor = "Example Tools",
                                    .name = "Future extensions",
                                    .version = "1.1.0",
                                    .models = models,
                                    .get_extension = get_extension};

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_abi_major,
                                                    uint32_t host_abi_minor) {
    (void)host_abi_minor;
    if (host_abi_major != EQROI_ABI_MAJOR) return NULL;
    if (!junk) junk = guard_page_unreadable();
    return junk ? &plugin : NULL;
}
