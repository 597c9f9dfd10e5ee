/* A coolant and tooling consumption model, written the way a vendor without C++ would write it:
 * plain C99 against eqroi/plugin.h only, every descriptor a designated initialiser, and built
 * by clang whatever compiler the host uses (tests/abi/CMakeLists.txt runs clang on this file
 * with -std=c99 -pedantic -Wall -Wextra -Werror). cpp_model.cpp is the same model through
 * plugin.hpp, built by the project's C++ compiler; abi_clang_c99_test.cpp checks that both give
 * bit-identical amounts, so the arithmetic below must stay in the same order as there.
 *
 * The model, per period k = 1..N (period 0 is the purchase date), with y = 1 / periods_per_year:
 *   hours[k]    = operating_hours_per_year * y * load_factor[k]
 *   litres/h    = coolant_litres_per_hour * type_factor * (recovery_unit ? 0.6 : 1.0)
 *                 type_factor: emulsion 1.0, synthetic 0.8, neat_oil 1.5 (neat oil is not
 *                 diluted, so more of it is bought); a recovery unit returns 40 % of the spent
 *                 coolant to the sump
 *   price index = 1 in the first year after purchase, times (1 + price_escalation) at each
 *                 anniversary (period k lies in year (k - 1) / periods_per_year)
 *   coolant[k]  = -(hours[k] * litres/h * coolant_price * index)
 *   tooling[k]  = -(hours[k] * inserts_per_hour * insert_price * index)
 *   deposit     = -drum_deposit at period 0, +drum_deposit back at period N, outside income tax.
 */
#include <eqroi/plugin.h>

#include <stddef.h>
#include <stdio.h>

enum {
    P_HOURS,
    P_LITRES_PER_HOUR,
    P_COOLANT_TYPE,
    P_RECOVERY_UNIT,
    P_COOLANT_PRICE,
    P_INSERTS_PER_HOUR,
    P_INSERT_PRICE,
    P_ESCALATION,
    P_LOAD_FACTOR,
    P_DRUM_DEPOSIT,
    P_COUNT
};
enum { L_COOLANT, L_TOOLING, L_DEPOSIT, L_COUNT };

static const eqroi_param_desc params[P_COUNT] = {
    [P_HOURS] = {.struct_size = sizeof(eqroi_param_desc),
                 .key = "operating_hours_per_year",
                 .label = "Operating hours",
                 .unit = "h/yr",
                 .help = "Spindle hours per year at full load.",
                 .default_value = 4000.0,
                 .min_value = 0.0,
                 .max_value = 8760.0},
    [P_LITRES_PER_HOUR] = {.struct_size = sizeof(eqroi_param_desc),
                           .key = "coolant_litres_per_hour",
                           .label = "Coolant use",
                           .unit = "l/h",
                           .help = "Concentrate used per spindle hour, from the datasheet.",
                           .default_value = 0.4,
                           .min_value = 0.0,
                           .max_value = 50.0},
    [P_COOLANT_TYPE] = {.struct_size = sizeof(eqroi_param_desc),
                        .flags = EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER,
                        .key = "coolant_type",
                        .label = "Coolant type",
                        .unit = "",
                        .help = "Emulsion, synthetic or neat oil: how much concentrate is bought.",
                        .choices = "emulsion|synthetic|neat_oil",
                        .default_value = 0.0,
                        .min_value = 0.0,
                        .max_value = 2.0},
    [P_RECOVERY_UNIT] = {.struct_size = sizeof(eqroi_param_desc),
                         .flags = EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER,
                         .key = "recovery_unit",
                         .label = "Coolant recovery unit",
                         .unit = "",
                         .help = "Whether a recovery unit returns 40 % of the spent coolant.",
                         .default_value = 0.0,
                         .min_value = 0.0,
                         .max_value = 1.0},
    [P_COOLANT_PRICE] = {.struct_size = sizeof(eqroi_param_desc),
                         .key = "coolant_price",
                         .label = "Coolant price",
                         .unit = "currency/l",
                         .help = "Price of one litre of concentrate in the first year.",
                         .default_value = 4.5,
                         .min_value = 0.0,
                         .max_value = 1000.0},
    [P_INSERTS_PER_HOUR] = {.struct_size = sizeof(eqroi_param_desc),
                            .key = "inserts_per_hour",
                            .label = "Insert wear",
                            .unit = "1/h",
                            .help = "Cutting inserts worn out per spindle hour.",
                            .default_value = 0.5,
                            .min_value = 0.0,
                            .max_value = 100.0},
    [P_INSERT_PRICE] = {.struct_size = sizeof(eqroi_param_desc),
                        .key = "insert_price",
                        .label = "Insert price",
                        .unit = "currency",
                        .help = "Price of one cutting insert in the first year.",
                        .default_value = 12.0,
                        .min_value = 0.0,
                        .max_value = 10000.0},
    [P_ESCALATION] = {.struct_size = sizeof(eqroi_param_desc),
                      .key = "price_escalation",
                      .label = "Price escalation",
                      .unit = "1/yr",
                      .help = "Yearly rise of coolant and insert prices, applied at each "
                              "anniversary of the purchase.",
                      .default_value = 0.03,
                      .min_value = -0.5,
                      .max_value = 1.0},
    [P_LOAD_FACTOR] = {.struct_size = sizeof(eqroi_param_desc),
                       .flags = EQROI_PARAM_PER_PERIOD,
                       .key = "load_factor",
                       .label = "Load factor",
                       .unit = "fraction",
                       .help = "Share of the operating hours actually run in each period "
                               "(ramp-up, planned stops).",
                       .default_value = 1.0,
                       .min_value = 0.0,
                       .max_value = 1.0},
    [P_DRUM_DEPOSIT] = {.struct_size = sizeof(eqroi_param_desc),
                        .key = "drum_deposit",
                        .label = "Drum deposit",
                        .unit = "currency",
                        .help = "Deposit on the returnable coolant drums, paid at purchase and "
                                "refunded at the end.",
                        .default_value = 150.0,
                        .min_value = 0.0,
                        .max_value = 1000000.0},
};

