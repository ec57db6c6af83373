#include <optimist/core/hex.hpp>
#include <optimist/rpc/params.hpp>

#include <limits>

namespace optimist::rpc {
namespace {

using nlohmann::json;

constexpr std::string_view kEmptyHex = "empty hex string";
constexpr std::string_view kMissingPrefix = "hex string without 0x prefix";
constexpr std::string_view kEmptyNumber = "hex string \"0x\"";
constexpr std::string_view kLeadingZero = "hex number with leading zero digits";
constexpr std::string_view kOddLength = "hex string of odd length";
constexpr std::string_view kSyntax = "invalid hex string";
constexpr std::string_view kBlockTooLarge = "block number larger than int64";

bool has_prefix(std::string_view s) { return s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'); }

int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string non_string(std::string_view kind) {
    return "cannot unmarshal non-string into " + std::string(kind);
}

// geth's hexutil checkNumber: the digits of a quantity, or the reason there are none.
Result<std::string_view, std::string> quantity_digits(std::string_view text, std::size_t max_digits,
                                                      std::string_view too_long) {
    if (text.empty()) return fail(std::string(kEmptyHex));
    if (!has_prefix(text)) return fail(std::string(kMissingPrefix));
    const std::string_view digits = text.substr(2);
    if (digits.empty()) return fail(std::string(kEmptyNumber));
    if (digits.size() > 1 && digits[0] == '0') return fail(std::string(kLeadingZero));
    if (digits.size() > max_digits) return fail(std::string(too_long));
    for (char c : digits)
        if (nibble(c) < 0) return fail(std::string(kSyntax));
    return digits;
}

// geth's hexutil checkText with a required prefix: the digits of a data string ("" allowed).
Result<std::string_view, std::string> data_digits(std::string_view text) {
    if (text.empty()) return text;
    if (!has_prefix(text)) return fail(std::string(kMissingPrefix));
    const std::string_view digits = text.substr(2);
    if (digits.size() % 2 != 0) return fail(std::string(kOddLength));
    return digits;
}

Bytes decode_digits(std::string_view digits) {
    Bytes out(digits.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>(nibble(digits[2 * i]) << 4 | nibble(digits[2 * i + 1]));
    return out;
}

template <std::size_t N>
Result<FixedBytes<N>, std::string> parse_fixed(std::string_view text, std::string_view kind) {
    auto digits = data_digits(text);
    if (!digits) return fail(digits.error());
    if (digits->size() != 2 * N) {
        return fail("hex string has length " + std::to_string(digits->size()) + ", want " +
                    std::to_string(2 * N) + " for " + std::string(kind));
    }
    for (char c : *digits)
        if (nibble(c) < 0) return fail(std::string(kSyntax));
    return FixedBytes<N>::right_aligned(decode_digits(*digits));
}

template <typename T>
Result<T, std::string> from_json(const json& value, std::string_view kind,
                                 Result<T, std::string> (*parse)(std::string_view)) {
    if (!value.is_string()) return fail(non_string(kind));
    return parse(value.get_ref<const std::string&>());
}

std::optional<BlockId::Kind> parse_tag(std::string_view text) {
    if (text == "latest") return BlockId::Kind::latest;
    if (text == "pending") return BlockId::Kind::pending;
    if (text == "earliest") return BlockId::Kind::earliest;
    if (text == "safe") return BlockId::Kind::safe;
    if (text == "finalized") return BlockId::Kind::finalized;
    return std::nullopt;
}

Result<BlockId, std::string> block_number_from_text(std::string_view text) {
    if (auto tag = parse_tag(text)) return BlockId::tag(*tag);
    auto number = parse_quantity_u64(text);
    if (!number) return fail(number.error());
    if (*number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return fail(std::string(kBlockTooLarge));
    return BlockId::at(*number);
}

}  // namespace

Result<Uint256, std::string> parse_quantity(std::string_view text) {
    auto digits = quantity_digits(text, 64, "hex number > 256 bits");
    if (!digits) return fail(digits.error());
    Uint256 out;
    for (char c : *digits) out = (out << 4) | Uint256(static_cast<std::uint64_t>(nibble(c)));
    return out;
}

Result<std::uint64_t, std::string> parse_quantity_u64(std::string_view text) {
    auto digits = quantity_digits(text, 16, "hex number > 64 bits");
    if (!digits) return fail(digits.error());
    std::uint64_t out = 0;
    for (char c : *digits) out = out << 4 | static_cast<std::uint64_t>(nibble(c));
    return out;
}

Result<Bytes, std::string> parse_data(std::string_view text) {
    auto digits = data_digits(text);
    if (!digits) return fail(digits.error());
    for (char c : *digits)
        if (nibble(c) < 0) return fail(std::string(kSyntax));
    return decode_digits(*digits);
}

Result<Address, std::string> parse_address(std::string_view text) { return parse_fixed<20>(text, "address"); }
Result<Hash, std::string> parse_hash(std::string_view text) { return parse_fixed<32>(text, "hash"); }

Result<Uint256, std::string> parse_quantity(const json& value) {
    return from_json<Uint256>(value, "quantity", &parse_quantity);
}
Result<std::uint64_t, std::string> parse_quantity_u64(const json& value) {
    return from_json<std::uint64_t>(value, "quantity", &parse_quantity_u64);
}
Result<Bytes, std::string> parse_data(const json& value) {
    return from_json<Bytes>(value, "data", &parse_data);
}
Result<Address, std::string> parse_address(const json& value) {
    return from_json<Address>(value, "address", &parse_address);
}
Result<Hash, std::string> parse_hash(const json& value) {
    return from_json<Hash>(value, "hash", &parse_hash);
}

std::string to_string(const BlockId& id) {
    switch (id.kind) {
        case BlockId::Kind::number:
            return format_quantity(id.number);
        case BlockId::Kind::latest:
            return "latest";
        case BlockId::Kind::pending:
            return "pending";
        case BlockId::Kind::earliest:
            return "earliest";
        case BlockId::Kind::safe:
            return "safe";
        case BlockId::Kind::finalized:
            return "finalized";
        case BlockId::Kind::hash:
            return format_hash(id.hash);
    }
    return "?";
}

Result<BlockId, std::string> parse_block_number(const json& value) {
    if (!value.is_string()) return fail(non_string("block number"));
    return block_number_from_text(value.get_ref<const std::string&>());
}

Result<BlockId, std::string> parse_block_id(const json& value) {
    if (value.is_object()) {
        const auto number = value.find("blockNumber");
        const auto hash = value.find("blockHash");
        const auto canonical = value.find("requireCanonical");
        const bool has_number = number != value.end() && !number->is_null();
        const bool has_hash = hash != value.end() && !hash->is_null();
        if (has_number && has_hash)
            return fail(
                std::string("cannot specify both BlockHash and BlockNumber, choose one or the other"));
        if (has_number) return parse_block_number(*number);
        if (!has_hash) return fail(std::string("invalid arguments; neither block nor hash specified"));
        auto h = parse_hash(*hash);
        if (!h) return fail(h.error());
        bool require = false;
        if (canonical != value.end() && !canonical->is_null()) {
            if (!canonical->is_boolean()) return fail(std::string("requireCanonical must be a boolean"));
            require = canonical->get<bool>();
        }
        return BlockId::by_hash(*h, require);
    }
    if (!value.is_string()) return fail(non_string("block number or hash"));
    const std::string& text = value.get_ref<const std::string&>();
    // geth reads any 66-character string as a hash; a quantity that long would exceed int64.
    if (text.size() == 66) {
        auto h = parse_hash(std::string_view(text));
        if (!h) return fail(h.error());
        return BlockId::by_hash(*h);
    }
    return block_number_from_text(text);
}

std::string format_quantity(const Uint256& value) { return to_hex(value); }

std::string format_quantity(std::uint64_t value) {
    static constexpr char kDigits[] = "0123456789abcdef";
    char buf[18];
    std::size_t pos = sizeof(buf);
    do {
        buf[--pos] = kDigits[value & 0xf];
        value >>= 4;
    } while (value != 0);
    buf[--pos] = 'x';
    buf[--pos] = '0';
    return std::string(buf + pos, sizeof(buf) - pos);
}

std::string format_data(ByteView data) { return to_hex(data); }
std::string format_address(const Address& address) { return to_hex(address.view()); }
std::string format_hash(const Hash& hash) { return to_hex(hash.view()); }

RpcError invalid_argument(std::size_t index, std::string_view message) {
    return RpcError::invalid_params("invalid argument " + std::to_string(index) + ": " +
                                    std::string(message));
}

Result<void, RpcError> check_arity(const json& params, std::size_t required, std::size_t max) {
    if (!params.is_array()) return fail(RpcError::invalid_params("non-array args"));
    if (params.size() > max)
        return fail(RpcError::invalid_params("too many arguments, want at most " + std::to_string(max)));
    for (std::size_t i = 0; i < required; ++i) {
        if (i >= params.size() || params[i].is_null())
            return fail(RpcError::invalid_params("missing value for required argument " + std::to_string(i)));
    }
    return {};
}

}  // namespace optimist::rpc
