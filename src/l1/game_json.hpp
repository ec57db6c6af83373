// The JSON form of a dispute game (optimist_l1Games, optimist_l1Game; docs/l1.md), shared by
// the optimist-l1 server and L1RpcClient. Enums are their to_string() names.
#pragma once

#include <optimist/core/result.hpp>
#include <optimist/l1/dispute_game.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace optimist::l1::l1json {

// Besides the record, "turn", "awaitingProof" and each party's clock left as of L1 block
// `head` (informational: game_from_json ignores them, they follow from the record).
[[nodiscard]] nlohmann::json to_json(const DisputeGame& g, std::uint64_t head);
[[nodiscard]] Result<DisputeGame, std::string> game_from_json(const nlohmann::json& j);

}  // namespace optimist::l1::l1json
