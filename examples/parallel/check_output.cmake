# Runs one example program and compares its stdout, byte for byte, with an
# expected-output file; also fails on a non-zero exit or after TIMEOUT
# seconds (the deadlock example must report, not hang).
#
#   cmake -DEXE=<program> -DEXPECTED=<file> [-DTIMEOUT=<seconds>] -P check_output.cmake
if(NOT DEFINED TIMEOUT)
  set(TIMEOUT 30)
endif()
execute_process(COMMAND "${EXE}"
  OUTPUT_VARIABLE actual
  ERROR_VARIABLE errors
  RESULT_VARIABLE exit_code
  TIMEOUT ${TIMEOUT})
file(READ "${EXPECTED}" expected)
if(NOT exit_code STREQUAL "0")
  message(FATAL_ERROR "${EXE} failed (exit: ${exit_code}; a timeout shows as a message)\n"
                      "--- stdout\n${actual}--- stderr\n${errors}")
endif()
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${EXE}: output differs from ${EXPECTED}\n"
                      "--- expected\n${expected}--- actual\n${actual}--- end")
endif()
message(STATUS "output matches ${EXPECTED}")
