// Random and mutated inputs through every parameter parser: no crash (the sanitizer build
// runs this), and whatever is accepted is canonical enough to format back to itself.
#include "../common/fuzz_cases.hpp"
#include <optimist/rpc/params.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <random>

namespace optimist::rpc {
namespace {

using nlohmann::json;

std::size_t case_count() { return optimist::test_common::fuzz_cases(20000); }

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Mostly hex-looking strings (so that the deep paths are reached), sometimes raw bytes.
std::string random_text(std::mt19937_64& rng) {
    static const std::string kAlphabet = "0123456789abcdefABCDEFxXg \t\"-";
    const std::size_t lengths[] = {0, 1, 2, 3, 4, 18, 19, 40, 42, 43, 64, 66, 67, 68, 130};
    const std::size_t n = lengths[rng() % std::size(lengths)];
    std::string s(n, '0');
    const int mode = static_cast<int>(rng() % 4);
    for (auto& c : s) {
        c = mode == 0 ? static_cast<char>(rng()) : kAlphabet[rng() % (mode == 1 ? kAlphabet.size() : 16)];
    }
    if (mode != 0 && n >= 2 && rng() % 4 != 0) {
        s[0] = '0';
        s[1] = 'x';
    }
    return s;
}

json random_json(std::mt19937_64& rng, const std::string& text) {
    switch (rng() % 8) {
        case 0:
            return json(static_cast<std::int64_t>(rng()));
        case 1:
            return json(nullptr);
        case 2:
            return json::array({text});
        case 3:
            return json({{"blockNumber", text}});
        case 4:
            return json({{"blockHash", text}, {"requireCanonical", rng() % 2 == 0}});
        case 5:
            return json({{"blockHash", text}, {"blockNumber", text}});
        default:
            return json(text);
    }
}

TEST(ParamsFuzz, EveryParserSurvivesRandomInputAndAcceptsOnlyCanonicalForms) {
    std::mt19937_64 rng(0x5eed);
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < case_count(); ++i) {
        const std::string text = random_text(rng);
        SCOPED_TRACE(text);

        if (auto q = parse_quantity(text)) {
            ++accepted;
            EXPECT_EQ(format_quantity(*q), lower(text));
        }
        if (auto q = parse_quantity_u64(text)) {
            EXPECT_EQ(format_quantity(*q), lower(text));
        }
        if (auto d = parse_data(text)) {
            EXPECT_EQ(format_data(*d), text.empty() ? "0x" : lower(text));
        }
        if (auto a = parse_address(text)) {
            EXPECT_EQ(format_address(*a), lower(text));
        }
        if (auto h = parse_hash(text)) {
            EXPECT_EQ(format_hash(*h), lower(text));
        }
        if (auto b = parse_block_number(json(text))) {
            EXPECT_EQ(to_string(*b), b->kind == BlockId::Kind::number ? lower(text) : text);
        }
        // Rejections always explain themselves.
        if (auto r = parse_data(text); !r) {
            EXPECT_FALSE(r.error().empty());
        }

        const json value = random_json(rng, text);
        (void)parse_quantity(value);
        (void)parse_quantity_u64(value);
        (void)parse_data(value);
        (void)parse_address(value);
        (void)parse_hash(value);
        (void)parse_block_number(value);
        if (auto id = parse_block_id(value); !id) {
            EXPECT_FALSE(id.error().empty());
        }
        const json params = json::array({value, value});
        (void)required_arg(params, rng() % 3, &parse_block_id);
        (void)optional_arg(params, rng() % 3, &parse_quantity);
        (void)check_arity(value, 1, 2);
    }
    EXPECT_GT(accepted, 0u);  // the generator does reach the accepting paths
}

}  // namespace
}  // namespace optimist::rpc
