// Instruction semantics on the stack and control flow: arithmetic (Yellow Paper H.2),
// shifts (EIP-145), PUSH0 (EIP-3855), and the exceptional halts of stack, jumps and opcodes.
#include "evm_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::evm::test {
namespace {

const Uint256 kMax = Uint256::max();
const Uint256 kMinus1 = Uint256::max();

Uint256 neg(std::uint64_t v) { return -Uint256{v}; }

// Runs `a OP b` (a on top) and returns the result.
Uint256 binary(std::uint8_t op, const Uint256& a, const Uint256& b) {
    Host h;
    auto r = h.run_code(Asm{}.push(b).push(a).op(op).ret_top());
    EXPECT_EQ(r.status, StatusCode::success);
    return word(r.output);
}

Uint256 ternary(std::uint8_t op, const Uint256& a, const Uint256& b, const Uint256& c) {
    Host h;
    auto r = h.run_code(Asm{}.push(c).push(b).push(a).op(op).ret_top());
    EXPECT_EQ(r.status, StatusCode::success);
    return word(r.output);
}

Uint256 unary(std::uint8_t op, const Uint256& a) {
    Host h;
    auto r = h.run_code(Asm{}.push(a).op(op).ret_top());
    EXPECT_EQ(r.status, StatusCode::success);
    return word(r.output);
}

TEST(EvmArith, AddSubMul) {
    EXPECT_EQ(binary(op_add, 1, 2), 3);
    EXPECT_EQ(binary(op_add, kMax, 1), 0);
    EXPECT_EQ(binary(op_sub, 1, 2), kMinus1);
    EXPECT_EQ(binary(op_sub, 10, 3), 7);
    EXPECT_EQ(binary(op_mul, 6, 7), 42);
    EXPECT_EQ(binary(op_mul, kMax, 2), kMax - 1);
}

TEST(EvmArith, Division) {
    EXPECT_EQ(binary(op_div, 7, 2), 3);
    EXPECT_EQ(binary(op_div, 7, 0), 0);
    EXPECT_EQ(binary(op_sdiv, neg(8), 2), neg(4));
    EXPECT_EQ(binary(op_sdiv, Uint256{1} << 255, kMinus1), Uint256{1} << 255);  // overflow wraps
    EXPECT_EQ(binary(op_mod, 7, 3), 1);
    EXPECT_EQ(binary(op_mod, 7, 0), 0);
    EXPECT_EQ(binary(op_smod, neg(7), 3), neg(1));
    EXPECT_EQ(binary(op_smod, 7, neg(3)), 1);
}

TEST(EvmArith, ModularAndExp) {
    EXPECT_EQ(ternary(op_addmod, kMax, 2, 5), 2);  // 2^256 = 1 (mod 5)
    EXPECT_EQ(ternary(op_mulmod, kMax, kMax, 12), 9);
    EXPECT_EQ(ternary(op_addmod, 1, 2, 0), 0);
    EXPECT_EQ(binary(op_exp, 2, 255), Uint256{1} << 255);
    EXPECT_EQ(binary(op_exp, 2, 256), 0);
    EXPECT_EQ(binary(op_exp, 0, 0), 1);
    EXPECT_EQ(binary(op_exp, 3, 5), 243);
    EXPECT_EQ(binary(op_signextend, 0, 0xff), kMax);
    EXPECT_EQ(binary(op_signextend, 0, 0x7f), 0x7f);
    EXPECT_EQ(binary(op_signextend, 1, 0x80ff), neg(0x7f01));
    EXPECT_EQ(binary(op_signextend, 31, 0x80), 0x80);
}

TEST(EvmArith, ComparisonAndBitwise) {
    EXPECT_EQ(binary(op_lt, 1, 2), 1);
    EXPECT_EQ(binary(op_lt, 2, 1), 0);
    EXPECT_EQ(binary(op_gt, 2, 1), 1);
    EXPECT_EQ(binary(op_slt, kMinus1, 0), 1);
    EXPECT_EQ(binary(op_sgt, kMinus1, 0), 0);
    EXPECT_EQ(binary(op_eq, 5, 5), 1);
    EXPECT_EQ(unary(op_iszero, 0), 1);
    EXPECT_EQ(unary(op_iszero, 7), 0);
    EXPECT_EQ(binary(op_and, 0xf0f0, 0xff00), 0xf000);
    EXPECT_EQ(binary(op_or, 0xf0f0, 0xff00), 0xfff0);
    EXPECT_EQ(binary(op_xor, 0xf0f0, 0xff00), 0x0ff0);
    EXPECT_EQ(unary(op_not, 0), kMax);
    EXPECT_EQ(binary(op_byte, 31, 0x1234), 0x34);
    EXPECT_EQ(binary(op_byte, 30, 0x1234), 0x12);
    EXPECT_EQ(binary(op_byte, 32, 0x1234), 0);
}

TEST(EvmArith, Shifts) {
    EXPECT_EQ(binary(op_shl, 4, 1), 16);
    EXPECT_EQ(binary(op_shl, 256, 1), 0);
    EXPECT_EQ(binary(op_shr, 4, 256), 16);
    EXPECT_EQ(binary(op_shr, 255, kMax), 1);
    EXPECT_EQ(binary(op_sar, 4, neg(16)), kMinus1);
    EXPECT_EQ(binary(op_sar, 300, neg(16)), kMinus1);
    EXPECT_EQ(binary(op_sar, 300, 16), 0);
}

TEST(EvmStack, PushDupSwap) {
    Host h;
    // PUSH0 pushes zero (EIP-3855); DUP2/SWAP1 reorder.
    // [5, 7] DUP2 -> [5, 7, 5] ADD -> [5, 12] SWAP1 -> [12, 5] POP -> [12]
    auto r = h.run_code(Asm{}.push(5).push(7).op(op_dup1 + 1).op(op_add).op(op_swap1).op(op_pop).ret_top());
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 12);
    r = h.run_code(Asm{}.op(op_push0).ret_top());
    EXPECT_EQ(word(r.output), 0);
    // A PUSH32 cut short by the end of the code reads zeros.
    r = h.run_code(bytes_hex("7fff"));
    EXPECT_EQ(r.status, StatusCode::success);
}

