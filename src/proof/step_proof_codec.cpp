// The one-step proof file format (docs/protocol.md, "One-step proofs"): a magic and version,
// then every field in a fixed order, counts as u32, optionals as a presence byte.
#include "wire.hpp"

#include <optimist/proof/one_step.hpp>
#include <optimist/proof/substate_commitment.hpp>
#include <optimist/tx/receipt.hpp>

namespace optimist::proof {

namespace {

constexpr std::uint8_t kMagic[4] = {'O', 'P', 'S', 'P'};
constexpr std::size_t kMaxItems = 1U << 20;     // list lengths
constexpr std::size_t kMaxBlob = 16U << 20;     // one byte string
constexpr std::size_t kMaxProofSize = 64U << 20;

void put_list(wire::Writer& w, const std::vector<Bytes>& items) {
    w.u32(static_cast<std::uint32_t>(items.size()));
    for (const Bytes& b : items) w.bytes(b);
}

void put_opt(wire::Writer& w, const std::optional<Bytes>& b) {
    w.boolean(b.has_value());
    if (b) w.bytes(*b);
}

void put_entry_key(wire::Writer& w, const EntryKey& k) {
    w.u8(static_cast<std::uint8_t>(k.kind));
    w.address(k.address);
    w.word(k.key);
}

}  // namespace

Bytes encode_step_proof(const StepProof& p) {
    Bytes out(std::begin(kMagic), std::end(kMagic));
    wire::Writer w(out);
    w.u8(kStepProofVersion);
    w.u8(static_cast<std::uint8_t>(p.kind));
    w.u64(p.l2_block);
    w.u64(p.tx_index);
    w.bytes(p.pre_state);
    w.hash(p.parent_state_root);
    w.hash(p.parent_message_root);
    w.bytes(p.parent_header);
    w.bytes(p.header);
    put_list(w, p.ancestors);
    w.hash(p.frames_base);
    w.u32(static_cast<std::uint32_t>(p.frames.size()));
    for (const FrameCommitment& f : p.frames) f.encode(out);
    w.hash(p.stack_base);
    w.u32(static_cast<std::uint32_t>(p.stack.size()));
    for (const Uint256& v : p.stack) w.word(v);
    w.u32(static_cast<std::uint32_t>(p.memory.size()));
    for (const MemoryWitness& m : p.memory) {
        w.u8(m.frame);
        w.u64(m.word);
        w.hash(m.value);
        encode_proof(out, m.proof);
    }
    put_list(w, p.frame_code);
    put_opt(w, p.input);
    put_opt(w, p.return_data);
    put_opt(w, p.output);
    w.boolean(p.entry_substate.has_value());
    if (p.entry_substate) {
        w.hash(p.entry_substate->world_root);
        w.hash(p.entry_substate->tx_root);
        w.hash(p.entry_substate->logs);
        w.u64(p.entry_substate->log_count);
        w.i64(p.entry_substate->refund);
    }
    w.u32(static_cast<std::uint32_t>(p.entries.size()));
    for (const EntryWitness& e : p.entries) {
        put_entry_key(w, e.key);
        w.boolean(e.entry.has_value());
        if (e.entry) encode_entry(out, *e.entry);
        encode_proof(out, e.proof);
    }
    w.u32(static_cast<std::uint32_t>(p.logs.size()));
    for (const Log& l : p.logs) {
        w.address(l.address);
        w.u32(static_cast<std::uint32_t>(l.topics.size()));
        for (const Hash& t : l.topics) w.hash(t);
        w.bytes(l.data);
    }
    put_list(w, p.receipts);
    put_list(w, p.nodes);
    put_list(w, p.codes);
    w.boolean(p.commit_entry.has_value());
    if (p.commit_entry) {
        encode_entry(out, *p.commit_entry);
        encode_proof(out, p.commit_proof);
    }
    return out;
}

namespace {

bool get_list(wire::Reader& r, std::vector<Bytes>& items) {
    const std::uint32_t n = r.u32();
    if (n > kMaxItems) return false;
    for (std::uint32_t i = 0; i < n && r.ok(); ++i) items.push_back(r.bytes(kMaxBlob));
    return r.ok();
}

bool get_opt(wire::Reader& r, std::optional<Bytes>& b) {
    if (r.boolean()) b = r.bytes(kMaxBlob);
    return r.ok();
}

}  // namespace

Result<StepProof, std::string> decode_step_proof(ByteView in) {
    if (in.size() > kMaxProofSize) return fail(std::string("proof larger than 64 MiB"));
    if (in.size() < 5 || !std::equal(std::begin(kMagic), std::end(kMagic), in.begin()))
        return fail(std::string("not a one-step proof (bad magic)"));
    wire::Reader r(in.subspan(4));
    StepProof p;
    const std::uint8_t version = r.u8();
    if (version != kStepProofVersion) return fail("one-step proof version " + std::to_string(version) + " is not supported");
    const std::uint8_t kind = r.u8();
    if (kind < 1 || kind > 3) return fail(std::string("one-step proof of an unknown kind"));
    p.kind = static_cast<StepKind>(kind);
    p.l2_block = r.u64();
    p.tx_index = r.u64();
    p.pre_state = r.bytes(4096);
    p.parent_state_root = r.hash();
    p.parent_message_root = r.hash();
    p.parent_header = r.bytes(1U << 16);
    p.header = r.bytes(1U << 16);
    if (!get_list(r, p.ancestors)) return fail(std::string("malformed proof: ancestors"));
    p.frames_base = r.hash();
    const std::uint32_t frames = r.u32();
    if (frames > 2) return fail(std::string("malformed proof: more than two frames"));
    for (std::uint32_t i = 0; i < frames && r.ok(); ++i) {
        auto f = decode_frame(r.input(), r.pos_ref());
        if (!f) return fail("malformed proof: " + f.error());
        p.frames.push_back(*f);
    }
    p.stack_base = r.hash();
    const std::uint32_t stack = r.u32();
    if (stack > 1024) return fail(std::string("malformed proof: stack"));
    for (std::uint32_t i = 0; i < stack && r.ok(); ++i) p.stack.push_back(r.word());
    const std::uint32_t words = r.u32();
    if (words > kMaxItems) return fail(std::string("malformed proof: memory"));
    for (std::uint32_t i = 0; i < words && r.ok(); ++i) {
        MemoryWitness m;
        m.frame = r.u8();
        m.word = r.u64();
        m.value = r.hash();
        if (!r.ok()) break;
        auto proof = decode_proof(r.input(), r.pos_ref(), kMemoryDepth);
        if (!proof) return fail("malformed proof: memory word: " + proof.error());
        m.proof = std::move(*proof);
        p.memory.push_back(std::move(m));
    }
    if (!get_list(r, p.frame_code) || !get_opt(r, p.input) || !get_opt(r, p.return_data) || !get_opt(r, p.output))
        return fail(std::string("malformed proof: frame data"));
    if (r.boolean()) {
        SubstateCommitment c;
        c.world_root = r.hash();
        c.tx_root = r.hash();
        c.logs = r.hash();
        c.log_count = r.u64();
        c.refund = r.i64();
        p.entry_substate = c;
    }
    const std::uint32_t entries = r.u32();
    if (entries > kMaxItems) return fail(std::string("malformed proof: entries"));
    for (std::uint32_t i = 0; i < entries && r.ok(); ++i) {
        EntryWitness e;
        const std::uint8_t k = r.u8();
        if (k > static_cast<std::uint8_t>(state::SubstateKind::transient)) return fail(std::string("malformed proof: entry kind"));
        e.key.kind = static_cast<state::SubstateKind>(k);
        e.key.address = r.address();
        e.key.key = r.word();
        if (r.boolean()) {
            auto entry = decode_entry(r.input(), r.pos_ref());
            if (!entry) return fail("malformed proof: " + entry.error());
            e.entry = std::move(*entry);
        }
        if (!r.ok()) break;
        auto proof = decode_proof(r.input(), r.pos_ref(), kSubstateDepth);
        if (!proof) return fail("malformed proof: entry: " + proof.error());
        e.proof = std::move(*proof);
        p.entries.push_back(std::move(e));
    }
    const std::uint32_t logs = r.u32();
    if (logs > kMaxItems) return fail(std::string("malformed proof: logs"));
    for (std::uint32_t i = 0; i < logs && r.ok(); ++i) {
        Log l;
        l.address = r.address();
        const std::uint32_t topics = r.u32();
        if (topics > 4) return fail(std::string("malformed proof: log topics"));
        for (std::uint32_t t = 0; t < topics; ++t) l.topics.push_back(r.hash());
        l.data = r.bytes(kMaxBlob);
        p.logs.push_back(std::move(l));
    }
    if (!get_list(r, p.receipts) || !get_list(r, p.nodes) || !get_list(r, p.codes))
        return fail(std::string("malformed proof: receipts, nodes or code"));
    if (r.boolean()) {
        auto entry = decode_entry(r.input(), r.pos_ref());
        if (!entry) return fail("malformed proof: " + entry.error());
        p.commit_entry = std::move(*entry);
        auto proof = decode_proof(r.input(), r.pos_ref(), kSubstateDepth);
        if (!proof) return fail("malformed proof: commit entry: " + proof.error());
        p.commit_proof = std::move(*proof);
    }
    if (!r.ok()) return fail(std::string("malformed proof: truncated"));
    if (!r.at_end()) return fail(std::string("malformed proof: trailing bytes"));
    return p;
}

}  // namespace optimist::proof
