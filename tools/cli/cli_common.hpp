// Shared by the `optimist` subcommands: argument parsing helpers and the exit codes.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace optimist::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the command ran and something it did failed
inline constexpr int kExitUsage = 2;

inline constexpr std::string_view kDefaultRpc = "http://127.0.0.1:9545";

// "1.5eth", "1.5ether", "20gwei", "100wei" or a plain integer number of wei.
[[nodiscard]] Result<Uint256, std::string> parse_amount(std::string_view text);

// Formats wei as ether with up to 18 decimals, trailing zeros trimmed ("1.5 ETH").
[[nodiscard]] std::string format_ether(const Uint256& wei);

// Each subcommand takes the arguments after its name.
int run_send(const std::vector<std::string>& args);
int run_submit(const std::vector<std::string>& args);
int run_status(const std::vector<std::string>& args);
// `optimist batch inspect ...`: args start with the subcommand name.
int run_batch(const std::vector<std::string>& args);
int run_roots(const std::vector<std::string>& args);
int run_workload(const std::vector<std::string>& args);

}  // namespace optimist::cli
