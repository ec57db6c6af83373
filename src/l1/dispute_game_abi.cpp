#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_game_abi.hpp>

#include <algorithm>

namespace optimist::l1 {
namespace {

constexpr std::size_t kWord = 32;

Bytes with_selector(std::string_view signature) {
    const auto s = abi_selector(signature);
    return Bytes(s.begin(), s.end());
}

void append_u64(Bytes& out, std::uint64_t v) { append(out, Uint256(v).to_hash()); }

std::size_t padded(std::size_t n) { return (n + kWord - 1) / kWord * kWord; }

// The argument words after the selector, each checked by the caller.
class Args {
public:
    Args(std::string_view function, ByteView calldata) : function_(function), data_(calldata.subspan(4)) {}

    ByteView word(std::size_t i) const { return data_.subspan(i * kWord, kWord); }
    Result<std::uint64_t, std::string> u64(std::size_t i, std::string_view name) const {
        const Uint256 v = Uint256::from_be_bytes(word(i));
        if (!v.fits_u64()) return fail(error(std::string(name) + " does not fit in 64 bits"));
        return v.w[0];
    }
    Hash hash(std::size_t i) const {
        Hash h;
        std::copy_n(word(i).begin(), kWord, h.bytes.begin());
        return h;
    }
    std::string error(const std::string& why) const { return std::string(function_) + ": " + why; }
    Result<void, std::string> size_is(std::size_t words) const {
        if (data_.size() == words * kWord) return {};
        return fail(error("calldata is " + std::to_string(data_.size() + 4) + " bytes, want " +
                          std::to_string(4 + words * kWord)));
    }
    ByteView rest() const { return data_; }

private:
    std::string_view function_;
    ByteView data_;
};

Result<GameCall, std::string> decode_prove_step(const Args& a) {
    const ByteView d = a.rest();
    if (d.size() < 3 * kWord)
        return fail(a.error("calldata is " + std::to_string(d.size() + 4) + " bytes, want at least " +
                            std::to_string(4 + 3 * kWord)));
    auto id = a.u64(0, "gameId");
    if (!id) return fail(id.error());
    auto offset = a.u64(1, "proof offset");
    if (!offset) return fail(offset.error());
    if (*offset != 2 * kWord)
        return fail(a.error("proof offset is " + std::to_string(*offset) + ", want 64"));
    auto length = a.u64(2, "proof length");
    if (!length) return fail(length.error());
    const std::size_t body = d.size() - 3 * kWord;
    if (*length > body || padded(*length) != body)
        return fail(a.error("proof length " + std::to_string(*length) + " does not match the " +
                            std::to_string(body) + " bytes that follow"));
    const ByteView proof = d.subspan(3 * kWord, *length);
    const ByteView padding = d.subspan(3 * kWord + *length);
    if (!std::all_of(padding.begin(), padding.end(), [](std::uint8_t b) { return b == 0; }))
        return fail(a.error("proof padding is not zero"));
    return GameCall{ProveStepCall{*id, to_bytes(proof)}};
}

}  // namespace

std::array<std::uint8_t, 4> abi_selector(std::string_view signature) noexcept {
    const Hash h =
        keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(signature.data()), signature.size()));
    return {h[0], h[1], h[2], h[3]};
}

Bytes encode_game_call(const GameCall& call) {
    struct Encoder {
        Bytes operator()(const CreateGameCall& c) const {
            Bytes out = with_selector(kCreateGameSignature);
            append_u64(out, c.output_index);
            append(out, c.claim);
            return out;
        }
        Bytes operator()(const BisectCall& c) const {
            Bytes out = with_selector(kBisectSignature);
            append_u64(out, c.game_id);
            append(out, c.mid_claim);
            return out;
        }
        Bytes operator()(const RespondCall& c) const {
            Bytes out = with_selector(kRespondSignature);
            append_u64(out, c.game_id);
            append_u64(out, c.agree ? 1 : 0);
            return out;
        }
        Bytes operator()(const ProveStepCall& c) const {
            Bytes out = with_selector(kProveStepSignature);
            append_u64(out, c.game_id);
            append_u64(out, 2 * kWord);  // the proof's head is right after the two head words
            append_u64(out, c.proof.size());
            append(out, c.proof);
            out.resize(out.size() + padded(c.proof.size()) - c.proof.size(), 0);
            return out;
        }
        Bytes operator()(const ClaimCreditCall&) const { return with_selector(kClaimCreditSignature); }
    };
    return std::visit(Encoder{}, call);
}

Result<GameCall, std::string> decode_game_call(ByteView calldata) {
    if (calldata.size() < 4)
        return fail("calldata is " + std::to_string(calldata.size()) + " bytes, shorter than a selector");
    const auto is = [&](std::string_view signature) {
        const auto s = abi_selector(signature);
        return std::equal(s.begin(), s.end(), calldata.begin());
    };
    if (is(kCreateGameSignature)) {
        const Args a("createGame", calldata);
        if (auto s = a.size_is(2); !s) return fail(s.error());
        auto index = a.u64(0, "outputIndex");
        if (!index) return fail(index.error());
        return GameCall{CreateGameCall{*index, a.hash(1)}};
    }
    if (is(kBisectSignature)) {
        const Args a("bisect", calldata);
        if (auto s = a.size_is(2); !s) return fail(s.error());
        auto id = a.u64(0, "gameId");
        if (!id) return fail(id.error());
        return GameCall{BisectCall{*id, a.hash(1)}};
    }
    if (is(kRespondSignature)) {
        const Args a("respond", calldata);
        if (auto s = a.size_is(2); !s) return fail(s.error());
        auto id = a.u64(0, "gameId");
        if (!id) return fail(id.error());
        // Solidity reverts on a bool word other than 0 or 1; so does the stub.
        const Uint256 agree = Uint256::from_be_bytes(a.word(1));
        if (!agree.fits_u64() || agree.w[0] > 1) return fail(a.error("agree is not a bool"));
        return GameCall{RespondCall{*id, agree.w[0] == 1}};
    }
    if (is(kProveStepSignature)) return decode_prove_step(Args("proveStep", calldata));
    if (is(kClaimCreditSignature)) {
        const Args a("claimCredit", calldata);
        if (auto s = a.size_is(0); !s) return fail(s.error());
        return GameCall{ClaimCreditCall{}};
    }
    return fail("unknown function selector " + to_hex(calldata.first(4)));
}

}  // namespace optimist::l1