TEST(EvmStack, UnderflowConsumesAllGas) {
    Host h;
    auto r = h.run_code(Asm{}.push(1).op(op_add));
    EXPECT_EQ(r.status, StatusCode::stack_underflow);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(EvmStack, OverflowAt1025) {
    Host h;
    Asm ok;
    for (int i = 0; i < 1024; ++i) ok.op(op_push0);
    EXPECT_EQ(h.run_code(ok).status, StatusCode::success);
    ok.op(op_push0);
    auto r = h.run_code(ok);
    EXPECT_EQ(r.status, StatusCode::stack_overflow);
    EXPECT_EQ(r.gas_left, 0);
    // DUP on a full stack overflows too.
    Asm dup;
    for (int i = 0; i < 1024; ++i) dup.op(op_push0);
    dup.op(op_dup1);
    EXPECT_EQ(h.run_code(dup).status, StatusCode::stack_overflow);
}

TEST(EvmJump, ValidAndInvalidDestinations) {
    Host h;
    // PUSH1 4 JUMP INVALID JUMPDEST PUSH1 1 ...
    auto r = h.run_code(Asm{}.push(4).op(op_jump).op(op_invalid).op(op_jumpdest).push(1).ret_top());
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 1);
    r = h.run_code(bytes_hex("6003565b"));  // PUSH1 3; JUMP; JUMPDEST
    EXPECT_EQ(r.status, StatusCode::success);
    // A 0x5b byte inside PUSH data is not a destination: PUSH1 4; JUMP; PUSH1 0x5b; STOP.
    r = h.run_code(bytes_hex("600456605b00"));
    EXPECT_EQ(r.status, StatusCode::bad_jump_destination);
    EXPECT_EQ(r.gas_left, 0);
    // Nor is an opcode other than JUMPDEST: PUSH1 5; JUMP; PUSH1 0x5b; STOP (pc 5).
    r = h.run_code(bytes_hex("600556605b00"));
    EXPECT_EQ(r.status, StatusCode::bad_jump_destination);
    // Beyond the code, and beyond 64 bits.
    EXPECT_EQ(h.run_code(Asm{}.push(1000).op(op_jump)).status, StatusCode::bad_jump_destination);
    EXPECT_EQ(h.run_code(Asm{}.push(Uint256{0, 1, 0, 0}).op(op_jump)).status,
              StatusCode::bad_jump_destination);
    // JUMPI with a zero condition falls through whatever the destination.
    r = h.run_code(Asm{}.push(0).push(1000).op(op_jumpi).push(9).ret_top());
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 9);
}

