/* eqroi plugin ABI, version 1.1.
 *
 * SPDX-License-Identifier: MIT
 *
 * This header is the whole contract between the eqroi host and a cost-model plugin. It is
 * plain C99: fixed-width integers, double, UTF-8 `const char*` and pointers to POD structs.
 * No C++ type, exception or allocation crosses it.
 *
 * Lifecycle, in the order the host does it:
 *
 *   1. The host opens the shared library and looks up one symbol, EQROI_ENTRY_SYMBOL, of type
 *      eqroi_entry_fn.
 *   2. It calls the entry function once with its own ABI version. The plugin returns a pointer
 *      to an eqroi_plugin descriptor (or NULL to refuse). The descriptor, every model, every
 *      parameter and line descriptor and every string reachable from it are owned by the
 *      plugin and must stay valid and unchanged until the library is unloaded. The host never
 *      writes to them and never frees them.
 *   3. The host checks abi_major (it refuses any major but its own), reads no field past
 *      struct_size, and validates the descriptors (unique model ids, min <= default <= max, ...).
 *      Arrays of descriptors (eqroi_model.params, eqroi_model.lines) are read with the stride
 *      given by the struct_size of their first element, so a plugin built against a later
 *      minor version, with longer structs, still reads correctly in an older host.
 *   4. The host calls eqroi_model.evaluate any number of times, possibly from several threads
 *      at once on different batches (see "Threading").
 *   5. The host unloads the library after its last call. There is no global init/deinit: a
 *      plugin that needs set-up does it inside the entry function or lazily, thread-safely.
 *
 * Versioning: a released struct never changes. New capabilities come as new fields appended at
 * the end of a struct (a minor version bump; the host uses struct_size to know whether the
 * field is there) or as extensions looked up by a string id through get_extension. A plugin
 * built against 1.x loads in every 1.y host: a newer host reads a field only when the
 * plugin's struct_size covers it and treats a missing one as zero/NULL; an older host reads
 * the fields it knows and steps over the rest using struct_size. A new major version (2.0)
 * may change anything except the first two fields of eqroi_plugin (abi_major, abi_minor),
 * which every host reads to refuse a major it does not support.
 *
 * History:
 *   1.0  first release.
 *   1.1  eqroi_line_desc.help (a sentence on what the line holds, for reports and the studio);
 *        the extension "eqroi.plugin-info/1" (eqroi/ext/plugin_info.h: homepage, support
 *        contact, licence), looked up through get_extension.
 *
 * Threading: the entry function and get_extension may be called from any thread, but never
 * concurrently with each other. evaluate must be reentrant: the host may call it concurrently
 * from several threads, each with its own batch and output buffer.
 *
 * Sign convention: amounts are cash flows in the study's currency. Costs are negative and
 * benefits (savings, extra margin) are positive.
 */
#ifndef EQROI_PLUGIN_H
#define EQROI_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes. */
#define EQROI_ABI_MAJOR 1
#define EQROI_ABI_MINOR 1

/** Name of the one symbol a plugin exports; its type is eqroi_entry_fn. */
#define EQROI_ENTRY_SYMBOL "eqroi_plugin_entry"

/** Marks the entry function for export from a library built with -fvisibility=hidden. */
#if defined(_WIN32)
#define EQROI_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define EQROI_EXPORT __attribute__((visibility("default")))
#else
#define EQROI_EXPORT
#endif

/** Status returned by evaluate. Anything but EQROI_STATUS_OK means the output is discarded. */
typedef int32_t eqroi_status;
enum {
    EQROI_STATUS_OK = 0,
    /** A parameter value the model cannot work with (the message says which and why). */
    EQROI_STATUS_INVALID_PARAMETER = 1,
    /** The inputs were acceptable but the computation failed. */
    EQROI_STATUS_EVALUATION_FAILED = 2,
    /** A bug or resource failure inside the plugin (e.g. an exception caught at the boundary). */
    EQROI_STATUS_INTERNAL_ERROR = 3
};

/** What a cost or benefit line is, for reports and charts (breakdown by category). */
typedef uint32_t eqroi_category;
enum {
    EQROI_CATEGORY_OTHER = 0,
    EQROI_CATEGORY_MAINTENANCE = 1,
    EQROI_CATEGORY_TRAINING = 2,
    EQROI_CATEGORY_SPARE_PARTS = 3,
    EQROI_CATEGORY_DOWNTIME = 4,
    EQROI_CATEGORY_ENERGY = 5,
    EQROI_CATEGORY_LABOR = 6,
    EQROI_CATEGORY_CONSUMABLES = 7,
    EQROI_CATEGORY_BENEFIT = 8,
    EQROI_CATEGORY_LEASE = 9,
    /** One past the last category this ABI version knows; the host refuses larger values. */
    EQROI_CATEGORY_COUNT_V1 = 10
};

