// Proof files: a one-step proof with what checking it offline needs.
#include "wire.hpp"

#include <optimist/proof/proof_file.hpp>
#include <optimist/tx/codec.hpp>

namespace optimist::proof {

namespace {
constexpr std::uint8_t kMagic[4] = {'O', 'P', 'S', 'F'};
constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kMaxTxs = 1U << 20;
}  // namespace

Bytes encode_proof_file(const ProofFile& f) {
    Bytes out(std::begin(kMagic), std::end(kMagic));
    wire::Writer w(out);
    w.u8(kVersion);
    w.u64(f.rules.chain_id);
    w.u64(f.rules.gas_limit);
    w.address(f.rules.fee_recipient);
    w.u64(f.inputs.number);
    w.u64(f.inputs.timestamp);
    w.u32(static_cast<std::uint32_t>(f.inputs.txs.size()));
    for (const tx::Transaction& t : f.inputs.txs) {
        w.bytes(tx::encode_transaction(t));
        w.address(t.sender);
    }
    w.hash(f.pre);
    w.hash(f.claimed_post);
    w.bytes(f.proof);
    return out;
}

Result<ProofFile, std::string> decode_proof_file(ByteView in) {
    if (in.size() < 5 || !std::equal(std::begin(kMagic), std::end(kMagic), in.begin()))
        return fail(std::string("not a proof file (bad magic)"));
    wire::Reader r(in.subspan(4));
    if (const std::uint8_t v = r.u8(); v != kVersion) return fail("proof file version " + std::to_string(v) + " is not supported");
    ProofFile f;
    f.rules.chain_id = r.u64();
    f.rules.gas_limit = r.u64();
    f.rules.fee_recipient = r.address();
    f.inputs.number = r.u64();
    f.inputs.timestamp = r.u64();
    const std::uint32_t n = r.u32();
    if (n > kMaxTxs) return fail(std::string("proof file: too many transactions"));
    for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
        const Bytes raw = r.bytes(1U << 20);
        const Address sender = r.address();
        if (!r.ok()) break;
        auto t = tx::decode_transaction(raw);
        if (!t) return fail("proof file: transaction " + std::to_string(i) + " does not decode");
        t->sender = sender;
        f.inputs.txs.push_back(std::move(*t));
    }
    f.pre = r.hash();
    f.claimed_post = r.hash();
    f.proof = r.bytes(64U << 20);
    if (!r.ok()) return fail(std::string("proof file: truncated"));
    if (!r.at_end()) return fail(std::string("proof file: trailing bytes"));
    return f;
}

Result<ProofCheck, std::string> check_proof_file(const ProofFile& f) {
    auto proof = decode_step_proof(f.proof);
    if (!proof) return fail(proof.error());
    auto post = verify_step(f.rules, f.inputs, f.pre, *proof);
    if (!post) return fail(post.error().message);
    return ProofCheck{*post, *post != f.claimed_post};
}

}  // namespace optimist::proof
