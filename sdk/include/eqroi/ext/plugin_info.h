/* eqroi plugin extension "eqroi.plugin-info/1": who to ask about a plugin.
 *
 * SPDX-License-Identifier: MIT
 *
 * Since ABI 1.1. The host shows these in `eqroi plugins show`, `eqroi plugins verify` and the
 * studio's plugins view, so that a user deciding whether to trust a plugin file knows where it
 * comes from and whom to contact. Optional: a plugin without it loads the same.
 *
 * Lookup: plugin->get_extension(plugin, EQROI_EXT_PLUGIN_INFO) returns a pointer to an
 * eqroi_plugin_info, or NULL. The struct and its strings are owned by the plugin and must stay
 * valid and unchanged until the library is unloaded; the host never writes or frees them.
 *
 * Example (C):
 *
 *     static const eqroi_plugin_info info = {
 *         sizeof(eqroi_plugin_info), "https://acme.example/eqroi", "service@acme.example", "MIT"};
 *     static const void *get_extension(const eqroi_plugin *p, const char *id) {
 *         (void)p;
 *         return strcmp(id, EQROI_EXT_PLUGIN_INFO) == 0 ? &info : NULL;
 *     }
 */
#ifndef EQROI_EXT_PLUGIN_INFO_H
#define EQROI_EXT_PLUGIN_INFO_H

#include <eqroi/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Extension id; the "/1" is the extension's own version: a later, incompatible layout gets a
 *  new id ("/2") and a host asks for the ids it knows. */
#define EQROI_EXT_PLUGIN_INFO "eqroi.plugin-info/1"

typedef struct eqroi_plugin_info {
    /** sizeof(eqroi_plugin_info) as the plugin was compiled; fields may be appended later. */
    uint32_t struct_size;
    /** Where the plugin and its documentation live ("https://..."). May be NULL. */
    const char *homepage;
    /** Whom to contact about it (an e-mail address or a support URL). May be NULL. */
    const char *support;
    /** Licence of the plugin (an SPDX identifier such as "MIT" or "LicenseRef-ACME"). May be
     *  NULL. */
    const char *license;
} eqroi_plugin_info;

#ifdef __cplusplus
}
#endif

#endif /* EQROI_EXT_PLUGIN_INFO_H */
