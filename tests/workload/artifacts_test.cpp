// The contract artifacts embedded at configure time (src/workload/CMakeLists.txt).
#include <optimist/workload/artifacts.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace optimist::workload {
namespace {

TEST(Artifacts, EveryContractIsEmbeddedUnderItsName) {
    const std::pair<Contract, std::string_view> expected[] = {
        {Contract::airdrop, "Airdrop"}, {Contract::hot_counter, "HotCounter"}, {Contract::nft, "Nft"},
        {Contract::pair, "Pair"},       {Contract::router, "Router"},          {Contract::token, "Token"},
    };
    ASSERT_EQ(all_artifacts().size(), std::size(expected));
    for (const auto& [contract, name] : expected) {
        const ContractArtifact& a = artifact(contract);
        EXPECT_EQ(a.name, name);
        EXPECT_EQ(a.source, "contracts/" + std::string(name) + ".sol");
        EXPECT_EQ(find_artifact(name), &a);
    }
    EXPECT_EQ(find_artifact("Missing"), nullptr);
}

// The init code returns the runtime code, which solc places verbatim at its end (before
// any constructor arguments): a check that the two fields were not mixed up or truncated.
TEST(Artifacts, CreationCodeCarriesTheDeployedCode) {
    for (const ContractArtifact* a : all_artifacts()) {
        SCOPED_TRACE(std::string(a->name));
        ASSERT_FALSE(a->deployed_code.empty());
        ASSERT_GT(a->creation_code.size(), a->deployed_code.size());
        // Immutables are zero in both, so the runtime code appears as is.
        const auto found = std::search(a->creation_code.begin(), a->creation_code.end(),
                                       a->deployed_code.begin(), a->deployed_code.end());
        EXPECT_NE(found, a->creation_code.end());
    }
}

}  // namespace
}  // namespace optimist::workload
