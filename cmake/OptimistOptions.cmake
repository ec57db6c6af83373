# Compile options shared by every project target. Third-party code never sees them:
# they are attached to targets through optimist_target_options(), not set globally.

add_library(optimist_options INTERFACE)
target_compile_options(optimist_options INTERFACE
  -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough)

if(OPTIMIST_SANITIZE)
  # GCC 12's -Wmaybe-uninitialized reports false positives on std::optional<std::vector>
  # once ASan instruments the code; the Release build keeps the warning.
  target_compile_options(optimist_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
    -Wno-maybe-uninitialized)
  target_link_options(optimist_options INTERFACE -fsanitize=address,undefined)
endif()

# The executables' allocator. glibc's malloc grows the arenas of threads other than the main
# one a page at a time (an mprotect call per page) and consolidates the main arena's free lists
# on every large request, in the serial set-up of each block: both cost Block-STM's workers
# more than the sequential executor (docs/performance.md). Linking the shared mimalloc replaces
# malloc and operator new for the whole process, LevelDB and TBB included. Sanitizer builds
# keep the sanitizers' own allocator; a build of the libraries alone needs no mimalloc.
add_library(optimist_allocator INTERFACE)
if(OPTIMIST_MIMALLOC AND NOT OPTIMIST_SANITIZE AND (OPTIMIST_BUILD_TOOLS OR OPTIMIST_BUILD_BENCH))
  find_package(mimalloc 2 REQUIRED)
  # As the first library on the link line, so that its malloc comes before libc's.
  target_link_libraries(optimist_allocator INTERFACE mimalloc)
endif()

# optimist_module(NAME SOURCES... [DEPENDS targets...] [PRIVATE_DEPENDS targets...])
# Declares the library target optimist_<NAME> with public headers in include/optimist/<NAME>.
function(optimist_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(optimist_${name} STATIC ${ARG_SOURCES})
  add_library(optimist::${name} ALIAS optimist_${name})
  target_include_directories(optimist_${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)
  target_link_libraries(optimist_${name}
    PUBLIC ${ARG_DEPENDS}
    PRIVATE optimist_options ${ARG_PRIVATE_DEPENDS})
endfunction()

# optimist_executable(NAME SOURCES... [DEPENDS targets...])
function(optimist_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE optimist_allocator optimist_options ${ARG_DEPENDS})
endfunction()
