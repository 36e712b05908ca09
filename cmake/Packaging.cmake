# Linux packaging: `cmake --build build --target package` writes a .deb with
# the service, the command line, the hardened systemd unit and maintainer
# scripts (installer/debian/). Runtime dependencies come from dpkg-shlibdeps.

# Release packages need the release public key(s) for upgrade manifests
# (NETGATEWAY_RELEASE_KEYS, read in gateway-service/core/upgrade): cpack and the
# Windows `msi` target refuse to run without one, unless this development
# switch (or the environment variable of the same name set to 1) allows it.
option(NETGATEWAY_ALLOW_DEVELOPMENT_PACKAGE "Allow packages without a release key for upgrade manifests" OFF)
get_property(netgateway_release_key_count GLOBAL PROPERTY NETGATEWAY_RELEASE_KEY_COUNT)
if(NOT netgateway_release_key_count)
  set(netgateway_release_key_count 0)
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/RequireReleaseKeys.cmake.in"
  "${PROJECT_BINARY_DIR}/packaging/RequireReleaseKeys.cmake" @ONLY)

if(WIN32)
  # The MSI from installer/windows/netgateway.wxs with the WiX 3 toolset, next
  # to the built binaries (see README "Building for Windows").
  find_program(NETGATEWAY_CANDLE candle)
  find_program(NETGATEWAY_LIGHT light)
  if(NETGATEWAY_CANDLE AND NETGATEWAY_LIGHT)
    set(netgateway_msi_payload "${PROJECT_BINARY_DIR}/msi-payload")
    add_custom_target(msi
      COMMAND ${CMAKE_COMMAND} -P "${PROJECT_BINARY_DIR}/packaging/RequireReleaseKeys.cmake"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${netgateway_msi_payload}"
      COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:netgatewayd> $<TARGET_FILE:netgatewayctl>
              $<TARGET_FILE:netgateway-upgrade> "${PROJECT_SOURCE_DIR}/installer/windows/netgateway-actions.js"
              "${netgateway_msi_payload}"
      COMMAND ${NETGATEWAY_CANDLE} -arch x64 -dSourceDir=${netgateway_msi_payload} -dVersion=${PROJECT_VERSION}
              -out "${PROJECT_BINARY_DIR}/netgateway.wixobj" "${PROJECT_SOURCE_DIR}/installer/windows/netgateway.wxs"
      COMMAND ${NETGATEWAY_LIGHT} -out "${PROJECT_BINARY_DIR}/netgateway-${PROJECT_VERSION}-x64.msi"
              "${PROJECT_BINARY_DIR}/netgateway.wixobj"
      DEPENDS netgatewayd netgatewayctl netgateway-upgrade
      VERBATIM)
  endif()
endif()

if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
  return()
endif()

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "netgateway")
set(CPACK_PACKAGE_VENDOR "netgateway")
set(CPACK_PACKAGE_CONTACT "netgateway release team <release@netgateway.invalid>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "on-premises fleet gateway for printers and MFPs")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_DEBIAN_PACKAGE_RELEASE "1")
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# The maintainer scripts use useradd/groupadd (passwd) and deb-systemd-helper.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "passwd, init-system-helpers (>= 1.52)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "netgateway runs as a service on one machine of a LAN. It discovers printers
and multifunction devices over SNMP and WS-Discovery, polls their counters,
supplies and alerts, keeps them in SQLite and forwards them to the cloud
fleet service over one outbound HTTPS origin.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/installer/debian/postinst"
  "${PROJECT_SOURCE_DIR}/installer/debian/prerm"
  "${PROJECT_SOURCE_DIR}/installer/debian/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Debian documentation files: copyright and a gzip -9n changelog (reproducible).
# string(TIMESTAMP) honours SOURCE_DATE_EPOCH for reproducible packages.
string(TIMESTAMP NETGATEWAY_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file("${PROJECT_SOURCE_DIR}/installer/debian/changelog.in"
  "${PROJECT_BINARY_DIR}/packaging/changelog.Debian" @ONLY)
find_program(NETGATEWAY_GZIP gzip REQUIRED)
add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz"
  COMMAND ${NETGATEWAY_GZIP} -9nc "${PROJECT_BINARY_DIR}/packaging/changelog.Debian"
          > "${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz"
  DEPENDS "${PROJECT_BINARY_DIR}/packaging/changelog.Debian"
  VERBATIM)
set(netgateway_manpages "")
foreach(page netgatewayd.8 netgatewayctl.8)
  add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/packaging/${page}.gz"
    COMMAND ${NETGATEWAY_GZIP} -9nc "${PROJECT_SOURCE_DIR}/installer/debian/${page}"
            > "${PROJECT_BINARY_DIR}/packaging/${page}.gz"
    DEPENDS "${PROJECT_SOURCE_DIR}/installer/debian/${page}"
    VERBATIM)
  list(APPEND netgateway_manpages "${PROJECT_BINARY_DIR}/packaging/${page}.gz")
endforeach()
add_custom_target(netgateway_package_docs ALL
  DEPENDS "${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz" ${netgateway_manpages})

install(FILES "${PROJECT_SOURCE_DIR}/installer/systemd/netgateway.service"
              "${PROJECT_SOURCE_DIR}/installer/systemd/netgateway-upgrade.service"
              "${PROJECT_SOURCE_DIR}/installer/systemd/netgateway-upgrade.path"
  DESTINATION /lib/systemd/system PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES "${PROJECT_SOURCE_DIR}/installer/debian/copyright"
              "${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz"
  DESTINATION share/doc/netgateway PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES "${PROJECT_SOURCE_DIR}/installer/debian/lintian-overrides"
  DESTINATION share/lintian/overrides RENAME netgateway PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES ${netgateway_manpages}
  DESTINATION share/man/man8 PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_BINARY_DIR}/packaging/RequireReleaseKeys.cmake")
# Qt's own texts (context menus, --help) in the desktop console's languages.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# The desktop console's manual page (section 1: any user may run it).
add_custom_command(OUTPUT "${PROJECT_BINARY_DIR}/packaging/netgateway-console.1.gz"
  COMMAND ${NETGATEWAY_GZIP} -9nc "${PROJECT_SOURCE_DIR}/installer/debian/netgateway-console.1"
          > "${PROJECT_BINARY_DIR}/packaging/netgateway-console.1.gz"
  DEPENDS "${PROJECT_SOURCE_DIR}/installer/debian/netgateway-console.1"
  VERBATIM)
add_custom_target(netgateway_console_manpage ALL DEPENDS "${PROJECT_BINARY_DIR}/packaging/netgateway-console.1.gz")
install(FILES "${PROJECT_BINARY_DIR}/packaging/netgateway-console.1.gz"
  DESTINATION share/man/man1 PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

include(CPack)
