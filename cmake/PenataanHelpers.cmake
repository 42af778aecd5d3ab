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
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}"
                       TIMEOUT ${PENATAAN_TEST_TIMEOUT})
  # What scripts/test-sanitized.sh builds and runs under the sanitizers (target
  # sanitized_tests): the unit, storage and service tests, not the CLI's.
  if(ARG_LABELS MATCHES "(^|;)(unit|storage|service)(;|$)")
    set_property(GLOBAL APPEND PROPERTY PENATAAN_SANITIZED_TESTS ${name})
  endif()
endfunction()
