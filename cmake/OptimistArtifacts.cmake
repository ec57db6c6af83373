# Embedding the committed contract artifacts (contracts/artifacts/*.json, written by
# tools/compile-contracts.mjs) into C++ at configure time, so no build needs Node or solc.
# Used by src/workload (the workload contracts) and bench (the interpreter benchmark's).

# Writes `hex` (lower-case digits, no prefix) as a C++ array initializer, sixteen bytes a line.
function(optimist_hex_to_initializer hex out_var)
  string(LENGTH "${hex}" length)
  math(EXPR last "${length} - 1")
  set(lines "")
  foreach(offset RANGE 0 ${last} 32)
    string(SUBSTRING "${hex}" ${offset} 32 line)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," line "${line}")
    string(APPEND lines "    ${line}\n")
  endforeach()
  set(${out_var} "${lines}" PARENT_SCOPE)
endfunction()

# Reads contracts/artifacts/<name>.json and appends to `data_var` the definitions of
# k<name>_bytecode, k<name>_deployedBytecode (uint8_t arrays) and k<name>, a
# workload::ContractArtifact. Editing the artifact re-runs CMake.
function(optimist_embed_artifact name data_var)
  set(json_path "${PROJECT_SOURCE_DIR}/contracts/artifacts/${name}.json")
  if(NOT EXISTS "${json_path}")
    message(FATAL_ERROR "${json_path} is missing: run `make contracts` (node tools/compile-contracts.mjs)")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${json_path}")
  file(READ "${json_path}" json)
  string(JSON source GET "${json}" source)
  set(data "${${data_var}}")
  foreach(field bytecode deployedBytecode)
    string(JSON hex GET "${json}" ${field})
    if(NOT hex MATCHES "^0x([0-9a-f][0-9a-f])+$")
      message(FATAL_ERROR "${json_path}: \"${field}\" is not 0x-prefixed lower-case hex bytes")
    endif()
    string(SUBSTRING "${hex}" 2 -1 hex)
    optimist_hex_to_initializer("${hex}" bytes)
    string(APPEND data "constexpr std::uint8_t k${name}_${field}[] = {\n${bytes}};\n")
  endforeach()
  string(APPEND data "constexpr ContractArtifact k${name}{\"${name}\", \"${source}\",\n"
    "    k${name}_bytecode, k${name}_deployedBytecode};\n\n")
  set(${data_var} "${data}" PARENT_SCOPE)
endfunction()
