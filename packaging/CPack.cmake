# The Debian package: cpack -G DEB in the build directory makes evalx_VERSION_ARCH.deb.
#   cmake -S . -B build -G Ninja && cmake --build build && (cd build && cpack -G DEB)
# Binaries go under CPACK_PACKAGING_INSTALL_PREFIX (/usr); the unit and the
# config file go to the absolute paths below, as Debian has them.

set(EVALX_SYSCONFDIR "/etc" CACHE PATH "Where the package puts evalx/evalx.conf")
set(EVALX_SYSTEMD_UNITDIR "/lib/systemd/system" CACHE PATH "Where the package puts evalx.service")
set(EVALX_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/evalx)

install(FILES ${PROJECT_SOURCE_DIR}/packaging/evalx.service DESTINATION ${EVALX_SYSTEMD_UNITDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/evalx.conf DESTINATION ${EVALX_SYSCONFDIR}/evalx)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${EVALX_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${EVALX_DOCDIR} RENAME copyright)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/grafana-dashboard.json
    DESTINATION ${EVALX_DOCDIR}/examples)
if(EVALX_GUI)
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/evalx.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${PROJECT_SOURCE_DIR}/packaging/io.evalx.EvalX.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/evalx.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME evalx)
set(CPACK_PACKAGE_VENDOR "The EvalX authors")
set(CPACK_PACKAGE_CONTACT "EvalX maintainers <maintainers@evalx.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "judge for untrusted programs: sandbox, APIs and console")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "EvalX compiles and runs untrusted programs against test cases in its own\n"
    "sandbox (namespaces, cgroups, seccomp) and reports a verdict per test. One\n"
    "evalx program is a Qt console, a headless judge server with Judge0-, Piston-\n"
    "and EvalX-compatible HTTP APIs and Prometheus metrics (evalx.service), and a\n"
    "command-line tool (evalx run, evalx judge, evalx doctor).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
# dpkg-shlibdeps (dpkg-dev) computes the libraries' packages from the binaries.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What shlibdeps cannot see: plugins Qt loads at run time.
set(_evalx_depends "libqt6sql6-sqlite")
if(EVALX_GUI)
    string(APPEND _evalx_depends ", libqt6svg6") # the SVG icons
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${_evalx_depends}")
# The toolchains of the languages it judges; each one missing is only a language less.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gcc, g++, python3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "redis-server, default-jdk-headless, nodejs, golang-go, rustc, ruby, php-cli, fp-compiler, lua5.4, perl")
# /etc/evalx/evalx.conf is the administrator's: an upgrade asks before replacing it.
configure_file(${PROJECT_SOURCE_DIR}/packaging/conffiles.in ${CMAKE_BINARY_DIR}/packaging/conffiles
    @ONLY)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_BINARY_DIR}/packaging/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# cpack installs what is built and does not build the whole tree (the tests)
# first: build, then package. (Also makes 'ninja install' skip the build.)
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

include(CPack)
