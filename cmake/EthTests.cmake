# Unpacks the ethereum/tests archive into the build tree at configure time.
# The data is never committed; it lives in ../shared next to the clone.
set(OPTIMIST_ETHTESTS_DIR "${CMAKE_BINARY_DIR}/ethtests-data/ethtests")
set(_stamp "${CMAKE_BINARY_DIR}/ethtests-data/.unpacked")

if(EXISTS "${OPTIMIST_ETHTESTS_ARCHIVE}")
  file(SHA256 "${OPTIMIST_ETHTESTS_ARCHIVE}" _archive_hash)
  set(_have "")
  if(EXISTS "${_stamp}")
    file(READ "${_stamp}" _have)
  endif()
  if(NOT _have STREQUAL _archive_hash)
    message(STATUS "Unpacking ${OPTIMIST_ETHTESTS_ARCHIVE}")
    file(REMOVE_RECURSE "${CMAKE_BINARY_DIR}/ethtests-data")
    file(ARCHIVE_EXTRACT INPUT "${OPTIMIST_ETHTESTS_ARCHIVE}"
         DESTINATION "${CMAKE_BINARY_DIR}/ethtests-data")
    file(WRITE "${_stamp}" "${_archive_hash}")
  endif()
  set(OPTIMIST_HAVE_ETHTESTS ON)
else()
  # CI must not pass by silently skipping conformance: there the archive is required.
  if(DEFINED ENV{CI})
    message(FATAL_ERROR "ethtests archive not found at ${OPTIMIST_ETHTESTS_ARCHIVE}")
  endif()
  message(WARNING "ethtests archive not found at ${OPTIMIST_ETHTESTS_ARCHIVE}: "
                  "conformance tests are not registered (set OPTIMIST_ETHTESTS_ARCHIVE)")
  set(OPTIMIST_HAVE_ETHTESTS OFF)
endif()
