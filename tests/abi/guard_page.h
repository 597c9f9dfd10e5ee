/* Guard pages for the ABI test plugins: a descriptor copied so that its last byte is the last
 * byte of a readable page, and the next page is PROT_NONE. A host that reads even one byte past
 * the struct (a field of a later ABI minor, a stride of its own sizeof instead of struct_size)
 * takes a SIGSEGV instead of silently reading whatever follows in the plugin's data section.
 * The readable page is made read-only once filled, so a host that wrote to a descriptor would
 * fault as well (plugin.h: the host never writes to them).
 *
 * Header-only, system headers only, so that plugins built against the frozen ABI 1.0 header
 * can use it. Needs mmap's MAP_ANONYMOUS: compile with _DEFAULT_SOURCE (CMakeLists.txt).
 */
#ifndef EQROI_TEST_GUARD_PAGE_H
#define EQROI_TEST_GUARD_PAGE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Regions mapped by guard_page_place(), unmapped when the library is unloaded. */
#define GUARD_PAGE_MAX_REGIONS 16
static struct {
    void *base;
    size_t length;
} guard_page_regions[GUARD_PAGE_MAX_REGIONS];
static size_t guard_page_region_count;

/* Maps `length` bytes and remembers them for guard_page_unmap_all(); NULL on failure. */
static inline unsigned char *guard_page_map(size_t length, int protection) {
    void *base;
    if (guard_page_region_count == GUARD_PAGE_MAX_REGIONS) return NULL;
    base = mmap(NULL, length, protection, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return NULL;
    guard_page_regions[guard_page_region_count].base = base;
    guard_page_regions[guard_page_region_count].length = length;
    ++guard_page_region_count;
    return (unsigned char *)base;
}

/* Maps two pages, copies `size` bytes of `src` to the end of the first and makes the second
 * PROT_NONE. `size` must be a multiple of 8 (every descriptor struct is: it holds pointers) so
 * the copy keeps its alignment. Returns the copy, or NULL when anything fails (the entry
 * function then refuses to load, and the test says so). */
static inline void *guard_page_place(const void *src, size_t size) {
    const long page_size = sysconf(_SC_PAGESIZE);
    size_t page;
    unsigned char *base;
    void *copy;
    if (page_size <= 0 || size == 0 || size % 8 != 0) return NULL;
    page = (size_t)page_size;
    if (size > page) return NULL;
    base = guard_page_map(2 * page, PROT_READ | PROT_WRITE);
    if (!base) return NULL;
    if (mprotect(base + page, page, PROT_NONE) != 0) return NULL;
    copy = base + page - size;
    memcpy(copy, src, size);
    if (mprotect(base, page, PROT_READ) != 0) return NULL;
    return copy;
}

/* A page nobody may read: what the test plugins hand out as "junk" for extension ids the host
 * must never ask for, so that a host which asked and then used the answer would fault. */
static inline const void *guard_page_unreadable(void) {
    const long page_size = sysconf(_SC_PAGESIZE);
    return page_size > 0 ? guard_page_map((size_t)page_size, PROT_NONE) : NULL;
}

/* Unmaps every region when the library is unloaded (the host keeps no pointer into a plugin
 * after unloading it), so loading the same plugin again in one process maps fresh pages. */
__attribute__((destructor)) static void guard_page_unmap_all(void) {
    size_t i;
    for (i = 0; i < guard_page_region_count; ++i)
        munmap(guard_page_regions[i].base, guard_page_regions[i].length);
    guard_page_region_count = 0;
}

#endif
