# eqroi_add_plugin(<name> SOURCES <src>... [OUTPUT_DIRECTORY <dir>]
#                  [INSTALL_DESTINATION <dir>] [COMPONENT <component>] [NO_INSTALL])
#
# Builds a cost-model plugin: a MODULE library against eqroi::sdk only, with hidden visibility
# (only the entry symbol, marked EQROI_EXPORT, is exported), no "lib" prefix, so the file is
# <name>.so as the host expects.
#
# Where it is built: OUTPUT_DIRECTORY when given, else EQROI_PLUGIN_OUTPUT_DIR when the caller
# set it (the eqroi tree does: <build>/lib/eqroi/plugins, next to the CLI), else CMake's usual
# place (CMAKE_LIBRARY_OUTPUT_DIRECTORY or the current binary directory).
#
# Where it is installed: INSTALL_DESTINATION when given, else EQROI_PLUGIN_INSTALL_DIR when set,
# else lib/eqroi/plugins under the install prefix, which is where an installed eqroi looks
# (<prefix>/bin/eqroi finds <prefix>/lib/eqroi/plugins); a plugin installed under another
# prefix is found with `eqroi --plugin-dir <prefix>/lib/eqroi/plugins` or EQROI_PLUGIN_PATH.
# NO_INSTALL, or EQROI_PLUGIN_INSTALL set to OFF in the calling directory, adds no install rule
# (test plugins). COMPONENT puts the rule in that install component.
#
# Used unchanged by the bundled plugins in the eqroi tree and, through find_package(eqroi-sdk),
# by vendors' own projects.
function(eqroi_add_plugin name)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY;INSTALL_DESTINATION;COMPONENT"
                        "SOURCES" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "eqroi_add_plugin(${name}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "eqroi_add_plugin(${name}): SOURCES is required")
  endif()
  if(NOT TARGET eqroi::sdk)
    message(FATAL_ERROR "eqroi_add_plugin(${name}): target eqroi::sdk is missing; "
                        "call find_package(eqroi-sdk 1 REQUIRED) first")
  endif()

  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE eqroi::sdk)
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED EQROI_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${EQROI_PLUGIN_OUTPUT_DIR})
  endif()

  if(ARG_NO_INSTALL OR (DEFINED EQROI_PLUGIN_INSTALL AND NOT EQROI_PLUGIN_INSTALL))
    return()
  endif()
  if(ARG_INSTALL_DESTINATION)
    set(destination ${ARG_INSTALL_DESTINATION})
  elseif(DEFINED EQROI_PLUGIN_INSTALL_DIR)
    set(destination ${EQROI_PLUGIN_INSTALL_DIR})
  else()
    set(destination lib/eqroi/plugins)
  endif()
  if(ARG_COMPONENT)
    install(TARGETS ${name} LIBRARY DESTINATION ${destination} COMPONENT ${ARG_COMPONENT})
  else()
    install(TARGETS ${name} LIBRARY DESTINATION ${destination})
  endif()
endfunction()
