// Messages between contracts: nested calls and return data (EIP-211), REVERT (EIP-140),
// CREATE/CREATE2 (EIP-1014, 3541, 3860, 170), static calls (EIP-214), the depth limit, the
// 63/64 rule (EIP-150), value transfers and precompiles.
#include "evm_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::evm::test {
namespace {

const Address kCallee = addr(0xb0b);

// Init code that deploys `runtime` (at most 32 bytes).
Bytes deployer(const Bytes& runtime) {
    return Asm{}.mstore(0, Uint256::from_be_bytes(runtime)).ret(32 - runtime.size(), runtime.size());
}

TEST(EvmAddresses, CreateAddressVectors) {
    const Address sender = addr_hex("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    EXPECT_EQ(create_address(sender, 0), addr_hex("cd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    EXPECT_EQ(create_address(sender, 1), addr_hex("343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
    EXPECT_EQ(create_address(sender, 2), addr_hex("f778b86fa74e846c4f0a1fbd1335fe81c00a0c91"));
    EXPECT_EQ(create_address(sender, 3), addr_hex("fffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c"));
}

TEST(EvmAddresses, Create2Eip1014Examples) {
    const auto h32 = [](std::string_view s) { return *fixed_from_hex<32>(s); };
    const Hash zero{};
    EXPECT_EQ(create2_address(Address{}, zero, bytes_hex("00")),
              addr_hex("4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"));
    EXPECT_EQ(create2_address(addr_hex("deadbeef00000000000000000000000000000000"), zero, bytes_hex("00")),
              addr_hex("B928f69Bb1D91Cd65274e3c79d8986362984fDA3"));
    EXPECT_EQ(create2_address(addr_hex("deadbeef00000000000000000000000000000000"),
                              h32("000000000000000000000000feed000000000000000000000000000000000000"),
                              bytes_hex("00")),
              addr_hex("D04116cDd17beBE565EB2422F2497E06cC1C9833"));
    EXPECT_EQ(create2_address(Address{}, zero, bytes_hex("deadbeef")),
              addr_hex("70f2b2914A2a4b783FaEFb75f459A580616Fcb5e"));
    EXPECT_EQ(create2_address(addr_hex("00000000000000000000000000000000deadbeef"),
                              h32("00000000000000000000000000000000000000000000000000000000cafebabe"),
                              bytes_hex("deadbeef")),
              addr_hex("60f3f640a8508fC6a86d45DF051962668E1e8AC7"));
    EXPECT_EQ(create2_address(
                  addr_hex("00000000000000000000000000000000deadbeef"),
                  h32("00000000000000000000000000000000000000000000000000000000cafebabe"),
                  bytes_hex("deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdead"
                            "beefdeadbeef")),
              addr_hex("1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C"));
    EXPECT_EQ(create2_address(Address{}, zero, {}), addr_hex("E33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0"));
}

TEST(EvmCalls, NestedCallReturnsData) {
    Host h;
    h.reader[kCallee].code = Asm{}.mstore(0, 0x42).ret(0, 32);
    const Bytes caller = Asm{}
                             .call(op_call, 0xffff, kCallee, 0, 0, 0, 0, 32)
                             .op(op_returndatasize)
                             .push(32)
                             .op(op_mstore)
                             .ret(0, 64);
    auto r = h.run_code(caller);
    ASSERT_EQ(r.status, StatusCode::success);
    ASSERT_EQ(r.output.size(), 64U);
    EXPECT_EQ(word(Bytes(r.output.begin(), r.output.begin() + 32)), 0x42);
    EXPECT_EQ(word(Bytes(r.output.begin() + 32, r.output.end())), 32);
}

TEST(EvmCalls, RevertPropagatesDataAndUndoesState) {
    Host h;
    h.reader[kCallee].code = Asm{}.sstore(1, 1).mstore(0, 0xbad).revert(0, 32);
    const Bytes caller = Asm{}
                             .call(op_call, 100000, kCallee, 0, 0, 0, 0, 0)
                             .push(32)
                             .op(op_mstore)  // the success flag at 32
                             .push(32)
                             .op(op_push0)
                             .op(op_push0)
                             .op(op_returndatacopy)
                             .ret(0, 64);
    auto r = h.run_code(caller);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(Bytes(r.output.begin(), r.output.begin() + 32)), 0xbad);
    EXPECT_EQ(word(Bytes(r.output.begin() + 32, r.output.end())), 0);
    EXPECT_EQ(h.view->storage(kCallee, 1), 0);

    // At the top level, REVERT keeps the remaining gas and returns its data.
    r = h.call(kCallee, {}, 100000);
    EXPECT_EQ(r.status, StatusCode::revert);
    EXPECT_GT(r.gas_left, 0);
    EXPECT_EQ(word(r.output), 0xbad);
    EXPECT_EQ(h.view->storage(kCallee, 1), 0);
}

TEST(EvmCalls, ReturndatacopyOutOfBoundsIsExceptional) {
    Host h;
    h.reader[kCallee].code = Asm{}.ret(0, 32);
    const Bytes caller = Asm{}
                             .call(op_call, 100000, kCallee, 0, 0, 0, 0, 0)
                             .push(33)
                             .op(op_push0)
                             .op(op_push0)
                             .op(op_returndatacopy);
    auto r = h.run_code(caller);
    EXPECT_EQ(r.status, StatusCode::invalid_memory_access);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(EvmCalls, CreateDeploysAndIsCallable) {
    Host h;
    const Bytes runtime = Asm{}.push(0x42).ret_top();
    const Bytes init = deployer(runtime);
    ASSERT_LE(init.size(), 32U);
    // CREATE(0, 32 - len, len) then CALL the new address and return its output.
    const Bytes code = Asm{}
                           .mstore(0, Uint256::from_be_bytes(init))
                           .push(init.size())
                           .push(32 - init.size())
                           .op(op_push0)
                           .op(op_create)
                           .push(32)
                           .op(op_push0)
                           .op(op_push0)
                           .op(op_push0)
                           .op(op_push0)
                           .op(op_dup1 + 5)
                           .op(op_gas)
                           .op(op_call)
                           .op(op_pop)
                           .ret(0, 32);
    auto r = h.run_code(code);
    ASSERT_EQ(r.status, StatusCode::success) << to_string(r.status);
    EXPECT_EQ(word(r.output), 0x42);
    const Address created = create_address(kContract, 0);
    EXPECT_EQ(h.view->code(created).size(), runtime.size());
    EXPECT_EQ(h.view->nonce(created), 1U);  // EIP-161
    EXPECT_EQ(h.view->nonce(kContract), 1U);
}

TEST(EvmCalls, Create2AddressFromContract) {
    Host h;
    const Bytes init = deployer(Asm{}.op(op_stop));
    const Bytes code = Asm{}
                           .mstore(0, Uint256::from_be_bytes(init))
                           .push(0x5a17)
                           .push(init.size())
                           .push(32 - init.size())
                           .op(op_push0)
                           .op(op_create2)
                           .ret_top();
    auto r = h.run_code(code);
    ASSERT_EQ(r.status, StatusCode::success);
    const Hash salt = Hash::right_aligned(bytes_hex("5a17"));
    EXPECT_EQ(word(r.output), word_of(create2_address(kContract, salt, init)));
}

TEST(EvmCalls, TopLevelCreate) {
    Host h;
    h.reader[kSender].nonce = 5;
    const Bytes runtime = bytes_hex("6001");
    auto r = h.create(deployer(runtime), 100000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.create_address, create_address(kSender, 5));
    EXPECT_TRUE(r.output.empty());
    EXPECT_EQ(h.view->nonce(kSender), 6U);
    EXPECT_EQ(to_bytes(h.view->code(r.create_address)), runtime);
    // Gas: init code pushes/mstore/return plus 200 per deployed byte.
    EXPECT_EQ(100000 - r.gas_left, 3 + 2 + 3 + 3 + 3 + 3 + 0 + 2 * 200);
}

TEST(EvmCalls, CreateFailures) {
    Host h;
    // EIP-3541: code starting with 0xEF is rejected (all gas consumed).
    auto r = h.create(deployer(bytes_hex("ef00")), 100000);
    EXPECT_EQ(r.status, StatusCode::invalid_code_prefix);
    EXPECT_EQ(r.gas_left, 0);
    // EIP-170: at most 24576 bytes of code.
    r = h.create(Asm{}.ret(0, 24577), 10'000'000);
    EXPECT_EQ(r.status, StatusCode::code_size_exceeded);
    r = h.create(Asm{}.ret(0, 24576), 10'000'000);
    EXPECT_EQ(r.status, StatusCode::success);
    // Not enough gas for the deposit.
    r = h.create(Asm{}.ret(0, 100), 19'000);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    // Collision: the derived address already has a nonce.
    h.reader[create_address(kSender, 0)].nonce = 1;
    r = h.create(deployer(bytes_hex("00")), 100000);
    EXPECT_EQ(r.status, StatusCode::contract_address_collision);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(h.view->nonce(kSender), 1U);  // the nonce increment stays
}

TEST(EvmCalls, CreateInitcodeLimitAndCollisionInContract) {
    Host h;
    // EIP-3860: more than 49152 bytes of init code is an exceptional halt of the creator.
    auto r = h.run_code(Asm{}.push(49153).op(op_push0).op(op_push0).op(op_create), 10'000'000);
    EXPECT_EQ(r.status, StatusCode::initcode_size_exceeded);
    EXPECT_EQ(r.gas_left, 0);
    // 49152 is fine: 32000 + 2 * 1536 words + memory.
    r = h.run_code(Asm{}.push(49152).op(op_push0).op(op_push0).op(op_create).ret_top(), 10'000'000);
    EXPECT_EQ(r.status, StatusCode::success);
    // A collision pushes zero and burns the gas given to the creation.
    h.reader[create_address(kContract, 0)].code = bytes_hex("00");
    r = h.run_code(Asm{}
                       .op(op_push0)
                       .op(op_push0)
                       .op(op_push0)
                       .op(op_create)
                       .op(op_push0)
                       .op(op_mstore)
                       .op(op_gas)
                       .push(32)
                       .op(op_mstore)
                       .ret(0, 64),
                   1'000'000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(Bytes(r.output.begin(), r.output.begin() + 32)), 0);
    // 1e6 - 6 - 32000 = 967994 before the creation, of which all but 1/64 is lost.
    const std::int64_t before = 1'000'000 - 6 - 32000;
    EXPECT_EQ(word(Bytes(r.output.begin() + 32, r.output.end())), Uint256(before / 64 - 10));
}

TEST(EvmCalls, CreateWithoutBalanceKeepsGas) {
    Host h;
    // CREATE with value 1 from a contract with no balance: pushes 0, only CREATE's own
    // 32000 and the pushes are spent, the nonce is unchanged.
    auto r = h.run_code(Asm{}.op(op_push0).op(op_push0).push(1).op(op_create).ret_top(), 100000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 0);
    EXPECT_EQ(100000 - r.gas_left, 2 + 2 + 3 + 32000 + 2 + 3 + 3 + 3 + 2);
    EXPECT_EQ(h.view->nonce(kContract), 0U);
}

// Code that runs `probe` in a STATICCALL to kCallee and returns the success flag.
Uint256 static_probe(const Bytes& probe) {
    Host h;
    h.reader[kCallee].code = probe;
    h.reader[kCallee].balance = 100;
    auto r = h.run_code(Asm{}.call(op_staticcall, 100000, kCallee, 0, 0, 0, 0, 0).ret_top());
    EXPECT_EQ(r.status, StatusCode::success);
    return word(r.output);
}

TEST(EvmCalls, StaticViolations) {
    EXPECT_EQ(static_probe(Asm{}.push(1).op(op_sload)), 1);
    EXPECT_EQ(static_probe(Asm{}.push(1).push(1).op(op_tload)), 1);
    EXPECT_EQ(static_probe(Asm{}.sstore(1, 1)), 0);
    EXPECT_EQ(static_probe(Asm{}.push(1).push(1).op(op_tstore)), 0);
    EXPECT_EQ(static_probe(Asm{}.op(op_push0).op(op_push0).op(op_log0)), 0);
    EXPECT_EQ(static_probe(Asm{}.op(op_push0).op(op_push0).op(op_push0).op(op_create)), 0);
    EXPECT_EQ(static_probe(Asm{}.op(op_push0).op(op_push0).op(op_push0).op(op_push0).op(op_create2)), 0);
    EXPECT_EQ(static_probe(Asm{}.push(kSender).op(op_selfdestruct)), 0);
    EXPECT_EQ(static_probe(Asm{}.call(op_call, 1000, kSender, 1, 0, 0, 0, 0)), 0);
    // A CALL without value is allowed, and its callee is static too.
    EXPECT_EQ(static_probe(Asm{}.call(op_call, 1000, kSender, 0, 0, 0, 0, 0).ret_top()), 1);
}

TEST(EvmCalls, DepthLimit) {
    Host h;
    // CALL self and return the flag: from depth 1023 the callee runs at 1024 (and its own
    // call fails); from depth 1024 the call fails and keeps its gas.
    const Bytes code = Asm{}.call(op_call, 50000, kContract, 0, 0, 0, 0, 0).ret_top();
    h.reader[kContract].code = code;
    auto r = h.call(kContract, {}, 1'000'000, 0, nullptr, 1023);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 1);
    r = h.call(kContract, {}, 1'000'000, 0, nullptr, 1024);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 0);
    // The failed call cost only its access and the pushes: the 50000 came back.
    EXPECT_EQ(1'000'000 - r.gas_left, 5 * 2 + 3 + 3 + 100 + 2 + 3 + 3 + 3 + 2);
}

TEST(EvmCalls, RecursionTo1024FramesWithoutNativeRecursion) {
    Host h;
    // slot0 += 1; CALL self with all gas.
    h.reader[kContract].code =
        Asm{}.op(op_push0).op(op_sload).push(1).op(op_add).op(op_push0).op(op_sstore).call(
            op_call, Uint256::max(), kContract, 0, 0, 0, 0, 0);
    auto r = h.call(kContract, {}, 1'000'000'000'000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(h.view->storage(kContract, 0), 1025);  // depths 0..1024
}

TEST(EvmCalls, AllButOne64th) {
    Host h;
    h.reader[kCallee].code = Asm{}.op(op_gas).ret_top();
    const Bytes code = Asm{}.call(op_call, Uint256::max(), kCallee, 0, 0, 0, 0, 32).op(op_pop).ret(0, 32);
    const std::int64_t gas = 1'000'000;
    auto r = h.run_code(code, gas);
    ASSERT_EQ(r.status, StatusCode::success);
    // Before CALL: 7 pushes (PUSH1 32, PUSH0 x4 ... ) then memory (1 word) and a cold access.
    const std::int64_t pushes =
        3 + 2 + 2 + 2 + 2 + 3 + 3;  // out_size, out_off, in_size, in_off, value, to, gas
    const std::int64_t avail = gas - pushes - 100 - 3 - 2500;
    const std::int64_t given = avail - avail / 64;
    EXPECT_EQ(word(r.output), Uint256(static_cast<std::uint64_t>(given - 2)));
}

TEST(EvmCalls, ValueTransferAndStipend) {
    Host h;
    h.reader[kContract].balance = 1000;
    const Address fresh = addr(0xf4e54);
    // The callee (no code) receives value; the stipend comes back unused.
    const Bytes code = Asm{}.call(op_call, 0, fresh, 7, 0, 0, 0, 0).ret_top();
    auto r = h.run_code(code, 1'000'000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 1);
    EXPECT_EQ(h.view->balance(fresh), 7);
    EXPECT_EQ(h.view->balance(kContract), 993);
    // 100 + 2500 cold + 9000 value + 25000 new account; the 2300 stipend is returned.
    const std::int64_t pushes = 2 + 2 + 2 + 2 + 3 + 3 + 2;
    EXPECT_EQ(1'000'000 - r.gas_left, pushes + 100 + 2500 + 9000 + 25000 - 2300 + 2 + 3 + 3 + 3 + 2);
    // Not enough balance: the call fails without running and keeps the gas.
    r = h.run_code(Asm{}.call(op_call, 0, fresh, 5000, 0, 0, 0, 0).ret_top(), 1'000'000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 0);
}

TEST(EvmCalls, TouchedEmptyAccountIsDeleted) {
    Host h;
    const Address empty = addr(0xe3);
    h.reader[empty].nonce = 0;  // exists, empty
    auto r = h.run_code(Asm{}.call(op_call, 0, empty, 0, 0, 0, 0, 0));
    ASSERT_EQ(r.status, StatusCode::success);
    h.view->finalize();
    const auto writes = h.view->write_set();
    bool deleted = false;
    for (const auto& w : writes.accounts) deleted |= w.address == empty && w.deleted;
    EXPECT_TRUE(deleted);  // EIP-161
}

TEST(EvmCalls, Precompiles) {
    Host h;
    // identity (0x04) echoes its input: 15 + 3 per word.
    const Bytes code =
        Asm{}.mstore(0, 0x1234).call(op_staticcall, 1000, addr(4), 0, 0, 32, 32, 32).op(op_pop).ret(32, 32);
    auto r = h.run_code(code);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 0x1234);
    // Too little gas: the precompile fails, the call returns 0 and the gas given is gone.
    r = h.run_code(Asm{}.call(op_staticcall, 10, addr(4), 0, 0, 32, 0, 0).ret_top());
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 0);
    // sha256 (0x02) of empty input.
    r = h.call(addr(2), {}, 100000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output, false), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(r.gas_left, 100000 - 60);
}

TEST(EvmCalls, DelegatecallKeepsContext) {
    Host h;
    // The library stores CALLER and CALLVALUE in the caller's storage.
    h.reader[kCallee].code =
        Asm{}.op(op_caller).op(op_push0).op(op_sstore).op(op_callvalue).push(1).op(op_sstore);
    h.reader[kContract].code =
        Asm{}.push(0).push(0).push(0).push(0).push(kCallee).op(op_gas).op(op_delegatecall).ret_top();
    auto r = h.call(kContract, {}, 1'000'000, 9);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(word(r.output), 1);
    EXPECT_EQ(h.view->storage(kContract, 0), word_of(kSender));
    EXPECT_EQ(h.view->storage(kContract, 1), 9);
    EXPECT_EQ(h.view->storage(kCallee, 0), 0);
}

}  // namespace
}  // namespace optimist::evm::test
