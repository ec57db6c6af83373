// ethereum/tests TransactionTests: each test is one encoded transaction ("txbytes") and, per
// fork, either what a client must derive from it (hash, sender, intrinsic gas) or the
// exception it must reject it with. `optimist-ethtest tx` runs them through the tx module:
// decode_transaction, validate_stateless (chain id 1, no block context) and recover_sender.
//
// Fork: the Cancun entry. Tests without one (newer fills retired them; all are malformed
// encodings) use their newest entry from Shanghai, Paris or London, whose transaction rules
// Cancun keeps for these inputs; the case identifier names the fork used.
//
// Case identifier: "<file>:<test>:<fork>", <file> being the path below the TransactionTests
// folder, e.g. "ttNonce/TransactionWithHighNonce256.json:TransactionWithHighNonce256:Cancun".
// Results, baselines and reports are those of report.hpp.
#pragma once

#include "report.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/tx/error.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::ethtest {

struct TxCase {
    std::string id;      // "<file>:<test>:<fork>"
    std::string test;    // "<file>:<test>"
    std::string folder;  // folder_of(<file>)
    std::string fork;
    std::string txbytes;           // hex, as the fixture gives it
    std::string expect_exception;  // empty when the transaction is valid
    // What a valid transaction must yield. The fixtures give intrinsic gas for most rejected
    // ones too; it is only compared for valid ones.
    std::optional<Hash> hash;
    std::optional<Address> sender;
    std::optional<std::uint64_t> intrinsic_gas;
};

// The <file> part of a case identifier: the path below the last "TransactionTests" folder,
// else as file_id() gives it.
[[nodiscard]] std::string tx_file_id(const std::filesystem::path& file, const std::filesystem::path& root);

// The cases of one fixture file (its top-level object); a test with no usable fork entry
// gives none. Throws std::runtime_error or nlohmann::json::exception on malformed fixtures
// (tools glue).
[[nodiscard]] std::vector<TxCase> parse_tx_tests(const nlohmann::json& file, std::string_view file_id);

// Whether a rejection is the one an ethereum/tests exception name describes. Names may list
// alternatives separated by '|'. Known names require the matching kind (and, for malformed
// encodings, the field when the name gives one); unknown names accept any rejection.
[[nodiscard]] bool rejection_matches(std::string_view expected_exception, const tx::TxRejection& r);

// Runs and checks one case.
[[nodiscard]] CaseResult check_tx_case(const TxCase& c);

struct TxRun {
    std::vector<CaseResult> results;  // sorted by id; unreadable files appear as failed results
    std::size_t files = 0;
    std::size_t skipped = 0;  // cases the filter left out
};

// Finds the .json files under `paths` (as `state` does), parses them, selects the cases
// whose identifier matches `filter` (a regex search; null selects all) and checks them in
// parallel (TBB). Fails when a path does not exist.
[[nodiscard]] Result<TxRun, std::string> run_tx_tests(const std::vector<std::string>& paths,
                                                      const std::regex* filter);

}  // namespace optimist::ethtest
