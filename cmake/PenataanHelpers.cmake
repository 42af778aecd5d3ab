# Helpers so that every target of ours gets the same warnings and include root.

# GCC 12 reports std::variant members as maybe-uninitialized (GCC bug 105562): off.
set(PENATAAN_WARNINGS -Wall -Wextra -Wno-unused-parameter
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)

function(penataan_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${PENATAAN_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

function(penataan_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${PENATAAN_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
endfunction()

# Each test case's time limit: the sanitizer tree (scripts/lib.sh's
# configure_sanitized) sets more, as its cases run several times slower.
set(PENATAAN_TEST_TIMEOUT 300 CACHE STRING "Seconds a test case may take")

# A test binary; its cases are discovered so that ctest runs them in parallel.
# LABELS lets scripts/test.sh and developers pick e.g. only the MariaDB tests.
function(penataan_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  penataan_executable(${name} SOURCES ${ARG_SOURCES} DEPS ${ARG_DEPS} GTest::gmock_main)
  # What scripts/test-sanitized.sh builds (target sanitized_tests) and runs (label
  # sanitized) under the sanitizers: the unit, storage and service tests, not the
  # CLI's.
  set(labels ${ARG_LABELS})
  if(labels MATCHES "(^|;)(unit|storage|service)(;|$)")
    list(APPEND labels sanitized)
    set_property(GLOBAL APPEND PROPERTY PENATAAN_SANITIZED_TESTS ${name})
  endif()
  # The labels are set by a file of our own, read after the discovered tests:
  # gtest_discover_tests flattens a list in PROPERTIES (LABELS a b sets LABELS
  # to a and a property named b), so only the first label ever took.
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_LIST ${name}_TESTS
                       PROPERTIES TIMEOUT ${PENATAAN_TEST_TIMEOUT})
  set(labels_file ${CMAKE_CURRENT_BINARY_DIR}/${name}_labels.cmake)
  file(WRITE ${labels_file}
       "if(${name}_TESTS)\n"
       "  set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${labels}\")\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${labels_file})
endfunction()