static const eqroi_line_desc lines[L_COUNT] = {
    [L_COOLANT] = {.struct_size = sizeof(eqroi_line_desc),
                   .category = EQROI_CATEGORY_CONSUMABLES,
                   .tax_treatment = EQROI_TAX_DEDUCTIBLE,
                   .key = "coolant",
                   .label = "Coolant",
                   .help = "Coolant concentrate bought: hours x litres per hour x price."},
    [L_TOOLING] = {.struct_size = sizeof(eqroi_line_desc),
                   .category = EQROI_CATEGORY_CONSUMABLES,
                   .tax_treatment = EQROI_TAX_DEDUCTIBLE,
                   .key = "tooling",
                   .label = "Cutting inserts",
                   .help = "Inserts worn out: hours x inserts per hour x price."},
    [L_DEPOSIT] = {.struct_size = sizeof(eqroi_line_desc),
                   .category = EQROI_CATEGORY_OTHER,
                   .tax_treatment = EQROI_TAX_NOT_TAXED,
                   .key = "drum_deposit",
                   .label = "Drum deposit",
                   .help = NULL},
};

/* Concentrate bought per litre used, by coolant_type index. */
static const double type_factor[3] = {1.0, 0.8, 1.5};

static eqroi_status evaluate(const eqroi_model *model, const eqroi_timing *timing,
                             const eqroi_batch *batch) {
    const size_t width = (size_t)timing->periods + 1;
    const double years = 1.0 / (double)timing->periods_per_year;
    uint32_t t, k;
    (void)model;
    for (t = 0; t < batch->trial_count; ++t) {
        const double hours_per_year = batch->params[P_HOURS][t];
        const double type = batch->params[P_COOLANT_TYPE][t];
        const double recovery = batch->params[P_RECOVERY_UNIT][t];
        const double coolant_price = batch->params[P_COOLANT_PRICE][t];
        const double inserts_per_hour = batch->params[P_INSERTS_PER_HOUR][t];
        const double insert_price = batch->params[P_INSERT_PRICE][t];
        const double escalation = batch->params[P_ESCALATION][t];
        const double deposit = batch->params[P_DRUM_DEPOSIT][t];
        const double *load = batch->params[P_LOAD_FACTOR] + (size_t)t * width;
        double *coolant = batch->out + ((size_t)t * batch->line_count + L_COOLANT) * width;
        double *tooling = batch->out + ((size_t)t * batch->line_count + L_TOOLING) * width;
        double *drums = batch->out + ((size_t)t * batch->line_count + L_DEPOSIT) * width;
        double litres_per_hour;
        double index = 1.0;

        if (!(type == 0.0 || type == 1.0 || type == 2.0)) {
            snprintf(batch->error, batch->error_capacity,
                     "coolant_type %g is not 0 (emulsion), 1 (synthetic) or 2 (neat_oil)", type);
            return EQROI_STATUS_INVALID_PARAMETER;
        }
        litres_per_hour = batch->params[P_LITRES_PER_HOUR][t] * type_factor[(int)type] *
                          (recovery != 0.0 ? 0.6 : 1.0);
        for (k = 1; k <= timing->periods; ++k) {
            double hours;
            if (k > 1 && (k - 1) % timing->periods_per_year == 0)
                index = index * (1.0 + escalation); /* an anniversary of the purchase */
            hours = hours_per_year * years * load[k];
            coolant[k] = -(hours * litres_per_hour * coolant_price * index);
            tooling[k] = -(hours * inserts_per_hour * insert_price * index);
        }
        drums[0] = -deposit;
        drums[timing->periods] += deposit;
    }
    return EQROI_STATUS_OK;
}

static const eqroi_model model = {
    .struct_size = sizeof(eqroi_model),
    .param_count = P_COUNT,
    .line_count = L_COUNT,
    .id = "abi_coolant_c99",
    .name = "Coolant and tooling (C99, clang)",
    .description = "Coolant concentrate and cutting inserts used by the machine, with a "
                   "returnable drum deposit.",
    .params = params,
    .lines = lines,
    .evaluate = evaluate,
    .plugin_data = NULL,
};
static const eqroi_model *const models[] = {&model};

static const eqroi_plugin plugin = {
    .abi_major = EQROI_ABI_MAJOR,
    .abi_minor = EQROI_ABI_MINOR,
    .struct_size = sizeof(eqroi_plugin),
    .model_count = 1,
    .vendor = "eqroi tests",
    .name = "C99 coolant model",
    .version = "1.1.0",
    .models = models,
    .get_extension = NULL,
};

EQROI_EXPORT const eqroi_plugin *eqroi_plugin_entry(uint32_t host_abi_major,
                                                    uint32_t host_abi_minor) {
    (void)host_abi_minor;
    return host_abi_major == EQROI_ABI_MAJOR ? &plugin : NULL;
}
