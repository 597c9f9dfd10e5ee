/* A plugin exactly as a vendor built it against SDK 1.0: compiled against the frozen 1.0 header
 * in tests/abi/v1_0 and nothing else, so its eqroi_line_desc is 32 bytes, without the 1.1 help
 * field the host now reads. It must load in the 1.1 host with help read as NULL.
 *
 * To prove the host never reads past a struct_size, the entry function copies every descriptor
 * it hands out (the plugin struct, the model, the models[] pointer array, params[] and lines[])
 * so that each ENDS at a page boundary followed by an unreadable guard page (guard_page.h). A
 * host reading lines[2] with its own sizeof (40) instead of the plugin's struct_size (32) would
 * read 8 bytes into the guard page and die with SIGSEGV.
 *
 * The model (a spindle service contract), per period k = 1..N:
 *   service[k] = -(operating_hours_per_year / periods_per_year * service_rate)
 *   spares[k]  = service[k] * spares_share
 *   tool_deposit: -250 at period 0, +250 back at period N (returnable tool holders, not taxed).
 * model.plugin_data points at the guarded lines[] copy, so that the test can check where the
 * array ends and that reading one byte past it faults (the host copies plugin_data unread).
 */
#include <eqroi/plugin.h>

#include "guard_page.h"

#if EQROI_ABI_MAJOR != 1 || EQROI_ABI_MINOR != 0
#error "v1_0_plugin.c must be built against the frozen ABI 1.0 header (tests/abi/v1_0) only"
#endif

/* The shorter 1.0 line struct: key and label, no help (C99 has no static_assert). */
typedef char v1_0_line_desc_is_32_bytes[sizeof(eqroi_line_desc) == 32 ? 1 : -1];

enum { P_HOURS, P_RATE, P_SHARE, P_COUNT };
enum { L_SERVICE, L_SPARES, L_DEPOSIT, L_COUNT };

static const double tool_deposit = 250.0;

static const eqroi_param_desc params_src[P_COUNT] = {
    {sizeof(eqroi_param_desc), 0, "operating_hours_per_year", "Operating hours", "h/yr",
     "Spindle hours per year.", NULL, 4000.0, 0.0, 8760.0},
    {sizeof(eqroi_param_desc), 0, "service_rate", "Service rate", "currency/h",
     "Contract price per spindle hour.", NULL, 1.5, 0.0, 100.0},
    {sizeof(eqroi_param_desc), 0, "spares_share", "Spares share", "fraction",
     "Spare parts billed on top of the service, as a share of it.", NULL, 0.25, 0.0, 1.0}};

static const eqroi_line_desc lines_src[L_COUNT] = {
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE, "service",
     "Service contract"},
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_DEDUCTIBLE, "spares",
     "Spare parts"},
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_OTHER, EQROI_TAX_NOT_TAXED, "tool_deposit",
     "Tool holder deposit"}};

static eqroi_status evaluate(const eqroi_model *model, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    const size_t width = (size_t)timing->periods + 1;
    uint32_t t, k;
    (void)model;
    for (t = 0; t < batch->trial_count; ++t) {
        double *service = batch->out + ((size_t)t * batch->line_count + L_SERVICE) * width;
        double *spares = batch->out + ((size_t)t * batch->line_count + L_SPARES) * width;
        double *deposit = batch->out + ((size_t)t * batch->line_count + L_DEPOSIT) * width;
        for (k = 1; k <= timing->periods; ++k) {
            service[k] = -(batch->params[P_HOURS][t] / timing->periods_per_year *
                           batch->params[P_RATE][t]);
            spares[k] = service[k] * batch->params[P_SHARE][t];
        }
        deposit[0] = -tool_deposit;
        deposit[timing->periods] += tool_deposit;
    }
    return EQROI_STATUS_OK;
}

/* A 1.0 plugin knows no extension (plugin-info/1 came with 1.1): it answers NULL to all. */
static const void *get_extension(const eqroi_plugin *plugin, const char *id) {
    (void)plugin, (void)id;
    return NULL;
}

/* Builds the guarded copies once; NULL if a mapping failed. The host never calls the entry
 * function concurrently (plugin.h, Threading), so a plain static is enough. */
static const eqroi_plugin *place_descriptors(void) {
    const eqroi_line_desc *lines = guard_page_place(lines_src, sizeof lines_src);
    const eqroi_param_desc *params = guard_page_place(params_src, sizeof params_src);
    eqroi_model model = {sizeof(eqroi_model), P_COUNT, L_COUNT, "abi_v1_0_service",
                         "Spindle service (ABI 1.0)",
                         "A service contract from a plugin built against SDK 1.0.",
                         NULL, NULL, evaluate, NULL};
    const eqroi_model *models_src[1];
    const eqroi_model *const *models;
    eqroi_plugin plugin = {1, 0, sizeof(eqroi_plugin), 1, "eqroi tests", "ABI 1.0 plugin",
                           "1.0.0", NULL, get_extension};
    if (!lines || !params) return NULL;
    model.params = params;
    model.lines = lines;
    model.plugin_data = lines;
    models_src[0] = guard_page_place(&model, sizeof model);
    if (!models_src[0]) return NULL;
    models = guard_page_place(models_src, sizeof models_src);
    if (!models) return NULL;
    plugin.models = models;
    return guard_page_place(&plugin, sizeof plugin);
}

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_abi_major,
                                                    uint32_t host_abi_minor) {
    static const eqroi_plugin *placed = NULL;
    (void)host_abi_minor;
    if (host_abi_major != EQROI_ABI_MAJOR) return NULL;
    if (!placed) placed = place_descriptors();
    return placed;
}
