// Strict parsing and formatting of Ethereum JSON-RPC values, with geth's rules and messages.
//
// Parsers return the message geth writes after "invalid argument N: " (invalid_argument()
// adds that prefix and the -32602 code):
//   quantity  "0x" + minimal hex digits: "hex string without 0x prefix", "hex string \"0x\"",
//             "hex number with leading zero digits", "hex number > 256 bits" (> 64 for the
//             u64 form), "invalid hex string", "empty hex string";
//   data      "0x" + an even number of digits ("" is accepted as empty, as geth does):
//             "hex string of odd length", ...;
//   address / hash  exactly 20 / 32 bytes: "hex string has length 38, want 40 for address".
// A JSON value of the wrong type gives "cannot unmarshal non-string into <kind>".
// Either digit case and an "0X" prefix are accepted, as geth accepts them.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/rpc/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace optimist::rpc {

// ---- Values -----------------------------------------------------------------------------

[[nodiscard]] Result<Uint256, std::string> parse_quantity(std::string_view text);
[[nodiscard]] Result<Uint256, std::string> parse_quantity(const nlohmann::json& value);
[[nodiscard]] Result<std::uint64_t, std::string> parse_quantity_u64(std::string_view text);
[[nodiscard]] Result<std::uint64_t, std::string> parse_quantity_u64(const nlohmann::json& value);
[[nodiscard]] Result<Bytes, std::string> parse_data(std::string_view text);
[[nodiscard]] Result<Bytes, std::string> parse_data(const nlohmann::json& value);
[[nodiscard]] Result<Address, std::string> parse_address(std::string_view text);
[[nodiscard]] Result<Address, std::string> parse_address(const nlohmann::json& value);
[[nodiscard]] Result<Hash, std::string> parse_hash(std::string_view text);
[[nodiscard]] Result<Hash, std::string> parse_hash(const nlohmann::json& value);

// A string literal or std::string converts to both std::string_view and json; these exact
// matches settle the choice for the text form.
// clang-format off
[[nodiscard]] inline auto parse_quantity(const char* t) { return parse_quantity(std::string_view(t)); }
[[nodiscard]] inline auto parse_quantity(const std::string& t) { return parse_quantity(std::string_view(t)); }
[[nodiscard]] inline auto parse_quantity_u64(const char* t) { return parse_quantity_u64(std::string_view(t)); }
[[nodiscard]] inline auto parse_quantity_u64(const std::string& t) { return parse_quantity_u64(std::string_view(t)); }
[[nodiscard]] inline auto parse_data(const char* t) { return parse_data(std::string_view(t)); }
[[nodiscard]] inline auto parse_data(const std::string& t) { return parse_data(std::string_view(t)); }
[[nodiscard]] inline auto parse_address(const char* t) { return parse_address(std::string_view(t)); }
[[nodiscard]] inline auto parse_address(const std::string& t) { return parse_address(std::string_view(t)); }
[[nodiscard]] inline auto parse_hash(const char* t) { return parse_hash(std::string_view(t)); }
[[nodiscard]] inline auto parse_hash(const std::string& t) { return parse_hash(std::string_view(t)); }
// clang-format on

// ---- Blocks -----------------------------------------------------------------------------

// Which block a call refers to. Tags stay tags: what "safe" or "earliest" resolves to is the
// chain's business, not the parser's.
struct BlockId {
    enum class Kind : std::uint8_t { number, latest, pending, earliest, safe, finalized, hash };

    Kind kind = Kind::latest;
    std::uint64_t number = 0;        // when kind == number; at most INT64_MAX, as geth
    Hash hash{};                     // when kind == hash
    bool require_canonical = false;  // when kind == hash (EIP-1898)

    [[nodiscard]] static BlockId tag(Kind k) { return {k, 0, {}, false}; }
    [[nodiscard]] static BlockId at(std::uint64_t n) { return {Kind::number, n, {}, false}; }
    [[nodiscard]] static BlockId by_hash(const Hash& h, bool canonical = false) {
        return {Kind::hash, 0, h, canonical};
    }

    friend bool operator==(const BlockId&, const BlockId&) = default;
};

// "latest", "0x10", or the hash in hex: for logs and messages.
[[nodiscard]] std::string to_string(const BlockId& id);

// A block number parameter (eth_getBlockByNumber): "latest", "pending", "earliest", "safe",
// "finalized" or a quantity; "block number larger than int64" above INT64_MAX.
[[nodiscard]] Result<BlockId, std::string> parse_block_number(const nlohmann::json& value);
// A block number or hash (EIP-1898; eth_getBalance, eth_call, ...): everything
// parse_block_number accepts, a 32-byte hash string, or an object {"blockNumber": n} |
// {"blockHash": h, "requireCanonical"?: bool}.
[[nodiscard]] Result<BlockId, std::string> parse_block_id(const nlohmann::json& value);

// ---- Formatting -------------------------------------------------------------------------

// Minimal hex with "0x": 0 -> "0x0", 26 -> "0x1a".
[[nodiscard]] std::string format_quantity(const Uint256& value);
[[nodiscard]] std::string format_quantity(std::uint64_t value);
// "0x" + two lower-case digits per byte ("0x" for empty).
[[nodiscard]] std::string format_data(ByteView data);
// Lower case, not EIP-55 checksummed: every client accepts it.
[[nodiscard]] std::string format_address(const Address& address);
[[nodiscard]] std::string format_hash(const Hash& hash);

// ---- Positional arguments ---------------------------------------------------------------

// -32602 "invalid argument <index>: <message>", geth's form.
[[nodiscard]] RpcError invalid_argument(std::size_t index, std::string_view message);

// Checks that `params` is an array of `required` to `max` elements. Trailing optional
// arguments may be omitted or null. Messages: "non-array args",
// "missing value for required argument N", "too many arguments, want at most N".
[[nodiscard]] Result<void, RpcError> check_arity(const nlohmann::json& params, std::size_t required,
                                                 std::size_t max);

// params[index] through `parse` (one of the parsers above, or any
// Result<T, std::string>(const json&)); missing or null -> "missing value for required
// argument N".
template <typename T>
[[nodiscard]] Result<T, RpcError> required_arg(const nlohmann::json& params, std::size_t index,
                                               Result<T, std::string> (*parse)(const nlohmann::json&)) {
    if (!params.is_array()) return fail(RpcError::invalid_params("non-array args"));
    if (index >= params.size() || params[index].is_null())
        return fail(RpcError::invalid_params("missing value for required argument " + std::to_string(index)));
    auto parsed = parse(params[index]);
    if (!parsed) return fail(invalid_argument(index, parsed.error()));
    return std::move(parsed).value();
}

// As required_arg, but a missing or null argument is nullopt.
template <typename T>
[[nodiscard]] Result<std::optional<T>, RpcError> optional_arg(
    const nlohmann::json& params, std::size_t index, Result<T, std::string> (*parse)(const nlohmann::json&)) {
    if (!params.is_array()) return fail(RpcError::invalid_params("non-array args"));
    if (index >= params.size() || params[index].is_null()) return std::optional<T>{};
    auto parsed = parse(params[index]);
    if (!parsed) return fail(invalid_argument(index, parsed.error()));
    return std::optional<T>(std::move(parsed).value());
}

}  // namespace optimist::rpc
