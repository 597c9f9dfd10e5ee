/* A plugin built against an imagined plugin.h 2.0. Only two things are common to every major
 * version (plugin.h, "Versioning"): the entry symbol eqroi_plugin_entry with its signature, and
 * the first two fields of the descriptor, abi_major and abi_minor. Everything after them may be
 * laid out differently in 2.0, so a 1.x host must decide from those 8 bytes alone and read
 * nothing else. This file therefore includes no eqroi header at all.
 *
 * The descriptor's 8 common bytes are copied to the very end of a readable page followed by a
 * PROT_NONE guard page (guard_page.h): a host reading struct_size (offset 8), or anything else
 * of the 1.x layout, dies with SIGSEGV.
 *
 * The entry function logs the ABI version the host says it speaks ("entry 1 1"), through
 * test_log.h, for the test to check.
 */
#include <stdint.h>

#include "guard_page.h"
#include "test_log.h"

#define ABI2_EXPORT __attribute__((visibility("default")))

/* What ABI 2.0 keeps of the 1.x descriptor. Its own fields would follow; there are none here
 * because they do not exist in this process's memory. */
typedef struct abi2_plugin_head {
    uint32_t abi_major; /* 2 */
    uint32_t abi_minor; /* 0 */
} abi2_plugin_head;

ABI2_EXPORT const void *eqroi_plugin_entry(uint32_t host_abi_major, uint32_t host_abi_minor) {
    static const abi2_plugin_head head = {2, 0};
    static const void *placed = NULL;
    test_log("entry %u %u\n", (unsigned)host_abi_major, (unsigned)host_abi_minor);
    /* Deliberately answers a 1.x host (a well-behaved 2.0 plugin would return NULL): the
     * host's own check is what is under test. */
    if (!placed) placed = guard_page_place(&head, sizeof head);
    return placed;
}
