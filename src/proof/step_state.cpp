// Encodings and hashes of the step machine's commitments.
#include "wire.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/proof/step_state.hpp>
#include <optimist/tx/receipt.hpp>

namespace optimist::proof {

namespace {

Hash hash_pair(const Hash& a, const Hash& b) {
    std::uint8_t buf[64];
    std::copy(a.begin(), a.end(), buf);
    std::copy(b.begin(), b.end(), buf + 32);
    return keccak256(ByteView{buf, sizeof(buf)});
}

}  // namespace

Hash stack_chain(const Hash& base, std::span<const Uint256> items) {
    Hash h = base;
    for (const Uint256& v : items) h = hash_pair(h, v.to_hash());
    return h;
}

Path memory_path(std::uint64_t word_index) noexcept {
    Path p;
    for (int i = 0; i < 4; ++i) p[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(word_index >> (24 - 8 * i));
    return p;
}

Hash memory_leaf(const std::uint8_t* word32) noexcept {
    const ByteView w{word32, 32};
    if (std::all_of(w.begin(), w.end(), [](std::uint8_t b) { return b == 0; })) return Hash{};
    return keccak256(w);
}

SparseMerkleTree memory_tree(ByteView memory) {
    SparseMerkleTree t(kMemoryDepth);
    for (std::size_t i = 0; i + 32 <= memory.size(); i += 32) {
        const Hash leaf = memory_leaf(memory.data() + i);
        if (!leaf.is_zero()) t.set(memory_path(i / 32), leaf);
    }
    return t;
}

Hash memory_root(ByteView memory) { return memory_tree(memory).root(); }

Hash log_hash(const Log& log) {
    rlp::Encoder enc;
    tx::encode_log(enc, log);
    return keccak256(enc.bytes());
}

Hash logs_chain(const Hash& base, std::span<const Log> logs) {
    Hash h = base;
    for (const Log& l : logs) h = hash_pair(h, log_hash(l));
    return h;
}

Hash receipts_chain_add(const Hash& chain, ByteView encoded_receipt) {
    return hash_pair(chain, keccak256(encoded_receipt));
}

Hash SubstateCommitment::hash() const {
    Bytes out;
    out.reserve(128);
    wire::Writer w(out);
    w.u8(kCommitmentVersion);
    w.hash(world_root);
    w.hash(tx_root);
    w.hash(logs);
    w.u64(log_count);
    w.i64(refund);
    return keccak256(out);
}

void FrameCommitment::encode(Bytes& out) const {
    wire::Writer w(out);
    w.u8(kind);
    w.boolean(is_static);
    w.u32(depth);
    w.address(caller);
    w.address(address);
    w.address(code_address);
    w.word(value);
    w.hash(code_hash);
    w.hash(input_hash);
    w.u64(input_size);
    w.u32(pc);
    w.i64(gas);
    w.u32(stack_size);
    w.hash(stack);
    w.u64(memory_size);
    w.hash(memory);
    w.hash(return_data_hash);
    w.u64(return_data_size);
    w.hash(entry_substate);
    w.u64(ret_offset);
    w.u64(ret_size);
    w.boolean(halted);
    w.u8(status);
    w.hash(output_hash);
    w.u64(output_size);
}

Hash FrameCommitment::hash() const {
    Bytes out;
    out.reserve(512);
    out.push_back(kCommitmentVersion);
    encode(out);
    return keccak256(out);
}

Result<FrameCommitment, std::string> decode_frame(ByteView in, std::size_t& pos) {
    wire::Reader r(in.subspan(pos));
    FrameCommitment f;
    f.kind = r.u8();
    f.is_static = r.boolean();
    f.depth = r.u32();
    f.caller = r.address();
    f.address = r.address();
    f.code_address = r.address();
    f.value = r.word();
    f.code_hash = r.hash();
    f.input_hash = r.hash();
    f.input_size = r.u64();
    f.pc = r.u32();
    f.gas = r.i64();
    f.stack_size = r.u32();
    f.stack = r.hash();
    f.memory_size = r.u64();
    f.memory = r.hash();
    f.return_data_hash = r.hash();
    f.return_data_size = r.u64();
    f.entry_substate = r.hash();
    f.ret_offset = r.u64();
    f.ret_size = r.u64();
    f.halted = r.boolean();
    f.status = r.u8();
    f.output_hash = r.hash();
    f.output_size = r.u64();
    if (!r.ok()) return fail(std::string("malformed frame commitment"));
    if (f.kind > 5) return fail(std::string("frame commitment has an unknown call kind"));
    if (f.stack_size > 1024 || f.depth > 1024 || f.memory_size % 32 != 0 || f.memory_size > (std::uint64_t{32} << kMemoryDepth))
        return fail(std::string("frame commitment out of range"));
    pos += r.pos();
    return f;
}

Hash frames_chain(const Hash& base, std::span<const Hash> frame_hashes) {
    Hash h = base;
    for (const Hash& f : frame_hashes) h = hash_pair(h, f);
    return h;
}

Bytes StepState::encode() const {
    Bytes out;
    out.reserve(400);  // one allocation (and it quiets a GCC 12 -Warray-bounds false positive)
    wire::Writer w(out);
    w.u8(kCommitmentVersion);
    w.u8(static_cast<std::uint8_t>(phase));
    w.hash(context);
    w.u64(tx_index);
    w.hash(state_root);
    w.u64(gas_used);
    w.hash(receipts);
    w.hash(frames);
    w.u32(frame_count);
    w.hash(substate.world_root);
    w.hash(substate.tx_root);
    w.hash(substate.logs);
    w.u64(substate.log_count);
    w.i64(substate.refund);
    w.u8(status);
    w.i64(gas_left);
    w.hash(pending_world);
    return out;
}

Hash StepState::commitment() const { return keccak256(encode()); }

Result<StepState, std::string> decode_step_state(ByteView in) {
    wire::Reader r(in);
    StepState s;
    const std::uint8_t version = r.u8();
    const std::uint8_t phase = r.u8();
    s.context = r.hash();
    s.tx_index = r.u64();
    s.state_root = r.hash();
    s.gas_used = r.u64();
    s.receipts = r.hash();
    s.frames = r.hash();
    s.frame_count = r.u32();
    s.substate.world_root = r.hash();
    s.substate.tx_root = r.hash();
    s.substate.logs = r.hash();
    s.substate.log_count = r.u64();
    s.substate.refund = r.i64();
    s.status = r.u8();
    s.gas_left = r.i64();
    s.pending_world = r.hash();
    if (!r.ok() || !r.at_end()) return fail(std::string("malformed step state"));
    if (version != kCommitmentVersion) return fail("step state version " + std::to_string(version) + " is not supported");
    if (phase < 1 || phase > 4) return fail(std::string("step state has an unknown phase"));
    s.phase = static_cast<Phase>(phase);
    if (s.frame_count > 1025) return fail(std::string("step state has too many frames"));
    return s;
}

}  // namespace optimist::proof
