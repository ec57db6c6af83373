// Step states from machines, partial machines from proofs, and trie writes of dirty entries.
#include "step_support.hpp"

#include "footprint.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/state/account.hpp>
#include <optimist/trie/partial_trie.hpp>

namespace optimist::proof::detail {

namespace {

StepError error(std::string message) { return StepError{std::move(message), {}}; }

Hash entry_substate_hash(const state::StateView& view, const state::StateReader& reader, std::uint64_t snapshot) {
    auto copy = state::StateView::deserialize(reader, view.serialize());
    copy->revert(snapshot);
    return commit_substate(copy->substate()).hash();
}

FrameCommitment commit_frame(const evm::FrameImage& f, const Hash& entry_substate) {
    FrameCommitment c;
    c.kind = static_cast<std::uint8_t>(f.kind);
    c.is_static = f.is_static;
    c.depth = static_cast<std::uint32_t>(f.depth);
    c.caller = f.caller;
    c.address = f.address;
    c.code_address = f.code_address;
    c.value = f.value;
    c.code_hash = f.code_hash;
    c.input_hash = keccak256(f.input);
    c.input_size = f.input.size();
    c.pc = f.pc;
    c.gas = f.gas;
    c.stack_size = static_cast<std::uint32_t>(f.stack.size());
    c.stack = stack_chain(Hash{}, f.stack);
    c.memory_size = f.memory.size();
    c.memory = memory_root(f.memory);
    c.return_data_hash = keccak256(f.return_data);
    c.return_data_size = f.return_data.size();
    c.entry_substate = entry_substate;
    c.ret_offset = f.ret_offset;
    c.ret_size = f.ret_size;
    c.halted = f.halted;
    c.status = static_cast<std::uint8_t>(f.status);
    c.output_hash = keccak256(f.output);
    c.output_size = f.output.size();
    return c;
}

bool is_call_or_create(std::uint8_t op) {
    using namespace evm;
    return op == op_call || op == op_callcode || op == op_delegatecall || op == op_staticcall || op == op_create ||
           op == op_create2;
}

bool is_create(std::uint8_t kind) {
    return kind == static_cast<std::uint8_t>(evm::CallKind::create) || kind == static_cast<std::uint8_t>(evm::CallKind::create2);
}

}  // namespace

Result<StepState, StepError> machine_state(const StepState& base, const evm::Machine& machine,
                                           const state::StateView& view, const state::StateReader& reader,
                                           std::vector<FrameCommitment>* frames_out,
                                           std::vector<std::optional<Hash>>* entry_cache) {
    StepState s;
    s.context = base.context;
    s.tx_index = base.tx_index;
    s.state_root = base.state_root;
    s.gas_used = base.gas_used;
    s.receipts = base.receipts;
    s.substate = commit_substate(view.substate());
    if (machine.done()) {
        s.phase = Phase::done;
        s.status = static_cast<std::uint8_t>(machine.result().status);
        s.gas_left = machine.result().gas_left;
        return s;
    }
    s.phase = Phase::evm;
    const evm::MachineImage image = machine.image();
    std::vector<Hash> hashes;
    if (entry_cache != nullptr) entry_cache->resize(image.frames.size());
    for (std::size_t i = 0; i < image.frames.size(); ++i) {
        const evm::FrameImage& f = image.frames[i];
        Hash entry;
        if (entry_cache != nullptr && (*entry_cache)[i]) {
            entry = *(*entry_cache)[i];
        } else {
            entry = entry_substate_hash(view, reader, f.snapshot);
            if (entry_cache != nullptr) (*entry_cache)[i] = entry;
        }
        const FrameCommitment c = commit_frame(f, entry);
        hashes.push_back(c.hash());
        if (frames_out != nullptr) frames_out->push_back(c);
    }
    s.frames = frames_chain(Hash{}, hashes);
    s.frame_count = static_cast<std::uint32_t>(image.frames.size());
    return s;
}

Result<PartialMachine, StepError> open_machine(const StepState& s, const StepProof& p) {
    if (p.frames.empty() || p.frames.size() > 2) return fail(error("an EVM step opens one or two frames"));
    std::vector<Hash> hashes;
    for (const FrameCommitment& f : p.frames) hashes.push_back(f.hash());
    if (frames_chain(p.frames_base, hashes) != s.frames || p.frames.size() > s.frame_count)
        return fail(error("the opened frames do not match the committed frames"));
    const FrameCommitment& top = p.frames.back();
    PartialMachine pm;
    pm.frames_base = p.frames_base;
    pm.exit = top.halted;
    const std::size_t wanted = pm.exit && s.frame_count > 1 ? 2 : 1;
    if (p.frames.size() != wanted) return fail(error("the step needs " + std::to_string(wanted) + " opened frame(s)"));
    if (p.frame_code.size() != p.frames.size()) return fail(error("the proof must carry each opened frame's code"));
    const std::uint32_t first_depth = s.frame_count - static_cast<std::uint32_t>(p.frames.size());

    for (std::size_t i = 0; i < p.frames.size(); ++i) {
        const FrameCommitment& c = p.frames[i];
        if (c.depth != first_depth + i) return fail(error("an opened frame has the wrong depth"));
        if (keccak256(p.frame_code[i]) != c.code_hash) return fail(error("an opened frame's code does not match its hash"));
        if (i + 1 < p.frames.size() && c.halted) return fail(error("only the top frame may have halted"));
        evm::FrameImage f;
        f.kind = static_cast<evm::CallKind>(c.kind);
        f.is_static = c.is_static;
        f.depth = static_cast<int>(c.depth);
        f.caller = c.caller;
        f.address = c.address;
        f.code_address = c.code_address;
        f.value = c.value;
        f.code = p.frame_code[i];
        f.code_hash = c.code_hash;
        f.pc = c.pc;
        f.gas = c.gas;
        f.stack.assign(c.stack_size, Uint256{});
        f.memory.assign(c.memory_size, 0);
        f.ret_offset = c.ret_offset;
        f.ret_size = c.ret_size;
        f.halted = c.halted;
        f.status = static_cast<evm::StatusCode>(c.status);
        PartialFrame pf;
        pf.committed = c;
        pf.stack_base = c.stack;
        pf.window = c.stack_size;
        pf.memory.emplace(kMemoryDepth, c.memory);
        pm.image.frames.push_back(std::move(f));
        pm.frames.push_back(std::move(pf));
    }

    // Memory words: frame 0 is the top frame, 1 its parent.
    for (const MemoryWitness& m : p.memory) {
        if (m.frame >= p.frames.size()) return fail(error("a memory word names a frame the proof does not open"));
        const std::size_t idx = p.frames.size() - 1 - m.frame;
        PartialFrame& pf = pm.frames[idx];
        if (m.word >= (std::uint64_t{1} << kMemoryDepth)) return fail(error("memory word out of range"));
        if (pf.words.contains(m.word)) return fail(error("memory word opened twice"));
        if (auto a = pf.memory->add(memory_path(m.word), memory_leaf(m.value.data()), m.proof); !a)
            return fail(error("memory word " + std::to_string(m.word) + ": " + a.error()));
        pf.words.insert(m.word);
        Bytes& mem = pm.image.frames[idx].memory;
        if (m.word * 32 + 32 <= mem.size()) {
            std::copy(m.value.begin(), m.value.end(), mem.begin() + static_cast<std::ptrdiff_t>(m.word * 32));
        } else if (!m.value.is_zero()) {
            return fail(error("a memory word past the memory's size is not zero"));
        }
    }
    auto require_words = [&](std::size_t idx, const WordRange& r) -> Status<StepError> {
        for (std::uint64_t w = r.first; w < r.first + r.count; ++w) {
            if (!pm.frames[idx].words.contains(w))
                return fail(error("the step touches memory word " + std::to_string(w) + ", which the proof does not open"));
        }
        return {};
    };

    PartialFrame& tpf = pm.frames.back();
    evm::FrameImage& tf = pm.image.frames.back();
    if (!pm.exit) {
        pm.op = top.pc < tf.code.size() ? tf.code[top.pc] : std::uint8_t{0};
        if (p.stack.size() > top.stack_size) return fail(error("more stack items than the stack holds"));
        const auto needed = std::min<std::size_t>(top.stack_size, static_cast<std::size_t>(evm::kOpTable[pm.op].stack_in));
        if (p.stack.size() < needed) return fail(error("the step reads stack items the proof does not open"));
        if (stack_chain(p.stack_base, p.stack) != top.stack) return fail(error("the stack items do not match the stack commitment"));
        tpf.stack_base = p.stack_base;
        tpf.window = top.stack_size - static_cast<std::uint32_t>(p.stack.size());
        std::copy(p.stack.begin(), p.stack.end(), tf.stack.begin() + tpf.window);
        const Footprint fp = evm_footprint(pm.op, p.stack, top.gas, top.memory_size);
        for (const WordRange& r : fp.memory) {
            if (auto s2 = require_words(pm.frames.size() - 1, r); !s2) return fail(std::move(s2.error()));
        }
        if (fp.input && !p.input) return fail(error("the step reads the call data, which the proof does not open"));
        if (fp.return_data && !p.return_data) return fail(error("the step reads the return data, which the proof does not open"));
    } else {
        if (!p.output || keccak256(*p.output) != top.output_hash || p.output->size() != top.output_size)
            return fail(error("a frame exit needs the frame's output"));
        tf.output = *p.output;
        const bool may_revert = top.status != static_cast<std::uint8_t>(evm::StatusCode::success) || is_create(top.kind);
        if (may_revert && (!p.entry_substate || p.entry_substate->hash() != top.entry_substate))
            return fail(error("a frame exit that may revert needs the frame's entry substate"));
        if (pm.frames.size() == 2 && !is_create(top.kind)) {
            if (auto s2 = require_words(0, return_footprint(top.ret_offset, top.ret_size, top.output_size)); !s2)
                return fail(std::move(s2.error()));
        }
    }
    if (p.input) {
        if (keccak256(*p.input) != top.input_hash || p.input->size() != top.input_size)
            return fail(error("the call data does not match its commitment"));
        tf.input = *p.input;
        tpf.input_revealed = true;
    }
    if (p.return_data) {
        if (keccak256(*p.return_data) != top.return_data_hash || p.return_data->size() != top.return_data_size)
            return fail(error("the return data does not match its commitment"));
        tf.return_data = *p.return_data;
        tpf.return_data_revealed = true;
    }
    return pm;
}

std::optional<EntryKey> required_entry(const PartialMachine& pm) {
    if (pm.exit) return std::nullopt;
    const evm::FrameImage& f = pm.image.frames.back();
    if (f.stack.empty()) return std::nullopt;
    const Uint256& key = f.stack.back();
    switch (pm.op) {
        case evm::op_sload:
        case evm::op_sstore:
            return EntryKey{state::SubstateKind::storage, f.address, key};
        case evm::op_tload:
        case evm::op_tstore:
            return EntryKey{state::SubstateKind::transient, f.address, key};
        default:
            return std::nullopt;
    }
}

Result<StepState, StepError> machine_state_after(const StepState& s, const PartialMachine& pm, const evm::Machine& machine,
                                                 const state::StateView& view, const state::StateReader& reader,
                                                 const WitnessedSubstate& sub, const StepProof& p) {
    StepState post = s;
    const std::size_t popped = pm.exit ? 1 : 0;
    const std::size_t existing = pm.frames.size() - popped;

    // Did this step revert the popped frame's changes? Then the substate is the frame's entry
    // substate (the verifier's view has no journal to undo: the revert is one hash here).
    bool reverted = false;
    if (pm.exit) {
        if (machine.done()) {
            reverted = machine.result().status != evm::StatusCode::success;
        } else {
            const evm::MachineImage after = machine.image();
            const evm::FrameImage& parent = after.frames.back();
            reverted = parent.stack.empty() || parent.stack.back().is_zero();
        }
    }
    if (reverted) {
        post.substate = *p.entry_substate;
    } else {
        WitnessedSubstate after = sub;
        auto c = after.commit(view, s.substate, 0);
        if (!c) return fail(std::move(c.error()));
        post.substate = *c;
    }

    if (machine.done()) {
        post.phase = Phase::done;
        post.status = static_cast<std::uint8_t>(machine.result().status);
        post.gas_left = machine.result().gas_left;
        post.frames = Hash{};
        post.frame_count = 0;
        return post;
    }

    const evm::MachineImage image = machine.image();
    if (image.frames.size() < existing || image.frames.size() > existing + 1)
        return fail(error("the step left an unexpected number of frames"));
    std::vector<Hash> hashes;
    for (std::size_t i = 0; i < image.frames.size(); ++i) {
        const evm::FrameImage& f = image.frames[i];
        if (i >= existing) {
            // Entered by this step: everything is in the image. Its entry substate is the view
            // reverted to its snapshot, committed over the opened maps.
            auto copy = state::StateView::deserialize(reader, view.serialize());
            if (!copy) return fail(error("cannot copy the view: " + copy.error()));
            copy->revert(f.snapshot);
            WitnessedSubstate at_entry = sub;
            auto entry = at_entry.commit(*copy, s.substate, 0);
            if (!entry) return fail(std::move(entry.error()));
            hashes.push_back(commit_frame(f, entry->hash()).hash());
            continue;
        }
        const PartialFrame& pf = pm.frames[i];
        FrameCommitment c = pf.committed;
        if (f.stack.size() < pf.window) return fail(error("the step popped stack items the proof does not open"));
        for (std::uint32_t k = 0; k < pf.window; ++k) {
            if (!f.stack[k].is_zero()) return fail(error("the step changed an unopened stack item"));
        }
        c.stack_size = static_cast<std::uint32_t>(f.stack.size());
        c.stack = stack_chain(pf.stack_base, std::span<const Uint256>(f.stack).subspan(pf.window));
        PartialMerkleTree memory = *pf.memory;
        for (std::uint64_t w : pf.words) {
            const Hash leaf = w * 32 + 32 <= f.memory.size() ? memory_leaf(f.memory.data() + w * 32) : Hash{};
            if (memory.get(memory_path(w)) != leaf) memory.set(memory_path(w), leaf);
        }
        for (std::uint64_t w = 0; w * 32 < f.memory.size(); ++w) {
            if (pf.words.contains(w)) continue;
            if (!memory_leaf(f.memory.data() + w * 32).is_zero())
                return fail(error("the step writes memory word " + std::to_string(w) + ", which the proof does not open"));
        }
        c.memory_size = f.memory.size();
        c.memory = memory.root();
        const bool receives = pm.exit && i + 1 == existing;  // the parent of a popped frame
        if (pf.return_data_revealed || receives || (!pm.exit && is_call_or_create(pm.op))) {
            c.return_data_hash = keccak256(f.return_data);
            c.return_data_size = f.return_data.size();
        }
        c.pc = f.pc;
        c.gas = f.gas;
        c.halted = f.halted;
        c.status = static_cast<std::uint8_t>(f.status);
        c.output_hash = keccak256(f.output);
        c.output_size = f.output.size();
        hashes.push_back(c.hash());
    }
    post.frames = frames_chain(pm.frames_base, hashes);
    post.frame_count = static_cast<std::uint32_t>(s.frame_count - popped + (image.frames.size() - existing));
    return post;
}

Result<Hash, std::string> write_entry(const trie::NodeSource& nodes, const Hash& root, const state::SubstateEntry& e,
                                      const trie::NodeSink* sink) {
    trie::PartialTrie accounts(nodes, root);
    const Hash account_key = keccak256(e.address.view());
    auto current = accounts.get(account_key);
    if (!current) return fail(std::string("account trie: ") + std::string(trie::to_string(current.error())));
    std::optional<state::Account> account;
    if (*current) {
        auto decoded = state::decode_account(**current);
        if (!decoded) return fail(std::string("an account in the trie does not decode"));
        account = *decoded;
    }
    if (e.kind == state::SubstateKind::account) {
        const bool empty = e.nonce == 0 && e.balance.is_zero() && e.code_hash == state::kEmptyCodeHash;
        if (!e.exists || e.destructed || (e.touched && empty)) {
            if (auto r = accounts.erase(account_key); !r) return fail(std::string(trie::to_string(r.error())));
        } else {
            state::Account a;
            a.nonce = e.nonce;
            a.balance = e.balance;
            a.code_hash = e.code_hash;
            a.storage_root = e.storage_cleared || !account ? trie::kEmptyRoot : account->storage_root;
            if (auto r = accounts.put(account_key, state::encode_account(a)); !r)
                return fail(std::string(trie::to_string(r.error())));
        }
    } else {
        if (!account) return root;  // the account is gone: so is its storage
        trie::PartialTrie storage(nodes, account->storage_root);
        const Hash slot_key = keccak256(e.key.to_hash().view());
        auto r = e.value.is_zero() ? storage.put(slot_key, {}) : storage.put(slot_key, rlp::encode_uint(e.value));
        if (!r) return fail(std::string("storage trie: ") + std::string(trie::to_string(r.error())));
        account->storage_root = storage.root_hash();
        if (sink != nullptr) storage.commit(*sink);
        if (auto w = accounts.put(account_key, state::encode_account(*account)); !w)
            return fail(std::string(trie::to_string(w.error())));
    }
    const Hash new_root = accounts.root_hash();
    if (sink != nullptr) accounts.commit(*sink);
    return new_root;
}

Result<std::map<std::uint64_t, Hash>, std::string> ancestor_hashes(const tx::BlockHeader& header,
                                                                   const std::vector<Bytes>& ancestors) {
    std::map<std::uint64_t, Hash> out;
    Hash expected = header.parent_hash;
    std::uint64_t number = header.number;
    for (const Bytes& rlp : ancestors) {
        if (number == 0) return fail(std::string("more ancestors than blocks"));
        --number;
        if (keccak256(rlp) != expected) return fail(std::string("the ancestor headers do not form a hash chain"));
        auto h = tx::decode_header(rlp);
        if (!h || h->number != number) return fail(std::string("an ancestor header does not decode or has the wrong number"));
        out[number] = expected;
        expected = h->parent_hash;
    }
    // The parent's hash is known from the header itself.
    if (header.number > 0) out[header.number - 1] = header.parent_hash;
    return out;
}

}  // namespace optimist::proof::detail
