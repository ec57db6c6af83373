// The ten development accounts of the standard test mnemonic
// "test test test test test test test test test test test junk" (BIP-44 path
// m/44'/60'/0'/0/i), the accounts anvil and Hardhat fund, so scripts and wallets already
// configured for them work against Optimist unchanged.
#pragma once

#include <optimist/core/bytes.hpp>

#include <array>
#include <string_view>

namespace optimist::sequencer {

struct DevAccount {
    std::string_view address;      // 0x-prefixed, EIP-55 checksummed
    std::string_view private_key;  // 0x-prefixed, 32 bytes
};

inline constexpr std::string_view kDevMnemonic = "test test test test test test test test test test test junk";

// Public, well-known keys: anyone can spend from these accounts on any chain that funds
// them. For development only.
extern const std::array<DevAccount, 10> kDevAccounts;

// The key and address of dev account `index` (0..9) as bytes.
[[nodiscard]] Hash dev_private_key(std::size_t index);
[[nodiscard]] Address dev_address(std::size_t index);

}  // namespace optimist::sequencer
