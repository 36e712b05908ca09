# Every dependency comes from a Debian 12 package; scripts/install-deps.sh installs them.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Test)
find_package(PkgConfig REQUIRED)
find_package(OpenSSL 3 REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(NETSNMP REQUIRED IMPORTED_TARGET netsnmp)
pkg_check_modules(GSOAP REQUIRED IMPORTED_TARGET gsoapssl++)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
endif()

set(CMAKE_AUTOMOC ON)
