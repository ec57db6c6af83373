// Gas accounting of representative instructions, with the numbers the Yellow Paper and the
// EIPs give, and the SSTORE cost/refund table of EIP-3529.
#include "evm_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::evm::test {
namespace {

constexpr std::int64_t kGas = 1'000'000;

std::int64_t gas_used(Host& h, const Bytes& code, StatusCode expected = StatusCode::success) {
    auto r = h.run_code(code, kGas);
    EXPECT_EQ(r.status, expected) << to_string(r.status);
    return kGas - r.gas_left;
}

TEST(EvmGas, SimpleArithmetic) {
    Host h;
    EXPECT_EQ(gas_used(h, Asm{}.push(1).push(2).op(op_add).op(op_stop)), 9);
    EXPECT_EQ(gas_used(h, Asm{}.push(1).push(2).op(op_mul)), 11);
    EXPECT_EQ(gas_used(h, Asm{}.op(op_push0).op(op_pc).op(op_jumpdest)), 5);
    // EXP: 10 + 50 per exponent byte (EIP-160); 0x100 has two.
    EXPECT_EQ(gas_used(h, Asm{}.push(0x100).push(2).op(op_exp)), 3 + 3 + 10 + 100);
    EXPECT_EQ(gas_used(h, Asm{}.op(op_push0).push(2).op(op_exp)), 2 + 3 + 10);
}

TEST(EvmGas, MemoryExpansion) {
    Host h;
    // MSTORE at 0: one word, 3 gas.
    EXPECT_EQ(gas_used(h, Asm{}.push(1).op(op_push0).op(op_mstore)), 3 + 2 + 3 + 3);
    // MLOAD at 1024: 33 words = 3*33 + 33*33/512 = 101.
    EXPECT_EQ(gas_used(h, Asm{}.push(1024).op(op_mload)), 3 + 3 + 101);
    // MSTORE8 at 65535: 2048 words = 6144 + 8192.
    EXPECT_EQ(gas_used(h, Asm{}.push(1).push(65535).op(op_mstore8)), 3 + 3 + 3 + 14336);
    // A second access to the same region costs no expansion.
    EXPECT_EQ(gas_used(h, Asm{}.push(1).op(op_push0).op(op_mstore).op(op_push0).op(op_mload)), 11 + 2 + 3);
    // MSIZE reports whole words.
    auto r = h.run_code(Asm{}.push(1).push(33).op(op_mstore8).op(op_msize).ret_top());
    EXPECT_EQ(word(r.output), 64);
}

TEST(EvmGas, HugeMemoryIsOutOfGasNotACrash) {
    Host h;
    auto r = h.run_code(Asm{}.push(1).push(Uint256{0, 1, 0, 0}).op(op_mstore), kGas);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    r = h.run_code(Asm{}.push(1).push(Uint256{1} << 40).op(op_mstore), std::int64_t{1} << 62);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    r = h.run_code(Asm{}.push(Uint256::max()).op(op_push0).op(op_keccak256), kGas);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    // 0xffffffff bytes: affordable only with a huge gas limit, but must not overflow.
    r = h.run_code(Asm{}.push(0xffffffff).op(op_push0).op(op_push0).op(op_calldatacopy), 1'000'000'000);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    // A zero-size range never expands memory, whatever its offset.
    r = h.run_code(Asm{}.op(op_push0).push(Uint256::max()).op(op_keccak256).op(op_msize).ret_top(), kGas);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 0);
}

TEST(EvmGas, KeccakAndCopies) {
    Host h;
    // KECCAK256 of 64 bytes: 30 + 6*2 + memory 2 words (6).
    EXPECT_EQ(gas_used(h, Asm{}.push(64).op(op_push0).op(op_keccak256)), 3 + 2 + 30 + 12 + 6);
    // CALLDATACOPY 33 bytes: 3 + 3*2 + memory 2 words.
    EXPECT_EQ(gas_used(h, Asm{}.push(33).op(op_push0).op(op_push0).op(op_calldatacopy)),
              3 + 2 + 2 + 3 + 6 + 6);
    // MCOPY (EIP-5656) 32 bytes from 0 to 32: 3 + 3 + memory 2 words.
    EXPECT_EQ(gas_used(h, Asm{}.push(32).op(op_push0).push(32).op(op_mcopy)), 3 + 2 + 3 + 3 + 3 + 6);
    // KECCAK256 of empty input.
    auto r = h.run_code(Asm{}.op(op_push0).op(op_push0).op(op_keccak256).ret_top());
    EXPECT_EQ(to_hash_of(r.output), keccak256({}));
}

TEST(EvmGas, Mcopy) {
    Host h;
    // EIP-5656 example: overlapping copy within one word.
    auto r =
        h.run_code(Asm{}
                       .mstore(0, Uint256::from_be_bytes(bytes_hex(
                                      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")))
                       .push(8)
                       .op(op_push0)
                       .push(1)
                       .op(op_mcopy)
                       .ret(0, 32));
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output, false), "000001020304050607090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
}

TEST(EvmGas, ColdAndWarmAccess) {
    Host h;
    // EIP-2929: SLOAD 2100 cold, 100 warm.
    EXPECT_EQ(gas_used(h, Asm{}.op(op_push0).op(op_sload)), 2 + 2100);
    EXPECT_EQ(gas_used(h, Asm{}.op(op_push0).op(op_sload).op(op_push0).op(op_sload)), 2 + 2100 + 2 + 100);
    // BALANCE 2600 cold, 100 warm (precompiles are warm from the start).
    const Address other = addr(0x1234);
    EXPECT_EQ(gas_used(h, Asm{}.push(other).op(op_balance)), 3 + 2600);
    EXPECT_EQ(gas_used(h, Asm{}.push(other).op(op_balance).push(other).op(op_extcodesize)),
              3 + 2600 + 3 + 100);
    EXPECT_EQ(gas_used(h, Asm{}.push(addr(4)).op(op_extcodehash)), 3 + 100);
    // EXTCODECOPY: access + 3 per word + memory.
    EXPECT_EQ(gas_used(h, Asm{}.push(32).op(op_push0).op(op_push0).push(other).op(op_extcodecopy)),
              3 + 2 + 2 + 3 + 2600 + 3 + 3);
    // TLOAD/TSTORE: 100 each (EIP-1153).
    EXPECT_EQ(gas_used(h, Asm{}.push(1).push(1).op(op_tstore).push(1).op(op_tload)), 3 + 3 + 100 + 3 + 100);
}

TEST(EvmGas, ExtcodehashOfEmptyAndMissing) {
    Host h;
    const Address empty = addr(0x777);
    h.reader[empty].nonce = 0;  // exists, but empty (EIP-161)
    EXPECT_EQ(word(h.run_code(Asm{}.push(empty).op(op_extcodehash).ret_top()).output), 0);
    EXPECT_EQ(word(h.run_code(Asm{}.push(addr(0x778)).op(op_extcodehash).ret_top()).output), 0);
    const Address funded = addr(0x779);
    h.reader[funded].balance = 1;
    EXPECT_EQ(to_hash_of(h.run_code(Asm{}.push(funded).op(op_extcodehash).ret_top()).output),
              state::kEmptyCodeHash);
}

TEST(EvmGas, Logs) {
    Host h;
    // LOG2 of 10 bytes: 375 + 2*375 + 8*10 + memory 1 word.
    EXPECT_EQ(gas_used(h, Asm{}.push(2).push(1).push(10).op(op_push0).op(op_log0 + 2)),
              3 + 3 + 3 + 2 + 1125 + 80 + 3);
    ASSERT_EQ(h.view->logs().size(), 1U);
    EXPECT_EQ(h.view->logs()[0].address, kContract);
    ASSERT_EQ(h.view->logs()[0].topics.size(), 2U);
    EXPECT_EQ(word_of_hash(h.view->logs()[0].topics[0]), 1);
    EXPECT_EQ(word_of_hash(h.view->logs()[0].topics[1]), 2);
    EXPECT_EQ(h.view->logs()[0].data, Bytes(10, 0));
}

// EIP-3529 test cases: code, gas used, refund, original value. The slot is warm (the
// table's numbers carry no EIP-2929 cold surcharge).
struct SstoreCase {
    const char* code;
    std::int64_t used;
    std::int64_t refund;
    std::uint64_t original;
};

constexpr SstoreCase kSstoreCases[] = {
    {"60006000556000600055", 212, 0, 0},
    {"60006000556001600055", 20112, 0, 0},
    {"60016000556000600055", 20112, 19900, 0},
    {"60016000556002600055", 20112, 0, 0},
    {"60016000556001600055", 20112, 0, 0},
    {"60006000556000600055", 3012, 4800, 1},
    {"60006000556001600055", 3012, 2800, 1},
    {"60006000556002600055", 3012, 0, 1},
    {"60026000556000600055", 3012, 4800, 1},
    {"60026000556003600055", 3012, 0, 1},
    {"60026000556001600055", 3012, 2800, 1},
    {"60026000556002600055", 3012, 0, 1},
    {"60016000556000600055", 3012, 4800, 1},
    {"60016000556002600055", 3012, 0, 1},
    {"60016000556001600055", 212, 0, 1},
    {"600160005560006000556001600055", 40118, 19900, 0},
    {"600060005560016000556000600055", 5918, 7600, 1},
};

TEST(EvmGas, SstoreEip3529Table) {
    for (const auto& c : kSstoreCases) {
        Host h;
        if (c.original != 0) h.reader[kContract].storage[0] = c.original;
        h.prepare = [](state::StateView& v) { v.access_storage(kContract, 0); };
        auto r = h.run_code(bytes_hex(c.code), kGas);
        ASSERT_EQ(r.status, StatusCode::success) << c.code;
        EXPECT_EQ(kGas - r.gas_left, c.used) << c.code << " original " << c.original;
        EXPECT_EQ(h.view->refund(), c.refund) << c.code << " original " << c.original;
    }
}

TEST(EvmGas, SstoreColdSurchargeAndSentry) {
    Host h;
    // A cold slot adds 2100 (EIP-2929): 20000 + 2100 + pushes.
    EXPECT_EQ(gas_used(h, Asm{}.push(1).op(op_push0).op(op_sstore)), 3 + 2 + 22100);
    // EIP-2200: with 2300 gas or less left, SSTORE fails even if it would cost less.
    h.reader[kContract].storage[0] = 1;
    h.prepare = [](state::StateView& v) { v.access_storage(kContract, 0); };
    const Bytes code = Asm{}.push(1).op(op_push0).op(op_sstore);  // a no-op store: 100 gas
    auto r = h.run_code(code, 5 + 2300);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    r = h.run_code(code, 5 + 2301);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 2201);
}

TEST(EvmGas, Selfdestruct) {
    Host h;
    const Address beneficiary = addr(0xbe);
    // Cold, empty beneficiary, no balance to move: 5000 + 2600.
    EXPECT_EQ(gas_used(h, Asm{}.push(beneficiary).op(op_selfdestruct)), 3 + 5000 + 2600);
    // With a balance to move to an empty account: + 25000.
    h.reader[kContract].balance = 10;
    EXPECT_EQ(gas_used(h, Asm{}.push(beneficiary).op(op_selfdestruct)), 3 + 5000 + 2600 + 25000);
    EXPECT_EQ(h.view->balance(beneficiary), 10);
    EXPECT_EQ(h.view->balance(kContract), 0);
    // Warm, existing beneficiary: 5000 only.
    EXPECT_EQ(gas_used(h, Asm{}.push(kSender).op(op_selfdestruct)), 3 + 5000);
}

}  // namespace
}  // namespace optimist::evm::test
