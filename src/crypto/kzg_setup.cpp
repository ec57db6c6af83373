#include "kzg_setup.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/crypto/hashes.hpp>
#include <optimist/crypto/kzg.hpp>

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace optimist::crypto::kzg {
namespace {

// SHA-256 of data/kzg/trusted_setup.txt: c-kzg-4844's trusted_setup.txt (the Ethereum KZG
// ceremony's output with the 4096 monomial G1 points appended), as shipped in the c-kzg
// 4.1.0 package. Replacing the file means replacing this value, deliberately.
constexpr Hash kTrustedSetupSha256{{0xd3, 0x9b, 0x9f, 0x2d, 0x04, 0x7c, 0xc9, 0xdc, 0xa2, 0xde, 0x58,
                                    0xf2, 0x64, 0xb6, 0xa0, 0x94, 0x48, 0xcc, 0xd3, 0x4d, 0xb9, 0x67,
                                    0x88, 0x1a, 0x67, 0x13, 0xea, 0xca, 0xcf, 0x0f, 0x26, 0xb7}};

constexpr std::string_view kG1Count = "4096";  // FIELD_ELEMENTS_PER_BLOB
constexpr std::string_view kG2Count = "65";
constexpr std::size_t kG1Lines = 4096;

// Successive '\n'-terminated lines of a text; an exhausted text yields nullopt.
class LineReader {
public:
    explicit LineReader(std::string_view text) noexcept : rest_(text) {}

    std::optional<std::string_view> next() noexcept {
        if (rest_.empty()) return std::nullopt;
        const std::size_t end = rest_.find('\n');
        const std::string_view line = rest_.substr(0, end);
        rest_ = end == std::string_view::npos ? std::string_view{} : rest_.substr(end + 1);
        return line;
    }

private:
    std::string_view rest_;
};

Result<bls::G2Affine, std::string> read_g2(LineReader& lines, int index) {
    const std::string where = "G2 point " + std::to_string(index) + ": ";
    const auto line = lines.next();
    if (!line) return fail(where + "missing");
    const auto bytes = fixed_from_hex<96>(*line);
    if (!bytes) return fail(where + "not 96 bytes of hex");
    const auto point = bls::decode_g2(std::span<const std::uint8_t, 96>(bytes->data(), 96));
    if (!point) return fail(where + "not a valid compressed G2 point");
    if (point->infinity) return fail(where + "the point at infinity");
    return *point;
}

}  // namespace

Hash trusted_setup_sha256() noexcept { return kTrustedSetupSha256; }

namespace detail {

Result<TrustedSetup, std::string> load_trusted_setup(std::string_view file, const Hash& expected_sha256) {
    const Hash actual = sha256(ByteView(reinterpret_cast<const std::uint8_t*>(file.data()), file.size()));
    if (actual != expected_sha256) {
        return fail("its SHA-256 is " + to_hex(actual, false) + ", expected " +
                    to_hex(expected_sha256, false));
    }
    LineReader lines(file);
    if (lines.next() != kG1Count || lines.next() != kG2Count) {
        return fail(std::string("the header is not \"4096\\n65\\n\""));
    }
    for (std::size_t i = 0; i < kG1Lines; ++i) {
        const auto line = lines.next();
        if (!line || line->size() != 96)
            return fail("G1 point " + std::to_string(i) + " is not 96 hex digits");
    }
    auto one = read_g2(lines, 0);
    if (!one) return fail(one.error());
    if (*one != bls::g2_generator()) return fail(std::string("G2 point 0 is not the generator of G2"));
    auto tau = read_g2(lines, 1);
    if (!tau) return fail(tau.error());

    const bls::G2Affine neg_one{one->x, -one->y, false};
    return TrustedSetup{*tau, bls::prepare_g2(neg_one), bls::prepare_g2(*tau)};
}

const TrustedSetup& trusted_setup() noexcept {
    static const TrustedSetup setup = [] {
        auto loaded = load_trusted_setup(embedded_trusted_setup_file(), kTrustedSetupSha256);
        if (!loaded) {
            std::fprintf(stderr,
                         "optimist: the KZG trusted setup compiled in from data/kzg/trusted_setup.txt is "
                         "unusable: %s\n",
                         loaded.error().c_str());
            std::abort();
        }
        return std::move(loaded).value();
    }();
    return setup;
}

}  // namespace detail
}  // namespace optimist::crypto::kzg
