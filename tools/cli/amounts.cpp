#include "cli_common.hpp"

#include <cctype>

namespace optimist::cli {
namespace {

// "\"<text>\" <why>", built by appending: GCC 12 reports a false -Wrestrict on
// `"literal" + std::string(...)` chains here.
std::string bad_amount(std::string_view text, std::string_view why) {
    std::string out;
    out.append("\"").append(text).append("\" ").append(why);
    return out;
}

}  // namespace

Result<Uint256, std::string> parse_amount(std::string_view text) {
    std::size_t unit_at = text.size();
    while (unit_at > 0 && std::isalpha(static_cast<unsigned char>(text[unit_at - 1]))) --unit_at;
    const std::string_view number = text.substr(0, unit_at);
    const std::string_view unit = text.substr(unit_at);
    unsigned decimals = 0;
    if (unit == "eth" || unit == "ether") {
        decimals = 18;
    } else if (unit == "gwei") {
        decimals = 9;
    } else if (!unit.empty() && unit != "wei") {
        return fail(bad_amount(unit, "is not a unit (use wei, gwei or eth)"));
    }
    const std::size_t dot = number.find('.');
    std::string_view whole = number.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : number.substr(dot + 1);
    if (whole.empty() && fraction.empty()) return fail(bad_amount(text, "is not an amount"));
    if (fraction.size() > decimals) return fail(bad_amount(text, "has more decimals than its unit allows"));
    std::string digits(whole);
    digits += fraction;
    digits.append(decimals - fraction.size(), '0');
    for (char c : digits) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return fail(bad_amount(text, "is not an amount"));
    }
    const std::size_t first = digits.find_first_not_of('0');
    auto value = uint256_from_string(first == std::string::npos ? "0" : digits.substr(first));
    if (!value) return fail(bad_amount(text, "is too large"));
    return *value;
}

std::string format_ether(const Uint256& wei) {
    std::string digits = to_string(wei);
    if (digits.size() <= 18) digits.insert(0, 19 - digits.size(), '0');
    std::string fraction = digits.substr(digits.size() - 18);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) on a + chain here.
    std::string out = digits.substr(0, digits.size() - 18);
    if (!fraction.empty()) out.append(".").append(fraction);
    out.append(" ETH");
    return out;
}

}  // namespace optimist::cli
