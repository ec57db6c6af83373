// Running state-test cases: finding fixture files, loading them, selecting the Cancun cases,
// executing each case against its pre-state and checking the post-state root, logs hash and
// expected exception.
#pragma once

#include "fixture.hpp"
#include "report.hpp"

#include <optimist/core/result.hpp>
#include <optimist/evm/execution.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace optimist::ethtest {

struct FixturePath {
    std::filesystem::path file;
    std::filesystem::path root;  // the PATH argument it was found under
};

// The .json files named by `paths` (files, or folders searched recursively), sorted by
// path. Fails when a path does not exist.
[[nodiscard]] Result<std::vector<FixturePath>, std::string> discover(const std::vector<std::string>& paths);

struct FixtureFile {
    std::string id;      // file_id()
    std::string folder;  // folder_of(id)
    std::vector<StateTest> tests;
    std::string error;  // why the file could not be read or parsed; empty when it was
};

// Reads and parses the files in parallel. The result has the order of `paths`.
[[nodiscard]] std::vector<FixtureFile> load_fixtures(const std::vector<FixturePath>& paths);

struct CaseRef {
    const FixtureFile* file = nullptr;
    const StateTest* test = nullptr;
    std::size_t index = 0;  // into test->post
    std::string id;
};

struct Selection {
    std::vector<CaseRef> cases;      // sorted by id
    std::vector<CaseResult> broken;  // files that could not be parsed, as failed results
    std::size_t skipped = 0;         // Cancun cases the filter left out
};
// Every Cancun case whose identifier matches `filter` and does not match `exclude` (regex
// searches; null means no constraint).
[[nodiscard]] Selection select_cases(const std::vector<FixtureFile>& files, const std::regex* filter,
                                     const std::regex* exclude = nullptr);

// What executing a case produced.
struct Observed {
    std::string exception;  // the fixture name of the rejection; empty when the tx was applied
    std::string detail;     // the rejection's message, or the execution status
    Hash state_root;
    Hash logs_hash;
    std::uint64_t gas_used = 0;
};

// Executes one case from its pre-state. `tracer` (may be null) sees every EVM step.
[[nodiscard]] Observed execute_case(const CaseRef& c, evm::Tracer* tracer);

// Executes and checks one case. With `trace`, EIP-3155 lines and a summary line go to stderr.
[[nodiscard]] CaseResult check_case(const CaseRef& c, bool trace);

// Executes a case with a JSON tracer writing to a discarded stream and without one, and
// fails unless both agree on root, logs hash, gas used and exception.
[[nodiscard]] CaseResult check_trace_agreement(const CaseRef& c);

using CaseCheck = std::function<CaseResult(const CaseRef&)>;
// Runs `check` on every case; in parallel (TBB) unless `sequential`. `on_done` is called
// once per finished case, possibly from several threads at once. Results are sorted by id.
[[nodiscard]] std::vector<CaseResult> run_cases(const std::vector<CaseRef>& cases, const CaseCheck& check,
                                                bool sequential, const std::function<void()>& on_done);

}  // namespace optimist::ethtest