/** How a line is treated for income tax. */
typedef uint32_t eqroi_tax_treatment;
enum {
    /** Operating expense or taxable income: enters taxable income in the period it occurs. */
    EQROI_TAX_DEDUCTIBLE = 0,
    /** Capital spending: not expensed; the host depreciates it. */
    EQROI_TAX_CAPITALISED = 1,
    /** Outside income tax (e.g. a deposit returned, a non-taxed grant). */
    EQROI_TAX_NOT_TAXED = 2,
    EQROI_TAX_COUNT_V1 = 3
};

/** Parameter flags (bit set). */
enum {
    /** The value must be a whole number. */
    EQROI_PARAM_INTEGER = 1u << 0,
    /** The study must give a value (model table or equipment block); default_value is unused. */
    EQROI_PARAM_REQUIRED = 1u << 1,
    /** true/false in the study; 1.0 or 0.0 in the batch. */
    EQROI_PARAM_BOOLEAN = 1u << 2,
    /** One value per period (0..periods) rather than one number: see eqroi_batch.params. In the
     *  study it is an array; default_value, min_value and max_value apply to every element. */
    EQROI_PARAM_PER_PERIOD = 1u << 3,
    /** A choice among names listed in eqroi_param_desc.choices; the batch holds the 0-based
     *  index as a double. */
    EQROI_PARAM_CHOICE = 1u << 4
};

/** One input of a model. Owned by the plugin; valid until the library is unloaded. */
typedef struct eqroi_param_desc {
    /** sizeof(eqroi_param_desc) as the plugin was compiled. */
    uint32_t struct_size;
    /** EQROI_PARAM_* bits. */
    uint32_t flags;
    /** Key in the study file: lower_snake_case, unique within the model, never NULL.
     *  Keys shared across models (e.g. "purchase_price", "operating_hours_per_year") are how
     *  an alternative's [equipment] block reaches every model that declares them. */
    const char *key;
    /** Human label for forms and reports, never NULL. */
    const char *label;
    /** Unit as the user reads it ("currency", "h/yr", "1/yr", "fraction", "months"...), never
     *  NULL; "" for a pure number. Fractions are given as 0.05, not 5. */
    const char *unit;
    /** One or two sentences: what the value means and where a user would find it. Never NULL. */
    const char *help;
    /** For EQROI_PARAM_CHOICE: names separated by '|', e.g. "lost_output|overtime"; else NULL. */
    const char *choices;
    /** Value used when neither the model table nor the equipment block gives one. */
    double default_value;
    /** Inclusive range the host enforces before calling evaluate; min_value <= max_value. */
    double min_value;
    double max_value;
} eqroi_param_desc;

/** One output line of a model: a row of the cash-flow table. Owned by the plugin. */
typedef struct eqroi_line_desc {
    /** sizeof(eqroi_line_desc) as the plugin was compiled. */
    uint32_t struct_size;
    /** An EQROI_CATEGORY_* value. */
    eqroi_category category;
    /** An EQROI_TAX_* value. */
    eqroi_tax_treatment tax_treatment;
    /** Key, unique within the model, lower_snake_case, never NULL. */
    const char *key;
    /** Human label, never NULL. */
    const char *label;
    /* ---- ABI 1.1 ---- */
    /** One or two sentences: what the line holds and how it is worked out, for the report and
     *  the studio's tooltips. May be NULL. Absent (read as NULL) in a 1.0 plugin. */
    const char *help;
} eqroi_line_desc;

/** When the periods are. Owned by the host, valid for the duration of one evaluate call. */
typedef struct eqroi_timing {
    /** sizeof(eqroi_timing) as the host was compiled. */
    uint32_t struct_size;
    /** Number of periods after period 0; every series has periods + 1 entries, index 0 being
     *  the purchase date and index k the end of period k. */
    uint32_t periods;
    /** 1 for yearly periods, 12 for monthly. */
    uint32_t periods_per_year;
    /** Start date (period 0) as a calendar date. */
    int32_t start_year;
    int32_t start_month;
    int32_t start_day;
} eqroi_timing;

/** One batch of parameter sets and the buffer for the results. Owned by the host, valid for
 *  the duration of one evaluate call; the plugin must not keep pointers into it. */
