#include "report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace optimist::ethtest {
namespace {

CaseResult result(std::string id, bool passed, std::string reason = {}, std::string folder = "stA") {
    CaseResult r;
    r.id = std::move(id);
    r.test = r.id.substr(0, r.id.rfind(':'));
    r.folder = std::move(folder);
    r.passed = passed;
    r.reason = std::move(reason);
    r.seconds = 0.5;
    return r;
}

TEST(CaseIds, AnchoredBelowGeneralStateTests) {
    EXPECT_EQ(
        file_id("/data/ethtests/GeneralStateTests/stExample/add11.json", "/data/ethtests/GeneralStateTests"),
        "stExample/add11.json");
    // The same id whichever folder was passed on the command line.
    EXPECT_EQ(file_id("/x/GeneralStateTests/Cancun/stEIP5656-MCOPY/a.json", "/x/GeneralStateTests/Cancun"),
              "Cancun/stEIP5656-MCOPY/a.json");
    EXPECT_EQ(file_id("/x/GeneralStateTests/VMTests/v/a.json", "/x/GeneralStateTests/VMTests/v/a.json"),
              "VMTests/v/a.json");
}

TEST(CaseIds, RelativeToThePathElsewhere) {
    EXPECT_EQ(file_id("/tmp/mine/sub/t.json", "/tmp/mine"), "sub/t.json");
    EXPECT_EQ(file_id("/tmp/mine/t.json", "/tmp/mine/t.json"), "t.json");
}

TEST(CaseIds, FolderAndCaseId) {
    EXPECT_EQ(folder_of("Cancun/stEIP5656-MCOPY/a.json"), "Cancun/stEIP5656-MCOPY");
    EXPECT_EQ(folder_of("t.json"), ".");
    EXPECT_EQ(case_id("stExample/add11.json", "add11", 1, 2, 3), "stExample/add11.json:add11:1-2-3");
}

TEST(Baseline, ParsesIdsAndReasons) {
    std::istringstream in(
        "# known failures\n"
        "\n"
        "stA/x.json:x:0-0-0 # bn254 precompile not implemented (issue 9)\n"
        "stA/y.json:test with spaces[a b]:1-0-0 # reason # with hash\r\n");
    const auto b = parse_baseline(in);
    ASSERT_TRUE(b);
    ASSERT_EQ(b->reasons.size(), 2U);
    EXPECT_EQ(b->reasons.at("stA/x.json:x:0-0-0"), "bn254 precompile not implemented (issue 9)");
    EXPECT_EQ(b->reasons.at("stA/y.json:test with spaces[a b]:1-0-0"), "reason # with hash");
}

TEST(Baseline, EveryLineNeedsAReason) {
    std::istringstream missing("stA/x.json:x:0-0-0\n");
    const auto b = parse_baseline(missing);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().line, 1U);
    std::istringstream empty_reason("stA/x.json:x:0-0-0 # \n");
    EXPECT_FALSE(parse_baseline(empty_reason));
    std::istringstream duplicate("a # r\na # r\n");
    EXPECT_FALSE(parse_baseline(duplicate));
}

TEST(Baseline, WriteKeepsCuratedReasonsAndSorts) {
    const std::vector<CaseResult> results = {result("b:t:0-0-0", false, "root mismatch"),
                                             result("c:t:0-0-0", true),
                                             result("a:t:0-0-0", false, "multi\nline")};
    Baseline previous;
    previous.reasons["b:t:0-0-0"] = "KZG point evaluation not implemented (issue 9)";
    std::ostringstream out;
    write_baseline(out, results, &previous);
    std::string text = out.str();
    ASSERT_EQ(text.front(), '#');  // a header comment, then the cases
    text.erase(0, text.find("\na:") + 1);
    EXPECT_EQ(text,
              "a:t:0-0-0 # multi line\n"
              "b:t:0-0-0 # KZG point evaluation not implemented (issue 9)\n");
    // What was written reads back.
    std::istringstream in(out.str());
    const auto again = parse_baseline(in);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->reasons.size(), 2U);
}

TEST(Verdict, BaselineRatchet) {
    const std::vector<CaseResult> results = {result("a:t:0-0-0", false, "x"), result("b:t:0-0-0", false, "y"),
                                             result("c:t:0-0-0", true)};
    EXPECT_EQ(judge(results, nullptr).new_failures.size(), 2U);
    Baseline baseline;
    baseline.reasons["a:t:0-0-0"] = "known";
    baseline.reasons["c:t:0-0-0"] = "was failing";
    baseline.reasons["z:t:0-0-0"] = "not selected in this run";
    const Verdict v = judge(results, &baseline);
    ASSERT_EQ(v.new_failures.size(), 1U);
    EXPECT_EQ(v.new_failures[0]->id, "b:t:0-0-0");
    EXPECT_FALSE(v.ok());
    EXPECT_EQ(v.fixed, std::vector<std::string>{"c:t:0-0-0"});
    baseline.reasons["b:t:0-0-0"] = "known too";
    EXPECT_TRUE(judge(results, &baseline).ok());
}

TEST(Tables, PerFolderWithTotal) {
    std::vector<CaseResult> results = {result("x", true, "", "stB"), result("y", false, "r", "stA"),
                                       result("z", true, "", "stA")};
    const auto rows = folder_table(results);
    ASSERT_EQ(rows.size(), 3U);
    EXPECT_EQ(rows[0].folder, "stA");
    EXPECT_EQ(rows[0].passed, 1U);
    EXPECT_EQ(rows[0].failed, 1U);
    EXPECT_EQ(rows[1].folder, "stB");
    EXPECT_EQ(rows[2].folder, "total");
    EXPECT_EQ(rows[2].passed, 2U);
    EXPECT_DOUBLE_EQ(rows[2].seconds, 1.5);

    std::ostringstream md;
    print_markdown(md, rows);
    EXPECT_EQ(md.str(),
              "| folder | passed | failed |\n| --- | ---: | ---: |\n"
              "| `stA` | 1 | 1 |\n| `stB` | 1 | 0 |\n| **total** | 2 | 1 |\n");
    std::ostringstream text;
    print_table(text, rows);
    EXPECT_NE(text.str().find("folder"), std::string::npos);
    EXPECT_NE(text.str().find("total"), std::string::npos);
}

TEST(Summary, JsonShape) {
    std::vector<CaseResult> results = {result("f.json:t:0-1-0", false, "root"),
                                       result("f.json:t:0-0-0", true)};
    results[0].index = 1;
    const auto j = nlohmann::json::parse(summary_json(results, 7));
    EXPECT_EQ(j["passed"], 1);
    EXPECT_EQ(j["failed"], 1);
    EXPECT_EQ(j["skipped"], 7);
    ASSERT_EQ(j["failures"].size(), 1U);
    EXPECT_EQ(j["failures"][0]["test"], "f.json:t");
    EXPECT_EQ(j["failures"][0]["index"], 1);
    EXPECT_EQ(j["failures"][0]["reason"], "root");
    EXPECT_EQ(j["failures"][0]["case"], "f.json:t:0-1-0");
}

TEST(Results, SortedById) {
    std::vector<CaseResult> results = {result("b", true), result("a", true)};
    sort_results(results);
    EXPECT_EQ(results[0].id, "a");
}

}  // namespace
}  // namespace optimist::ethtest
