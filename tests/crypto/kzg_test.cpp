// KZG proof verification and the point evaluation precompile (EIP-4844): the embedded
// trusted setup, known good and bad vectors (the execution-spec tests' external vectors,
// which come from c-kzg-4844), gas and length rules, proofs built here from the setup's
// monomial G1 points, and random inputs.
#include "../common/fuzz_cases.hpp"
#include "crypto/kzg_setup.hpp"
#include "test_util.hpp"

#include <optimist/crypto/hashes.hpp>
#include <optimist/crypto/kzg.hpp>
#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <string>

namespace optimist::crypto::kzg {
namespace {

using test::fixed;
using test::hex;
using test::hex_of;

const Address kPointEvaluation = Address::right_aligned(Bytes{0x0a});

struct Vector {
    std::string_view z;
    std::string_view y;
    std::string_view commitment;
    std::string_view proof;
};

// verify_kzg_proof_case_correct_proof_3c87ec986c2656c2.
constexpr Vector kCorrect{
    "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306",
    "6d928e13fe443e957d82e3e71d48cb65d51028eb4483e719bf8efcdf12f7c321",
    "a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9d06",
    "a444d6bb5aadc3ceb615b50d6606bd54bfe529f59247987cd1ab848d19de599a9052f1835fb0d0d44cf70183e19a68c9"};
// ..._correct_proof_392169c16a2e5ef6: z = r - 1.
constexpr Vector kCorrectTopZ{
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000",
    "304962b3598a0adf33189fdfd9789feab1096ff40006900400000003fffffffc",
    "a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9d06",
    "aa86c458b3065e7ec244033a2ade91a7499561f482419a3a372c42a636dad98262a2ce926d142fd7cfe26ca148efe8b4"};
// ..._correct_proof_point_at_infinity_for_twos_poly_05c1f3685f3393f0: the proof is infinity.
constexpr Vector kCorrectInfinityProof{
    "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306",
    "0000000000000000000000000000000000000000000000000000000000000002",
    "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e",
    "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"};
// ..._correct_proof_point_at_infinity_for_zero_poly_02e696ada7d4631d: both are infinity.
constexpr Vector kCorrectZeroPoly{
    "0000000000000000000000000000000000000000000000000000000000000002",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"};
// ..._incorrect_proof_02e696ada7d4631d: the zero polynomial with the generator as proof.
constexpr Vector kIncorrectZeroPoly{
    "0000000000000000000000000000000000000000000000000000000000000002",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"};

ProofStatus verify(const Vector& v) {
    return verify_proof(fixed<48>(v.commitment), fixed<32>(v.z), fixed<32>(v.y), fixed<48>(v.proof));
}

// The precompile's input for a vector, with its correct versioned hash.
Bytes input_of(const Vector& v) {
    Bytes in;
    const Hash vh = versioned_hash(fixed<48>(v.commitment));
    append(in, vh);
    append(in, hex(v.z));
    append(in, hex(v.y));
    append(in, hex(v.commitment));
    append(in, hex(v.proof));
    return in;
}

Bytes expected_output() {
    Bytes out(64, 0);
    out[30] = 0x10;  // 4096
    std::copy(kBlsModulus.begin(), kBlsModulus.end(), out.begin() + 32);
    return out;
}

std::string embedded_file() { return std::string(detail::embedded_trusted_setup_file()); }

Hash sha256_of(std::string_view s) {
    return sha256(ByteView(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()));
}

TEST(KzgSetup, EmbeddedFileMatchesItsHash) {
    const std::string file = embedded_file();
    EXPECT_EQ(file.size(), 807177u);  // 4096 + 65 + 4096 points and the two count lines
    EXPECT_EQ(file.substr(0, 8), "4096\n65\n");
    EXPECT_EQ(sha256_of(file), trusted_setup_sha256());
    EXPECT_EQ(hex_of(trusted_setup_sha256()),
              "d39b9f2d047cc9dca2de58f264b6a09448ccd34db967881a6713eacacf0f26b7");

    const auto setup = detail::load_trusted_setup(file, trusted_setup_sha256());
    ASSERT_TRUE(setup.ok()) << setup.error();
    std::array<std::uint8_t, 96> tau{};
    bls::encode_g2(setup->tau_g2, tau);
    // [τ]G2 as every client hard-codes it (c-kzg-4844 trusted_setup.txt, line 4100).
    EXPECT_EQ(
        hex_of(tau),
        "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72"
        "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2");
}

TEST(KzgSetup, RejectsAWrongHash) {
    std::string file = embedded_file();
    file[file.size() / 2] ^= 1;
    const auto setup = detail::load_trusted_setup(file, trusted_setup_sha256());
    ASSERT_FALSE(setup.ok());
    EXPECT_NE(setup.error().find("SHA-256"), std::string::npos) << setup.error();
    EXPECT_NE(setup.error().find(hex_of(trusted_setup_sha256())), std::string::npos);
}

// Files whose hash is right (we pass their own) but whose content is not a setup.
TEST(KzgSetup, RejectsMalformedContent) {
    const std::string file = embedded_file();
    const auto error_for = [](const std::string& text) {
        const auto setup = detail::load_trusted_setup(text, sha256_of(text));
        return setup.ok() ? std::string("loaded") : setup.error();
    };
    EXPECT_NE(error_for("4095" + file.substr(4)).find("header"), std::string::npos);
    const std::size_t g2_start = 8 + 4096 * 97;
    EXPECT_NE(error_for(file.substr(0, g2_start)).find("G2 point 0: missing"), std::string::npos);
    EXPECT_NE(error_for(file.substr(0, 8 + 100 * 97)).find("G1 point 100"), std::string::npos);
    // The first two G2 lines swapped: [τ]G2 where the generator belongs.
    const std::string g2_0 = file.substr(g2_start, 193);
    const std::string g2_1 = file.substr(g2_start + 193, 193);
    std::string swapped = file;
    swapped.replace(g2_start, 193, g2_1);
    swapped.replace(g2_start + 193, 193, g2_0);
    EXPECT_NE(error_for(swapped).find("not the generator"), std::string::npos);
    std::string bad_hex = file;
    bad_hex[g2_start + 193 + 5] = 'x';
    EXPECT_NE(error_for(bad_hex).find("G2 point 1: not 96 bytes of hex"), std::string::npos);
    std::string off_curve = file;
    off_curve[g2_start + 193 + 191] = off_curve[g2_start + 193 + 191] == '0' ? '1' : '0';
    EXPECT_NE(error_for(off_curve).find("G2 point 1: not a valid"), std::string::npos);
}

TEST(Kzg, VersionedHash) {
    const Hash h = versioned_hash(fixed<48>(kCorrectZeroPoly.commitment));
    EXPECT_EQ(hex_of(h), "010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014");
}

TEST(Kzg, KnownVectors) {
    EXPECT_EQ(verify(kCorrect), ProofStatus::valid);
    EXPECT_EQ(verify(kCorrectTopZ), ProofStatus::valid);
    EXPECT_EQ(verify(kCorrectInfinityProof), ProofStatus::valid);
    EXPECT_EQ(verify(kCorrectZeroPoly), ProofStatus::valid);
    EXPECT_EQ(verify(kIncorrectZeroPoly), ProofStatus::invalid_proof);

    Vector v = kCorrect;
    v.y = "6d928e13fe443e957d82e3e71d48cb65d51028eb4483e719bf8efcdf12f7c322";  // y + 1
    EXPECT_EQ(verify(v), ProofStatus::invalid_proof);
    v = kCorrect;
    v.proof = kCorrectTopZ.proof;
    EXPECT_EQ(verify(v), ProofStatus::invalid_proof);
    v = kCorrectTopZ;
    v.proof = kCorrectZeroPoly.proof;  // ..._incorrect_proof_point_at_infinity_392169c16a2e5ef6
    EXPECT_EQ(verify(v), ProofStatus::invalid_proof);
}

TEST(Kzg, RejectsOutOfRangeScalarsAndBadPoints) {
    Vector v = kCorrect;
    v.z = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";  // z = r
    EXPECT_EQ(verify(v), ProofStatus::bad_z);
    v.z = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
    EXPECT_EQ(verify(v), ProofStatus::bad_z);
    v = kCorrect;
    v.y = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";
    EXPECT_EQ(verify(v), ProofStatus::bad_y);
    v = kCorrect;
    // ..._invalid_commitment_1b44e341d56c757d: the generator's x with its last byte changed.
    v.commitment =
        "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6b0";
    EXPECT_EQ(verify(v), ProofStatus::bad_commitment);
    v = kCorrect;
    v.proof =
        "e00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    EXPECT_EQ(verify(v), ProofStatus::bad_proof);
    v.proof =
        "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    EXPECT_EQ(verify(v), ProofStatus::bad_proof);  // zero without the compression flag
    EXPECT_EQ(to_string(ProofStatus::bad_proof), "bad_proof");
}

TEST(KzgPrecompile, SuccessOutputAndGas) {
    const Bytes in = input_of(kCorrect);
    ASSERT_EQ(in.size(), 192u);
    for (std::uint64_t gas : {50000u, 50001u, 1000000u}) {
        const auto r = run_precompile(kPointEvaluation, in, gas);
        ASSERT_EQ(r.status, PrecompileStatus::success) << gas;
        EXPECT_EQ(r.gas_used, 50000u);
        EXPECT_EQ(r.output, expected_output());
    }
    EXPECT_EQ(hex_of(expected_output()),
              "0000000000000000000000000000000000000000000000000000000000001000"
              "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
    for (const Vector& v : {kCorrectTopZ, kCorrectInfinityProof, kCorrectZeroPoly}) {
        EXPECT_TRUE(run_precompile(kPointEvaluation, input_of(v), 50000).ok());
    }
}

TEST(KzgPrecompile, FailuresConsumeAllGas) {
    const Bytes good = input_of(kCorrect);
    const auto expect_halt = [](const Bytes& in, std::uint64_t gas, PrecompileStatus status) {
        const auto r = run_precompile(kPointEvaluation, in, gas);
        EXPECT_EQ(r.status, status);
        EXPECT_EQ(r.gas_used, gas);
        EXPECT_TRUE(r.output.empty());
    };
    // Gas is checked before anything else.
    expect_halt(good, 49999, PrecompileStatus::out_of_gas);
    expect_halt(good, 0, PrecompileStatus::out_of_gas);
    expect_halt(Bytes{}, 49999, PrecompileStatus::out_of_gas);
    // Exactly 192 bytes.
    expect_halt(Bytes{}, 60000, PrecompileStatus::invalid_input);
    expect_halt(Bytes(good.begin(), good.end() - 1), 60000, PrecompileStatus::invalid_input);
    Bytes longer = good;
    longer.push_back(0);
    expect_halt(longer, 60000, PrecompileStatus::invalid_input);
    // The versioned hash must match the commitment, version byte included.
    Bytes wrong_version = good;
    wrong_version[0] = 0x02;
    expect_halt(wrong_version, 60000, PrecompileStatus::invalid_input);
    Bytes wrong_hash = good;
    wrong_hash[31] ^= 1;
    expect_halt(wrong_hash, 60000, PrecompileStatus::invalid_input);
    expect_halt(input_of(kIncorrectZeroPoly), 60000, PrecompileStatus::invalid_input);
    Bytes big_z = good;
    std::fill(big_z.begin() + 32, big_z.begin() + 64, 0xff);
    expect_halt(big_z, 60000, PrecompileStatus::invalid_input);
}

// Proofs made here: for f(X) = a + kX, the commitment is [a]G1 + [k][τ]G1 (the setup's
// second monomial G1 point), f(z) = a + kz, and the quotient (f(X) - f(z)) / (X - z) is
// the constant k, so the proof is [k]G1. Random a and z exercise the whole pairing.
TEST(Kzg, ProofsBuiltFromTheSetup) {
    const std::string file = embedded_file();
    const std::size_t monomial_start = 8 + 4096 * 97 + 65 * 193;
    const auto tau_g1_bytes = fixed<48>(std::string_view(file).substr(monomial_start + 97, 96));
    const auto tau_g1 = bls::decode_g1(std::span<const std::uint8_t, 48>(tau_g1_bytes.data(), 48));
    ASSERT_TRUE(tau_g1.ok());
    const auto one_g1 = fixed<48>(std::string_view(file).substr(monomial_start, 96));
    EXPECT_EQ(
        hex_of(one_g1),
        "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");

    std::mt19937_64 rng(4844);
    const auto random_scalar = [&rng] {
        bls::Limbs<4> s{};
        for (auto& limb : s) limb = rng();
        s[3] %= bls::kR[3];
        return s;
    };
    const auto add_mod_r = [](bls::Limbs<4> a, const bls::Limbs<4>& b) {
        bls::limbs::add(a, b);  // both below r < 2^255: no carry
        if (!bls::limbs::less(a, bls::kR)) bls::limbs::sub(a, bls::kR);
        return a;
    };
    const auto to_hash = [](const bls::Limbs<4>& s) {
        Hash h;
        bls::limbs::to_be_bytes<4>(s, std::span<std::uint8_t, 32>(h.data(), 32));
        return h;
    };
    const auto to_point = [](const bls::G1& p) {
        FixedBytes<48> out;
        bls::encode_g1(bls::to_affine(p), std::span<std::uint8_t, 48>(out.data(), 48));
        return out;
    };
    const bls::G1 g = bls::G1::from_affine(bls::g1_generator());
    const bls::G1 tau = bls::G1::from_affine(*tau_g1);
    for (std::uint64_t k = 1; k <= 3; ++k) {
        const bls::Limbs<4> a = random_scalar();
        const bls::Limbs<4> z = random_scalar();
        bls::Limbs<4> y = a;
        for (std::uint64_t i = 0; i < k; ++i) y = add_mod_r(y, z);
        const Commitment c = to_point(bls::add(bls::mul(g, a), bls::mul(tau, bls::Limbs<1>{k})));
        const Proof proof = to_point(bls::mul(g, bls::Limbs<1>{k}));
        EXPECT_EQ(verify_proof(c, to_hash(z), to_hash(y), proof), ProofStatus::valid) << k;
        EXPECT_EQ(verify_proof(c, to_hash(z), to_hash(add_mod_r(y, bls::Limbs<4>{1})), proof),
                  ProofStatus::invalid_proof);
        EXPECT_EQ(verify_proof(c, to_hash(add_mod_r(z, bls::Limbs<4>{1})), to_hash(y), proof),
                  ProofStatus::invalid_proof);
    }
}

// Every external vector of the execution-spec tests (c-kzg-4844's verify_kzg_proof
// cases turned into precompile calls): exactly the correct_proof ones succeed.
TEST(KzgPrecompile, ExecutionSpecExternalVectors) {
    const std::filesystem::path path = std::filesystem::path(OPTIMIST_ETHTESTS_DIR) / "GeneralStateTests" /
                                       "Pyspecs" / "cancun" / "eip4844_blobs" /
                                       "point_evaluation_precompile_external_vectors.json";
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "ethereum/tests not unpacked at " << path;
    std::ifstream file(path);
    const auto tests = nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
    ASSERT_TRUE(tests.is_object());
    const std::regex case_name("verify_kzg_proof_case_([a-z_]+)_[0-9a-f]{16}\\]$");
    int valid = 0;
    int total = 0;
    for (const auto& [name, t] : tests.items()) {
        std::smatch m;
        ASSERT_TRUE(std::regex_search(name, m, case_name)) << name;
        const bool expect_ok = m[1].str().starts_with("correct_proof");
        const Bytes in = hex(t.at("transaction").at("data").at(0).get<std::string>());
        const auto r = run_precompile(kPointEvaluation, in, 50000);
        EXPECT_EQ(r.ok(), expect_ok) << name;
        if (r.ok()) {
            EXPECT_EQ(r.output, expected_output());
        }
        valid += expect_ok ? 1 : 0;
        ++total;
    }
    EXPECT_EQ(total, 122);
    EXPECT_EQ(valid, 54);
}

// Random and mutated inputs: nothing crashes (the sanitizer build runs this too), no
// mutation of a valid input verifies, and every failure follows the halt contract.
TEST(KzgPrecompile, Fuzz) {
    std::mt19937_64 rng(0x4844);
    const Bytes good = input_of(kCorrect);
    const std::size_t cases = test_common::fuzz_cases(300);
    for (std::size_t i = 0; i < cases; ++i) {
        Bytes in;
        switch (i % 3) {
            case 0: {  // one flipped bit of a valid input
                in = good;
                const std::size_t bit = rng() % (in.size() * 8);
                in[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
                break;
            }
            case 1: {  // random commitment and proof bytes behind a matching versioned hash
                in.resize(192);
                for (auto& b : in) b = static_cast<std::uint8_t>(rng());
                in[96] = static_cast<std::uint8_t>(0x80 | (in[96] & 0x3f));
                in[144] = static_cast<std::uint8_t>(0x80 | (in[144] & 0x3f));
                in[32] &= 0x3f;  // z and y usually in range
                in[64] &= 0x3f;
                Commitment c;
                std::copy_n(in.begin() + 96, 48, c.bytes.begin());
                const Hash vh = versioned_hash(c);
                std::copy(vh.begin(), vh.end(), in.begin());
                break;
            }
            default:  // random bytes of a random length
                in.resize(rng() % 4 == 0 ? 192 : rng() % 400);
                for (auto& b : in) b = static_cast<std::uint8_t>(rng());
                break;
        }
        const std::uint64_t gas = rng() % 8 == 0 ? rng() % 50000 : 50000 + rng() % 100000;
        const auto r = run_precompile(kPointEvaluation, in, gas);
        ASSERT_FALSE(r.ok()) << "case " << i << ": " << hex_of(in);
        ASSERT_EQ(r.gas_used, gas);
        ASSERT_TRUE(r.output.empty());
        ASSERT_EQ(r.status, gas < 50000 ? PrecompileStatus::out_of_gas : PrecompileStatus::invalid_input);
    }
}

}  // namespace
}  // namespace optimist::crypto::kzg
