// Instructions that read the execution context or the world state through StateView:
// account queries with EIP-2929 cold/warm pricing, storage (EIP-2200/2929/3529), transient
// storage (EIP-1153), logs, block and transaction fields.
//
// Same conventions as instructions_memory.hpp: sp points one past the top, stack height
// and base gas are already checked; a non-success status is an exceptional halt.
#pragma once

#include "instructions_memory.hpp"
#include "words.hpp"

#include <optimist/evm/machine.hpp>
#include <optimist/evm/opcodes.hpp>

namespace optimist::evm::detail {

// EIP-2929: the table charges the warm cost; a cold account costs the difference.
[[nodiscard]] inline bool charge_account_access(state::StateView& st, const Address& a,
                                                std::int64_t& gas) noexcept {
    if (!st.access_account(a)) gas -= gas::kColdAccountAccess - gas::kWarmAccess;
    return gas >= 0;
}

inline StatusCode do_balance(state::StateView& st, Uint256* sp, std::int64_t& gas) {
    const Address a = to_address(sp[-1]);
    if (!charge_account_access(st, a, gas)) return StatusCode::out_of_gas;
    sp[-1] = st.balance(a);
    return StatusCode::success;
}

// Contracts ask for the size of the code they are about to call (Solidity checks it before
// every external call): code already analysed on this thread gives its size by hash, without
// copying the code out of the state.
inline StatusCode do_extcodesize(state::StateView& st, const AnalysisCache& cache, Uint256* sp, std::int64_t& gas) {
    const Address a = to_address(sp[-1]);
    if (!charge_account_access(st, a, gas)) return StatusCode::out_of_gas;
    const Hash code_hash = st.code_hash(a);
    if (code_hash == state::kEmptyCodeHash) {
        sp[-1] = Uint256{};
    } else if (const auto analysis = cache.find(code_hash)) {
        sp[-1] = Uint256{analysis->size()};
    } else {
        sp[-1] = Uint256{st.code(a).size()};
    }
    return StatusCode::success;
}

// EXTCODEHASH (EIP-1052): zero for accounts that do not exist or are empty (EIP-161).
inline StatusCode do_extcodehash(state::StateView& st, Uint256* sp, std::int64_t& gas) {
    const Address a = to_address(sp[-1]);
    if (!charge_account_access(st, a, gas)) return StatusCode::out_of_gas;
    sp[-1] = st.is_empty(a) ? Uint256{} : to_word(st.code_hash(a));
    return StatusCode::success;
}

// EXTCODECOPY: address, memOffset, offset, size.
inline StatusCode do_extcodecopy(state::StateView& st, Frame& f, Uint256* sp, std::int64_t& gas) {
    const Address a = to_address(sp[-1]);
    if (!charge_account_access(st, a, gas)) return StatusCode::out_of_gas;
    // Charge memory and copy before reading the code, so a failing copy loads nothing.
    const Uint256& size = sp[-4];
    if (!expand_memory(f.memory, gas, sp[-2], size)) return StatusCode::out_of_gas;
    if (size.is_zero()) return StatusCode::success;
    if (!charge_words(gas, gas::kCopyWord, size.w[0])) return StatusCode::out_of_gas;
    copy_padded(f.memory.data() + sp[-2].w[0], st.code(a), sp[-3], size.w[0]);
    return StatusCode::success;
}

// BLOCKHASH: only the 256 most recent complete blocks; zero otherwise.
inline void do_blockhash(const BlockContext& block, Uint256* sp) {
    const Uint256& n = sp[-1];
    const std::uint64_t current = block.number;
    const bool in_range = n.fits_u64() && n.w[0] < current && current - n.w[0] <= 256;
    sp[-1] = in_range && block.block_hash ? to_word(block.block_hash(n.w[0])) : Uint256{};
}

// BLOBHASH (EIP-4844): the transaction's versioned hash at an index, zero past the end.
inline void do_blobhash(const TxContext& tx, Uint256* sp) noexcept {
    const Uint256& i = sp[-1];
    sp[-1] = i.fits_u64() && i.w[0] < tx.blob_hashes.size() ? to_word(tx.blob_hashes[i.w[0]]) : Uint256{};
}

inline StatusCode do_sload(state::StateView& st, const Frame& f, Uint256* sp, std::int64_t& gas) {
    if (!st.access_storage(f.address, sp[-1])) {
        if ((gas -= gas::kColdSload - gas::kWarmAccess) < 0) return StatusCode::out_of_gas;
    }
    sp[-1] = st.storage(f.address, sp[-1]);
    return StatusCode::success;
}

// SSTORE: EIP-2200 net metering with EIP-2929 access costs and EIP-3529 refunds.
inline StatusCode do_sstore(state::StateView& st, const Frame& f, const Uint256* sp, std::int64_t& gas) {
    if (f.is_static) return StatusCode::static_mode_violation;
    // EIP-2200: no SSTORE with only the call stipend left.
    if (gas <= gas::kSstoreSentry) return StatusCode::out_of_gas;
    const Uint256& key = sp[-1];
    const Uint256& value = sp[-2];
    std::int64_t cost = 0;
    if (!st.access_storage(f.address, key)) cost += gas::kColdSload;
    const Uint256 current = st.storage(f.address, key);
    std::int64_t refund = 0;
    if (current == value) {
        cost += gas::kWarmAccess;
    } else {
        const Uint256 original = st.original_storage(f.address, key);
        if (original == current) {
            cost += original.is_zero() ? gas::kSstoreSet : gas::kSstoreReset;
            if (value.is_zero()) refund += gas::kSstoreClearsRefund;
        } else {
            cost += gas::kWarmAccess;
            if (!original.is_zero()) {
                if (current.is_zero()) {
                    refund -= gas::kSstoreClearsRefund;
                } else if (value.is_zero()) {
                    refund += gas::kSstoreClearsRefund;
                }
            }
            if (original == value) {
                refund += original.is_zero() ? gas::kSstoreSet - gas::kWarmAccess
                                             : gas::kSstoreReset - gas::kWarmAccess;
            }
        }
    }
    if ((gas -= cost) < 0) return StatusCode::out_of_gas;
    if (refund != 0) st.add_refund(refund);
    if (current != value) st.set_storage(f.address, key, value);
    return StatusCode::success;
}

inline StatusCode do_tstore(state::StateView& st, const Frame& f, const Uint256* sp) {
    if (f.is_static) return StatusCode::static_mode_violation;
    st.set_transient_storage(f.address, sp[-1], sp[-2]);
    return StatusCode::success;
}

// LOG0..LOG4: offset, size, then the topics.
inline StatusCode do_log(state::StateView& st, Frame& f, const Uint256* sp, std::int64_t& gas, int topics) {
    if (f.is_static) return StatusCode::static_mode_violation;
    const Uint256& offset = sp[-1];
    const Uint256& size = sp[-2];
    if (!expand_memory(f.memory, gas, offset, size)) return StatusCode::out_of_gas;
    if ((gas -= static_cast<std::int64_t>(size.w[0]) * gas::kLogData) < 0) return StatusCode::out_of_gas;
    state::Log log;
    log.address = f.address;
    log.topics.reserve(static_cast<std::size_t>(topics));
    for (int i = 0; i < topics; ++i) log.topics.push_back(to_hash(sp[-3 - i]));
    if (!size.is_zero()) {
        const auto* begin = f.memory.data() + offset.w[0];
        log.data.assign(begin, begin + size.w[0]);
    }
    st.add_log(std::move(log));
    return StatusCode::success;
}

}  // namespace optimist::evm::detail
