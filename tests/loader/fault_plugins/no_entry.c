/* A valid shared library that exports a function, but not EQROI_ENTRY_SYMBOL. */
#include <eqroi/plugin.h>

EQROI_EXPORT int eqroi_plugin_entry_typo(void) { return 42; }
