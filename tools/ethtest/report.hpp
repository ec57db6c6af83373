// Case identifiers, results, the baseline of known failures, and the reports built from them
// (per-folder table, Markdown table, summary JSON).
//
// Case identifier: "<file>:<test>:<d>-<g>-<v>", where <file> is the fixture's path below the
// GeneralStateTests folder (or below the PATH argument when the file is not under such a
// folder), <test> the test's name in the file, and d, g, v the data, gas and value indexes
// of the post entry. Example: "stExample/add11.json:add11:0-0-0". The folder of a case is
// its file's directory ("stExample", "Cancun/stEIP1153-transientStorage").
#pragma once

#include <optimist/core/result.hpp>

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::ethtest {

// The <file> part of a case identifier for `file`, found under the PATH argument `root`.
[[nodiscard]] std::string file_id(const std::filesystem::path& file, const std::filesystem::path& root);
// The folder part of a file identifier ("." for a file at the top).
[[nodiscard]] std::string folder_of(std::string_view file_id);
[[nodiscard]] std::string case_id(std::string_view file_id, std::string_view test, std::size_t data,
                                  std::size_t gas, std::size_t value);

struct CaseResult {
    std::string id;         // the case identifier
    std::string test;       // "<file>:<test>"
    std::string folder;     // see folder_of
    std::size_t index = 0;  // position among the test's Cancun post entries
    bool passed = false;
    std::string reason;  // why it failed; empty when it passed
    double seconds = 0;
};

// Sorts by identifier, so every report is the same whatever order the threads finished in.
void sort_results(std::vector<CaseResult>& results);

// Known failures: one "<case id> # <reason>" per line. Blank lines and lines starting with
// '#' are comments. Each case must carry a reason.
struct Baseline {
    std::map<std::string, std::string> reasons;  // case id -> reason
};
struct BaselineError {
    std::size_t line = 0;
    std::string message;
};
[[nodiscard]] Result<Baseline, BaselineError> parse_baseline(std::istream& in);
// Writes the failures of `results` (sorted) in baseline format. A case already in `previous`
// keeps its reason there (a curated reason beats the generic mismatch text).
void write_baseline(std::ostream& out, const std::vector<CaseResult>& results, const Baseline* previous);

// What the results mean against a baseline (or against "everything passes" without one).
struct Verdict {
    std::vector<const CaseResult*> new_failures;  // failed and not in the baseline
    std::vector<std::string> fixed;               // in the baseline, selected, and passed
    [[nodiscard]] bool ok() const noexcept { return new_failures.empty(); }
};
[[nodiscard]] Verdict judge(const std::vector<CaseResult>& results, const Baseline* baseline);

struct FolderRow {
    std::string folder;
    std::size_t passed = 0;
    std::size_t failed = 0;
    double seconds = 0;  // summed case run times (CPU time across threads)
};
// One row per folder, sorted by folder name, and a "total" row last.
[[nodiscard]] std::vector<FolderRow> folder_table(const std::vector<CaseResult>& results);
void print_table(std::ostream& out, const std::vector<FolderRow>& rows);
void print_markdown(std::ostream& out, const std::vector<FolderRow>& rows);

// {"passed":N,"failed":N,"skipped":N,"failures":[{"test":..,"index":N,"case":..,"reason":..}]}
[[nodiscard]] std::string summary_json(const std::vector<CaseResult>& results, std::size_t skipped);

}  // namespace optimist::ethtest
