#include <optimist/core/hex.hpp>
#include <optimist/l1/l1_stub.hpp>

#include <array>
#include <cassert>
#include <string_view>

namespace optimist::l1 {
namespace {

// The addresses of "test test test test test test test test test test test junk" along
// m/44'/60'/0'/0/i, the ten accounts anvil and Hardhat fund (the sequencer's dev genesis funds
// the same ones on L2). Listed here rather than taken from the sequencer module, which the
// L1 must not depend on.
constexpr std::array<std::string_view, 10> kDevAddresses = {
    "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
    "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
    "0x976EA74026E726554dB657fA54763abd0C3a0aa9", "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
    "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
};

Address address(std::string_view hex) {
    auto a = fixed_from_hex<20>(hex);
    assert(a);
    return a ? *a : Address{};
}

constexpr Uint256 kEther{1'000'000'000'000'000'000ULL};

}  // namespace

L1Config dev_l1_config() {
    L1Config c;
    c.chain_id = kDevL1ChainId;
    // OP's devnet convention: 0xff00..00 followed by the L2 chain id (901).
    c.batch_inbox = address("0xff00000000000000000000000000000000000901");
    c.output_oracle = address("0xee00000000000000000000000000000000000901");
    c.dispute_game_factory = address("0xdd00000000000000000000000000000000000901");
    c.challenge_window = 10;
    c.min_bond = kEther / Uint256(10);
    // Short enough that a timed-out game ends within a test's few dozen blocks, long enough
    // for a party to answer at the devnet's 2-second blocks.
    c.game_clock = 200;
    return c;
}

std::vector<GenesisAccount> dev_genesis_accounts() {
    std::vector<GenesisAccount> accounts;
    for (const auto hex : kDevAddresses) accounts.push_back({address(hex), Uint256(10'000) * kEther});
    return accounts;
}

}  // namespace optimist::l1
