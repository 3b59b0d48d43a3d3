# Runs `racegate report` on STREAM into REPORT and validates REPORT against
# SCHEMA. The sample has findings, so exit code 1 is the expected outcome;
# CTest alone cannot express "exit 1 and then validate", hence this script.

execute_process(COMMAND ${RACEGATE} report -o ${REPORT} ${STREAM}
                RESULT_VARIABLE status)
if(NOT status EQUAL 1)
  message(FATAL_ERROR "racegate report exited with ${status}, expected 1")
endif()

execute_process(COMMAND ${PYTHON} ${VALIDATOR} ${SCHEMA} ${REPORT}
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "report does not match the schema")
endif()
