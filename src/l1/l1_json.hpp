// The JSON forms of the L1 values, shared by the optimist-l1 server (rpc_api.cpp) and
// L1RpcClient so the two cannot drift apart. Quantities are minimal hex, byte strings
// "0x"-prefixed hex, as everywhere in Ethereum JSON-RPC (rpc/params.hpp). Parsers are
// strict, return a message naming the field, and never throw.
#pragma once

#include <optimist/core/result.hpp>
#include <optimist/l1/types.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace optimist::l1::l1json {

[[nodiscard]] nlohmann::json to_json(const L1Config& c);
[[nodiscard]] nlohmann::json to_json(const L1Head& h);
[[nodiscard]] nlohmann::json to_json(const InboxEntry& e);
[[nodiscard]] nlohmann::json to_json(const OutputProposal& p);

[[nodiscard]] Result<L1Config, std::string> config_from_json(const nlohmann::json& j);
[[nodiscard]] Result<L1Head, std::string> head_from_json(const nlohmann::json& j);
[[nodiscard]] Result<InboxEntry, std::string> inbox_entry_from_json(const nlohmann::json& j);
[[nodiscard]] Result<OutputProposal, std::string> output_from_json(const nlohmann::json& j);
// An eth_getTransactionReceipt result (its "failureReason" member is Optimist's addition).
[[nodiscard]] Result<L1Receipt, std::string> receipt_from_json(const nlohmann::json& j);

}  // namespace optimist::l1::l1json
