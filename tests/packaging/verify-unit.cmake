# systemd-analyze verify on packaging/evalx.service with ExecStart pointed at
# the evalx being tested. -DUNIT=... -DEVALX=... -DOUT=dir -DSYSTEMD_ANALYZE=...
file(READ ${UNIT} text)
string(FIND "${text}" "ExecStart=/usr/bin/evalx --headless --config /etc/evalx/evalx.conf" at)
if(at EQUAL -1)
    message(FATAL_ERROR "evalx.service does not start /usr/bin/evalx --headless --config /etc/evalx/evalx.conf")
endif()
string(REPLACE "ExecStart=/usr/bin/evalx" "ExecStart=${EVALX}" text "${text}")
file(MAKE_DIRECTORY ${OUT})
file(WRITE ${OUT}/evalx.service "${text}")
execute_process(COMMAND ${SYSTEMD_ANALYZE} verify ${OUT}/evalx.service
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Without a running systemd, verify still parses the unit and checks every
# directive; it complains only about the manager it cannot reach.
string(REGEX REPLACE "[^\n]*(Failed to connect|System has not been booted|Failed to setup working directory|Failed to create|Failed to initialize)[^\n]*\n?" "" rest "${err}")
if(rest MATCHES "[^ \n]")
    message(FATAL_ERROR "systemd-analyze verify:\n${err}${out}")
endif()
message(STATUS "systemd-analyze verify: ok ${err}")