typedef struct eqroi_batch {
    /** sizeof(eqroi_batch) as the host was compiled. */
    uint32_t struct_size;
    /** Number of parameter sets (trials) in this batch, >= 1. */
    uint32_t trial_count;
    /** Equals the model's param_count. */
    uint32_t param_count;
    /** Equals the model's line_count. */
    uint32_t line_count;
    /** Structure of arrays: params[p] points to the values of parameter p for every trial.
     *  For a scalar parameter, params[p][trial]. For an EQROI_PARAM_PER_PERIOD parameter,
     *  params[p][trial * (periods + 1) + period]. Every value is finite and within the declared
     *  range; the host checks before the call. */
    const double *const *params;
    /** Output, zero-filled by the host:
     *  out[(trial * line_count + line) * (periods + 1) + period]. Every value the plugin leaves
     *  must be finite; the host rejects the batch otherwise. */
    double *out;
    /** Buffer for a UTF-8 message when the status is not OK, NUL-terminated, at most
     *  error_capacity bytes including the NUL. error_capacity >= 1. */
    char *error;
    uint32_t error_capacity;
} eqroi_batch;

struct eqroi_model;

/** Computes every output line of a model for every trial of a batch.
 *  Called by the host, from any thread, concurrently on different batches.
 *  A trial's amounts must depend only on that trial's parameters and the timing: not on the
 *  other trials of the batch, the batch size, earlier calls, the clock or random numbers. The
 *  host splits trials into batches as it sees fit and relies on this: it calls a model whose
 *  parameters are the same in every trial once, for one trial, and uses those amounts for all
 *  of them; results are the same whatever the number of threads.
 *  Returns EQROI_STATUS_OK, or another status with a message in batch->error. */
typedef eqroi_status (*eqroi_evaluate_fn)(const struct eqroi_model *model,
                                          const eqroi_timing *timing,
                                          const eqroi_batch *batch);

/** One cost model. Owned by the plugin; valid until the library is unloaded. */
typedef struct eqroi_model {
    /** sizeof(eqroi_model) as the plugin was compiled. */
    uint32_t struct_size;
    /** Number of entries in params and lines. */
    uint32_t param_count;
    uint32_t line_count;
    /** Model id used in study files, unique across every loaded plugin, lower_snake_case
     *  ("maintenance", "acme_service_contract"). Never NULL. */
    const char *id;
    /** Human name and a one-paragraph description. Never NULL. */
    const char *name;
    const char *description;
    /** Arrays of param_count and line_count descriptors (NULL when the count is 0). */
    const eqroi_param_desc *params;
    const eqroi_line_desc *lines;
    /** Never NULL. */
    eqroi_evaluate_fn evaluate;
    /** Private to the plugin (e.g. the C++ layer's model object); the host never reads it. */
    const void *plugin_data;
} eqroi_model;

/** The plugin's self-description, returned by the entry function. Owned by the plugin. */
typedef struct eqroi_plugin {
    /** ABI the plugin was built against: EQROI_ABI_MAJOR / EQROI_ABI_MINOR of its header. */
    uint32_t abi_major;
    uint32_t abi_minor;
    /** sizeof(eqroi_plugin) as the plugin was compiled. */
    uint32_t struct_size;
    /** Number of entries in models, >= 1. */
    uint32_t model_count;
    /** Who ships it, what it is called, its own version ("1.2.0"). Never NULL. */
    const char *vendor;
    const char *name;
    const char *version;
    /** Array of model_count pointers to models. */
    const eqroi_model *const *models;
    /** Looks up an optional extension by id ("eqroi.plugin-info/1"). Returns NULL when the
     *  plugin does not implement it; the pointer's type is defined by the extension's header
     *  (eqroi/ext/...), points to data owned by the plugin and stays valid until the library is
     *  unloaded. The host asks only for ids it knows, so a plugin may answer ids of later
     *  hosts; an extension the host does not know is simply never asked for. Called by the
     *  host after the entry function, from the thread that loaded the library.
     *  May itself be NULL when the plugin has no extensions. */
    const void *(*get_extension)(const struct eqroi_plugin *plugin, const char *id);
} eqroi_plugin;

/** Type of the exported entry function. host_abi_major/minor tell the plugin which host calls
 *  it. Returns the plugin's descriptor, or NULL to refuse to load (e.g. host too old). */
typedef const eqroi_plugin *(*eqroi_entry_fn)(uint32_t host_abi_major, uint32_t host_abi_minor);

#ifdef __cplusplus
}
#endif

#endif /* EQROI_PLUGIN_H */
