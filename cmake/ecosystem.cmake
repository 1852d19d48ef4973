# Issue 8: completion scripts embedded in the binary, install layout, kubectl plugin names, .deb.
# Included at the end of the top-level CMakeLists.txt.

# --- `eks-sso completion SHELL` prints completions/* byte for byte ---
set(EKS_SSO_COMPLETION_FILES
  ${CMAKE_SOURCE_DIR}/completions/eks-sso.bash
  ${CMAKE_SOURCE_DIR}/completions/_eks-sso
  ${CMAKE_SOURCE_DIR}/completions/eks-sso.fish)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${EKS_SSO_COMPLETION_FILES}
  ${CMAKE_SOURCE_DIR}/cmake/completion_scripts.hpp.in)
file(READ ${CMAKE_SOURCE_DIR}/completions/eks-sso.bash EKS_SSO_BASH_COMPLETION)
file(READ ${CMAKE_SOURCE_DIR}/completions/_eks-sso EKS_SSO_ZSH_COMPLETION)
file(READ ${CMAKE_SOURCE_DIR}/completions/eks-sso.fish EKS_SSO_FISH_COMPLETION)
foreach(script_text EKS_SSO_BASH_COMPLETION EKS_SSO_ZSH_COMPLETION EKS_SSO_FISH_COMPLETION)
  string(FIND "${${script_text}}" ")eks_sso_script\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${script_text}: the script contains the raw-string delimiter")
  endif()
endforeach()
configure_file(${CMAKE_SOURCE_DIR}/cmake/completion_scripts.hpp.in
  ${CMAKE_BINARY_DIR}/generated/cmd/completion_scripts.hpp @ONLY)
target_include_directories(eks-sso PRIVATE ${CMAKE_BINARY_DIR}/generated)

# --- kubectl plugin names (krew): `kubectl eks-sso ...` runs kubectl-eks_sso, and
# `kubectl eks-sso <TAB>` runs kubectl_complete-eks_sso (kubectl 1.26+) ---
file(CREATE_LINK eks-sso ${CMAKE_BINARY_DIR}/kubectl-eks_sso SYMBOLIC)
install(FILES ${CMAKE_BINARY_DIR}/kubectl-eks_sso DESTINATION ${CMAKE_INSTALL_BINDIR})
install(PROGRAMS ${CMAKE_SOURCE_DIR}/completions/kubectl_complete-eks_sso DESTINATION ${CMAKE_INSTALL_BINDIR})

# --- man pages and completions in the standard places ---
file(GLOB EKS_SSO_MAN_PAGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/man/*.1)
install(FILES ${EKS_SSO_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/completions/eks-sso.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME eks-sso)
install(FILES ${CMAKE_SOURCE_DIR}/completions/_eks-sso DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${CMAKE_SOURCE_DIR}/completions/eks-sso.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)

# --- `cpack -G DEB` from the build directory ---
set(CPACK_PACKAGE_NAME eks-sso)
set(CPACK_PACKAGE_VENDOR "eks-sso")
set(CPACK_PACKAGE_CONTACT "eks-sso maintainers <eks-sso@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "verify that you can reach Amazon EKS through AWS SSO")
set(CPACK_PACKAGE_DESCRIPTION
  "eks-sso checks, from a terminal or a CI job, that a person can reach an Amazon EKS cluster through AWS IAM Identity Center (AWS SSO), and when they cannot, says why and what to run. It never starts aws sso login silently.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# libcurl is opened at run time (lib/os/curl_api.hpp), so dpkg-shlibdeps cannot see it: named here.
# 7.85 is the first release with CURLOPT_PROTOCOLS_STR.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libcurl4 (>= 7.85)")
# The exec plugin eks-sso checks is the AWS CLI v2; completion scripts need a shell.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "awscli")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "kubectl, bash-completion")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)

# --- `eks-sso version`: the commit and the build date (issue 16), written at configure time and
# again on every build (cmake/build_info.cmake rewrites the header only when it changes) ---
set(EKS_SSO_BUILD_INFO ${CMAKE_BINARY_DIR}/generated/cmd/build_info.hpp)
execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${EKS_SSO_BUILD_INFO}
  -P ${CMAKE_SOURCE_DIR}/cmake/build_info.cmake)
add_custom_target(eks_sso_build_info
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${EKS_SSO_BUILD_INFO}
    -P ${CMAKE_SOURCE_DIR}/cmake/build_info.cmake
  BYPRODUCTS ${EKS_SSO_BUILD_INFO} VERBATIM)
add_dependencies(eks-sso eks_sso_build_info)