TEST(EvmOpcodes, InvalidAndUndefined) {
    Host h;
    auto r = h.run_code(Asm{}.op(op_invalid));
    EXPECT_EQ(r.status, StatusCode::invalid_instruction);
    EXPECT_EQ(r.gas_left, 0);
    r = h.run_code(Asm{}.op(0x0c));
    EXPECT_EQ(r.status, StatusCode::undefined_instruction);
    r = h.run_code(Asm{}.op(0xef));
    EXPECT_EQ(r.status, StatusCode::undefined_instruction);
    // Running off the end of the code is STOP.
    r = h.run_code(Asm{}.push(1));
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_TRUE(r.output.empty());
}

TEST(EvmOpcodes, TableMetadata) {
    EXPECT_EQ(op_name(op_push0), "PUSH0");
    EXPECT_EQ(op_name(op_mcopy), "MCOPY");
    EXPECT_EQ(kOpTable[op_blobbasefee].base_gas, 2);
    EXPECT_EQ(kOpTable[op_log4].base_gas, 1875);
    EXPECT_EQ(kOpTable[op_call].stack_in, 7);
    EXPECT_FALSE(kOpTable[0xf6].defined);
    int defined = 0;
    for (const auto& info : kOpTable) defined += info.defined ? 1 : 0;
    EXPECT_EQ(defined, 149);  // Cancun
}

TEST(EvmContext, EnvironmentAndBlock) {
    Host h;
    h.block.blob_base_fee = 17;
    h.tx.blob_hashes = {Hash{}, Hash::right_aligned(bytes_hex("0142"))};
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_address).ret_top()).output), word_of(kContract));
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_caller).ret_top()).output), word_of(kSender));
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_origin).ret_top()).output), word_of(kSender));
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_number).ret_top()).output), 100);
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_chainid).ret_top()).output), 1);
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_basefee).ret_top()).output), 7);
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_blobbasefee).ret_top()).output), 17);
    EXPECT_EQ(word(h.run_code(Asm{}.push(1).op(op_blobhash).ret_top()).output), 0x0142);
    EXPECT_EQ(word(h.run_code(Asm{}.push(2).op(op_blobhash).ret_top()).output), 0);
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_gasprice).ret_top()).output), 10);
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_codesize).ret_top()).output), 7);
    EXPECT_EQ(word(h.run_code(Asm{}.op(op_calldatasize).ret_top(), 100000, Bytes(5, 1)).output), 5);
    // CALLDATALOAD pads with zeros past the end.
    auto r = h.run_code(Asm{}.push(1).op(op_calldataload).ret_top(), 100000, bytes_hex("aabbcc"));
    EXPECT_EQ(word(r.output), Uint256(0xbbcc) << 240);
}

TEST(EvmContext, Blockhash) {
    Host h;
    h.block.block_hash = [](std::uint64_t n) {
        return Hash::right_aligned(Uint256{n + 1000}.to_be_bytes_trimmed());
    };
    EXPECT_EQ(word(h.run_code(Asm{}.push(99).op(op_blockhash).ret_top()).output), 1099);
    EXPECT_EQ(word(h.run_code(Asm{}.push(0x2c).op(op_blockhash).ret_top()).output), 1044);  // 100 - 56
    EXPECT_EQ(word(h.run_code(Asm{}.push(100).op(op_blockhash).ret_top()).output), 0);      // current
    h.block.number = 300;
    EXPECT_EQ(word(h.run_code(Asm{}.push(44).op(op_blockhash).ret_top()).output), 1044);  // exactly 256 back
    EXPECT_EQ(word(h.run_code(Asm{}.push(43).op(op_blockhash).ret_top()).output), 0);     // 257 back
}

}  // namespace
}  // namespace optimist::evm::test
