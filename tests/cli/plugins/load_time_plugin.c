/* A valid one-model plugin whose library constructor does something when the library is
 * loaded, before the host can call anything: what dlopen runs, and what the trust check and
 * `eqroi plugins verify`'s child process are there for. Built three times (tests/cli):
 *   ON_LOAD_CRASH   raises SIGSEGV        -> verify reports the crash, the caller survives
 *   ON_LOAD_HANG    sleeps forever        -> verify stops it after its timeout
 *   ON_LOAD_MARKER  creates the file named by $EQROI_TEST_MARKER
 *                   -> a refused (untrusted) plugin leaves no marker: none of its code ran
 * Without the constructor it would load like any plugin: model `test_on_load`, one parameter
 * `hours`, one line `cost` = -hours per year. */
#define _POSIX_C_SOURCE 200809L /* open, pause, write in strict C99 */

#include <eqroi/plugin.h>

#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

#if defined(ON_LOAD_CRASH)
__attribute__((constructor)) static void on_load(void) { raise(SIGSEGV); }
#elif defined(ON_LOAD_HANG)
__attribute__((constructor)) static void on_load(void) {
    for (;;) pause();
}
#elif defined(ON_LOAD_MARKER)
__attribute__((constructor)) static void on_load(void) {
    const char *marker = getenv("EQROI_TEST_MARKER");
    if (marker && *marker) {
        int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            if (write(fd, "loaded\n", 7) != 7) { /* the test sees a missing marker */ }
            close(fd);
        }
    }
}
#else
#error "define ON_LOAD_CRASH, ON_LOAD_HANG or ON_LOAD_MARKER"
#endif

static const eqroi_param_desc params[] = {
    {sizeof(eqroi_param_desc), 0, "hours", "Operating hours", "h/yr", "Hours per year.", NULL,
     100.0, 0.0, 10000.0}};
static const eqroi_line_desc lines[] = {
    {sizeof(eqroi_line_desc), EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE, "cost", "Cost",
     "One currency unit per operating hour."}};

static eqroi_status evaluate(const eqroi_model *model, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    (void)model;
    const double years = 1.0 / timing->periods_per_year;
    for (uint32_t t = 0; t < batch->trial_count; ++t)
        for (uint32_t k = 1; k <= timing->periods; ++k)
            batch->out[(size_t)t * (timing->periods + 1) + k] = -batch->params[0][t] * years;
    return EQROI_STATUS_OK;
}

static const eqroi_model model = {sizeof(eqroi_model), 1, 1, "test_on_load", "On-load test model",
                                  "A model whose library does something when loaded.",
                                  params, lines, evaluate, NULL};
static const eqroi_model *const models[] = {&model};
static const eqroi_plugin plugin = {EQROI_ABI_MAJOR, EQROI_ABI_MINOR, sizeof(eqroi_plugin), 1,
                                    "eqroi tests", "on-load plugin", "0.0.1", models, NULL};

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_abi_major,
                                                    uint32_t host_abi_minor) {
    (void)host_abi_major;
    (void)host_abi_minor;
    return &plugin;
}
