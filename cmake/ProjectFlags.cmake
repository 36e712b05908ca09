# Warnings, hardening and sanitizer flags for the project's own targets.
# Third-party headers are included as SYSTEM so -Werror applies to our code only.

set(NETGATEWAY_WARNINGS -Wall -Wextra -Werror -Wshadow=local -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)

set(NETGATEWAY_HARDENING_COMPILE -fstack-protector-strong -fstack-clash-protection
    -D_GLIBCXX_ASSERTIONS -fcf-protection)
set(NETGATEWAY_HARDENING_LINK -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)

if(NETGATEWAY_SANITIZE STREQUAL "thread")
  # ThreadSanitizer cannot be combined with ASan; scripts/tsan.sh builds and
  # runs only the concurrency-heavy suites this way (see docs/SECURITY.md).
  set(NETGATEWAY_SANITIZER_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
  add_compile_options(${NETGATEWAY_SANITIZER_FLAGS})
  add_link_options(${NETGATEWAY_SANITIZER_FLAGS})
elseif(NETGATEWAY_SANITIZE)
  set(NETGATEWAY_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  add_compile_options(${NETGATEWAY_SANITIZER_FLAGS})
  add_link_options(${NETGATEWAY_SANITIZER_FLAGS})
else()
  # _FORTIFY_SOURCE needs optimisation and conflicts with ASan's interceptors.
  list(APPEND NETGATEWAY_HARDENING_COMPILE -U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2)
endif()

include(CheckPIESupported)
check_pie_supported()

# netgateway_target(<target>): applies the project's warning and hardening flags.
function(netgateway_target target)
  target_compile_options(${target} PRIVATE ${NETGATEWAY_WARNINGS} ${NETGATEWAY_HARDENING_COMPILE})
  target_link_options(${target} PRIVATE ${NETGATEWAY_HARDENING_LINK})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON AUTOMOC ON)
  target_compile_definitions(${target} PRIVATE QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_FOREACH)
endfunction()
