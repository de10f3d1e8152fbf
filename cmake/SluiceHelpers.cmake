# sluice_add_test(NAME <name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>])
#
# Builds one GoogleTest binary and registers each of its tests with ctest.
# Label "tsan" marks tests that exercise concurrency: only those are built
# and run in the ThreadSanitizer build (SLUICE_SANITIZE=thread), which keeps
# the third CI build small.
function(sluice_add_test)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT SLUICE_BUILD_TESTS)
    return()
  endif()
  if(SLUICE_SANITIZE STREQUAL "thread" AND NOT "tsan" IN_LIST ARG_LABELS)
    return()
  endif()
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} sluice_base GTest::gtest GTest::gtest_main Threads::Threads)
  # CMake 3.25's gtest discovery flattens list-valued properties, so the
  # labels travel as ONE label joined by commas ("unit,parallel,tsan").
  # `ctest -L` takes a regex, so `-L tsan` still selects these tests.
  string(JOIN "," labels unit ${ARG_LABELS})
  gtest_discover_tests(${ARG_NAME}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${labels}" TIMEOUT 300)
endfunction()
