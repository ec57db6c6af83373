#include "runner.hpp"

#include "demo_fixture.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/state/in_memory_state.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <regex>

namespace optimist::ethtest {
namespace {

using testing::kFixture;

FixtureFile demo_file(const nlohmann::json& j = nlohmann::json::parse(kFixture)) {
    FixtureFile f;
    f.id = "stExample/demo.json";
    f.folder = folder_of(f.id);
    f.tests = parse_state_tests(j);
    return f;
}

Hash pre_state_root(const StateTest& t) {
    state::InMemoryState s;
    for (const auto& [address, account] : t.pre) s.put_account(address, account);
    return s.state_root();
}

TEST(Runner, SelectsCancunCasesSortedAndFiltered) {
    const std::vector<FixtureFile> files = {demo_file()};
    const Selection all = select_cases(files, nullptr);
    ASSERT_EQ(all.cases.size(), 2U);
    EXPECT_EQ(all.cases[0].id, "stExample/demo.json:demo:0-0-0");
    EXPECT_EQ(all.cases[1].id, "stExample/demo.json:demo:1-1-1");
    EXPECT_EQ(all.skipped, 0U);
    const std::regex only_second("1-1-1$");
    const Selection filtered = select_cases(files, &only_second);
    ASSERT_EQ(filtered.cases.size(), 1U);
    EXPECT_EQ(filtered.skipped, 1U);
    const Selection excluded = select_cases(files, nullptr, &only_second);
    ASSERT_EQ(excluded.cases.size(), 1U);
    EXPECT_EQ(excluded.cases[0].id, "stExample/demo.json:demo:0-0-0");
}

TEST(Runner, UnparsableFilesAreFailures) {
    FixtureFile broken;
    broken.id = "stX/broken.json";
    broken.folder = "stX";
    broken.error = "syntax error";
    const Selection s = select_cases({broken}, nullptr);
    EXPECT_TRUE(s.cases.empty());
    ASSERT_EQ(s.broken.size(), 1U);
    EXPECT_FALSE(s.broken[0].passed);
}

TEST(Runner, ValidCaseMatchesTheFixtureRoot) {
    const std::vector<FixtureFile> files = {demo_file()};
    const Selection s = select_cases(files, nullptr);
    const CaseResult r = check_case(s.cases[0], false);
    EXPECT_TRUE(r.passed) << r.reason;
    EXPECT_EQ(r.folder, "stExample");
    EXPECT_EQ(r.test, "stExample/demo.json:demo");
    EXPECT_EQ(r.index, 0U);
}

TEST(Runner, ExpectedExceptionLeavesThePreState) {
    auto j = nlohmann::json::parse(kFixture);
    // The oversized value of entry 1 is an unencodable transaction; the state must not change.
    const Hash pre_root = pre_state_root(parse_state_tests(j)[0]);
    j["demo"]["post"]["Cancun"][1]["hash"] = to_hex(pre_root);
    const std::vector<FixtureFile> files = {demo_file(j)};
    const Selection s = select_cases(files, nullptr);
    const CaseResult r = check_case(s.cases[1], false);
    EXPECT_TRUE(r.passed) << r.reason;
}

TEST(Runner, MismatchesAreReportedWithTheirCause) {
    auto j = nlohmann::json::parse(kFixture);
    j["demo"]["post"]["Cancun"][0]["hash"] = "0x" + std::string(64, '1');
    j["demo"]["post"]["Cancun"][1]["expectException"] = "TransactionException.INTRINSIC_GAS_TOO_LOW";
    const std::vector<FixtureFile> files = {demo_file(j)};
    const Selection s = select_cases(files, nullptr);
    const CaseResult root = check_case(s.cases[0], false);
    EXPECT_FALSE(root.passed);
    EXPECT_NE(root.reason.find("post state root"), std::string::npos) << root.reason;
    const CaseResult kind = check_case(s.cases[1], false);
    EXPECT_FALSE(kind.passed);
    EXPECT_NE(kind.reason.find("RLP_INVALID_VALUE"), std::string::npos) << kind.reason;
}

TEST(Runner, TracedAndUntracedRunsAgree) {
    const std::vector<FixtureFile> files = {demo_file()};
    const Selection s = select_cases(files, nullptr);
    for (const CaseRef& c : s.cases) {
        const CaseResult r = check_trace_agreement(c);
        EXPECT_TRUE(r.passed) << c.id << ": " << r.reason;
    }
}

TEST(Runner, ParallelRunsAreSortedAndComplete) {
    const std::vector<FixtureFile> files = {demo_file()};
    const Selection s = select_cases(files, nullptr);
    std::atomic<int> done{0};
    const auto results = run_cases(
        s.cases, [](const CaseRef& c) { return check_case(c, false); }, false, [&] { ++done; });
    ASSERT_EQ(results.size(), 2U);
    EXPECT_EQ(done.load(), 2);
    EXPECT_LT(results[0].id, results[1].id);
}

}  // namespace
}  // namespace optimist::ethtest
