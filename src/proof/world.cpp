// Worlds in memory and StateReaders over a state trie.
#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/proof/world.hpp>
#include <optimist/state/account.hpp>
#include <optimist/trie/trie.hpp>

namespace optimist::proof {

void MemoryWorld::add_node(ByteView rlp) { nodes_->try_emplace(keccak256(rlp), to_bytes(rlp)); }

void MemoryWorld::add_code(ByteView code) {
    if (!code.empty()) codes_->try_emplace(keccak256(code), to_bytes(code));
}

World MemoryWorld::world(const World& fallback) const {
    World w;
    w.nodes = [nodes = nodes_, next = fallback.nodes](const Hash& h) -> std::optional<Bytes> {
        if (auto it = nodes->find(h); it != nodes->end()) return it->second;
        if (next) return next(h);
        return std::nullopt;
    };
    w.code = [codes = codes_, next = fallback.code](const Hash& h) -> std::optional<Bytes> {
        if (auto it = codes->find(h); it != codes->end()) return it->second;
        if (next) return next(h);
        return std::nullopt;
    };
    return w;
}

Hash build_state(MemoryWorld& out, const state::WriteSet& accounts) {
    const trie::NodeSink sink = [&out](const Hash&, ByteView rlp) { out.add_node(rlp); };
    trie::Trie world;
    for (const state::AccountWrite& a : accounts.accounts) {
        if (a.deleted) continue;
        trie::Trie storage;
        for (const state::StorageWrite& w : a.storage) {
            if (!w.value.is_zero()) storage.put(keccak256(w.key.to_hash().view()), rlp::encode_uint(w.value));
        }
        state::Account account;
        account.nonce = a.nonce;
        account.balance = a.balance;
        account.code_hash = a.code.empty() ? a.code_hash : keccak256(a.code);
        account.storage_root = storage.root_hash();
        storage.commit(sink);
        out.add_code(a.code);
        world.put(keccak256(a.address.view()), state::encode_account(account));
    }
    const Hash root = world.root_hash();
    world.commit(sink);
    return root;
}

std::string to_string(const EntryKey& k) {
    static constexpr const char* kNames[] = {"account", "storage", "warm account", "warm slot", "transient"};
    std::string s = kNames[static_cast<int>(k.kind)];
    s.append(" ").append(to_hex(k.address.view()));
    if (k.kind != state::SubstateKind::account && k.kind != state::SubstateKind::warm_account)
        s.append(" ").append(optimist::to_hex(k.key));
    return s;
}

TrieStateReader::TrieStateReader(World world, const Hash& root, const std::set<EntryKey>* gate)
    : world_(std::move(world)), root_(root), gate_(gate) {}

bool TrieStateReader::allowed(const EntryKey& k) const {
    if (gate_ == nullptr || gate_->contains(k)) return true;
    if (!missing_) missing_ = k;
    return false;
}

std::optional<state::Account> TrieStateReader::read_account(const Address& address) const {
    if (!allowed(EntryKey{state::SubstateKind::account, address, {}})) return std::nullopt;
    if (auto it = accounts_.find(address); it != accounts_.end()) return it->second;
    std::optional<state::Account> result;
    auto value = trie::lookup(world_.nodes, root_, keccak256(address.view()));
    if (!value) {
        if (!problem_) problem_ = "account " + to_hex(address.view()) + ": " + std::string(trie::to_string(value.error()));
    } else if (*value) {
        auto decoded = state::decode_account(**value);
        if (!decoded) {
            if (!problem_) problem_ = "account " + to_hex(address.view()) + " does not decode";
        } else {
            result = *decoded;
        }
    }
    accounts_.emplace(address, result);
    return result;
}

Uint256 TrieStateReader::read_storage(const Address& address, const Uint256& key) const {
    if (!allowed(EntryKey{state::SubstateKind::storage, address, key})) return {};
    const std::optional<state::Account> account = read_account(address);
    if (!account || account->storage_root == trie::kEmptyRoot) return {};
    const Hash slot_key = keccak256(key.to_hash().view());
    auto value = trie::lookup(world_.nodes, account->storage_root, slot_key);
    if (!value) {
        if (!problem_) problem_ = "slot " + optimist::to_hex(key) + " of " + to_hex(address.view()) + ": " +
                                  std::string(trie::to_string(value.error()));
        return {};
    }
    if (!*value) return {};
    auto decoded = rlp::decode(**value);
    auto item = decoded ? rlp::decode_uint256(*decoded) : Result<Uint256, rlp::RlpError>(fail(decoded.error()));
    if (!item) {
        if (!problem_) problem_ = "slot " + optimist::to_hex(key) + " of " + to_hex(address.view()) + " does not decode";
        return {};
    }
    return *item;
}

Bytes TrieStateReader::read_code(const Hash& code_hash) const {
    if (code_hash == state::kEmptyCodeHash) return {};
    if (world_.code) {
        if (auto code = world_.code(code_hash)) return *code;
    }
    if (!problem_) problem_ = "code " + to_hex(code_hash.view()) + " is not available";
    return {};
}

}  // namespace optimist::proof
