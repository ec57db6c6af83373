// Paths, leaves and encodings of substate entries.
#include "wire.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/proof/substate_commitment.hpp>

namespace optimist::proof {

bool in_world_map(state::SubstateKind kind) noexcept {
    return kind == state::SubstateKind::account || kind == state::SubstateKind::storage;
}

Path entry_path(state::SubstateKind kind, const Address& address, const Uint256& key) {
    Bytes buf;
    wire::Writer w(buf);
    w.u8(static_cast<std::uint8_t>(kind));
    w.address(address);
    w.word(key);
    Path p = keccak256(buf);
    p[0] = static_cast<std::uint8_t>(kind);
    return p;
}

namespace {

void encode_fields(wire::Writer& w, const state::SubstateEntry& e) {
    w.u8(static_cast<std::uint8_t>(e.kind));
    w.address(e.address);
    w.word(e.key);
    switch (e.kind) {
        case state::SubstateKind::account:
            w.boolean(e.exists);
            w.u64(e.nonce);
            w.word(e.balance);
            w.hash(e.code_hash);
            w.boolean(e.storage_cleared);
            w.boolean(e.created_in_tx);
            w.boolean(e.destructed);
            w.boolean(e.touched);
            break;
        case state::SubstateKind::storage:
        case state::SubstateKind::transient:
            w.word(e.value);
            break;
        case state::SubstateKind::warm_account:
        case state::SubstateKind::warm_slot:
            break;
    }
}

}  // namespace

Hash entry_leaf(const state::SubstateEntry& e) {
    Bytes buf;
    wire::Writer w(buf);
    encode_fields(w, e);
    return keccak256(buf);
}

void encode_entry(Bytes& out, const state::SubstateEntry& e) {
    wire::Writer w(out);
    encode_fields(w, e);
    if (e.kind == state::SubstateKind::account) w.bytes(e.code);
}

Result<state::SubstateEntry, std::string> decode_entry(ByteView in, std::size_t& pos) {
    wire::Reader r(in.subspan(pos));
    state::SubstateEntry e;
    const std::uint8_t kind = r.u8();
    if (kind > static_cast<std::uint8_t>(state::SubstateKind::transient)) return fail(std::string("unknown substate entry kind"));
    e.kind = static_cast<state::SubstateKind>(kind);
    e.address = r.address();
    e.key = r.word();
    switch (e.kind) {
        case state::SubstateKind::account:
            e.exists = r.boolean();
            e.nonce = r.u64();
            e.balance = r.word();
            e.code_hash = r.hash();
            e.storage_cleared = r.boolean();
            e.created_in_tx = r.boolean();
            e.destructed = r.boolean();
            e.touched = r.boolean();
            e.code = r.bytes(1U << 20);
            if (!e.code.empty() && keccak256(e.code) != e.code_hash) return fail(std::string("substate entry code does not match its hash"));
            break;
        case state::SubstateKind::storage:
        case state::SubstateKind::transient:
            e.value = r.word();
            break;
        case state::SubstateKind::warm_account:
        case state::SubstateKind::warm_slot:
            break;
    }
    if (!r.ok()) return fail(std::string("malformed substate entry"));
    pos += r.pos();
    return e;
}

SubstateTrees substate_trees(const state::Substate& s) {
    SubstateTrees t;
    for (const auto& e : s.entries) (in_world_map(e.kind) ? t.world : t.tx).set(entry_path(e), entry_leaf(e));
    return t;
}

SubstateCommitment commit_substate(const state::Substate& s) {
    const SubstateTrees t = substate_trees(s);
    SubstateCommitment c;
    c.world_root = t.world.root();
    c.tx_root = t.tx.root();
    c.logs = logs_chain(Hash{}, s.logs);
    c.log_count = s.logs.size();
    c.refund = s.refund;
    return c;
}

}  // namespace optimist::proof
