// Reading members of the L1's JSON objects (l1_json.hpp, game_json.hpp): strict, never
// throwing, with a message that names the member.
#pragma once

#include <optimist/core/result.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace optimist::l1::l1json {

// Reads member `name` of object `j` with `parse`.
template <typename T>
Result<T, std::string> field(const nlohmann::json& j, const char* name,
                             Result<T, std::string> (*parse)(const nlohmann::json&)) {
    if (!j.is_object()) return fail(std::string("expected a JSON object"));
    const auto it = j.find(name);
    if (it == j.end()) return fail(std::string("missing field ") + name);
    auto v = parse(*it);
    if (!v) return fail(std::string(name) + ": " + v.error());
    return std::move(v).value();
}

}  // namespace optimist::l1::l1json

// Binds `var` to member `name` parsed as T, or returns the error from the enclosing parser.
#define OPTIMIST_L1_FIELD(var, T, j, name, parser)                \
    auto var = ::optimist::l1::l1json::field<T>(j, name, parser); \
    if (!var) return fail(var.error())
