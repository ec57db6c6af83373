// Transports include dispatcher.hpp and http_server.hpp without paying for nlohmann/json.hpp:
// this file compiles only while that stays true.
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_server.hpp>

#include <gtest/gtest.h>

#ifdef INCLUDE_NLOHMANN_JSON_HPP_
#error "dispatcher.hpp or http_server.hpp pulled in nlohmann/json.hpp"
#endif

namespace optimist::rpc {
namespace {

TEST(DispatcherHeader, UsableWithForwardDeclarationsOnly) {
    const Dispatcher dispatcher;
    const std::string response = dispatcher.handle(R"({"jsonrpc":"2.0","id":1,"method":"nope"})");
    EXPECT_NE(response.find("-32601"), std::string::npos) << response;
    EXPECT_TRUE(dispatcher.methods().empty());
}

}  // namespace
}  // namespace optimist::rpc
