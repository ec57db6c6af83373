// "mainnet": a shuffled mix shaped after an L1 block (docs/workloads.md): a third ETH
// transfers, a third ERC-20 transfers over a handful of tokens (a tenth of them to a few
// exchange accounts, which then conflict), the rest split between AMM swaps and NFT mints
// (which all advance one counter).
#include "calls.hpp"
#include "kinds.hpp"

namespace optimist::workload {
namespace {

enum class Action : std::uint8_t { transfer, token_transfer, swap, mint };

constexpr std::size_t kTokens = 4;  // the AMM pools trade the first two
constexpr std::uint64_t kExchangeOneIn = 10;

}  // namespace

void build_mainnet(const Options& o, Builder& b) {
    Rng rng(o.seed);
    const std::size_t n = o.txs;
    std::vector<Action> actions;
    actions.reserve(n);
    actions.insert(actions.end(), n / 3, Action::transfer);
    actions.insert(actions.end(), n / 3, Action::token_transfer);
    const std::size_t rest = n - 2 * (n / 3);
    actions.insert(actions.end(), (rest + 1) / 2, Action::swap);
    actions.insert(actions.end(), rest / 2, Action::mint);
    rng.shuffle(actions);

    const auto senders = derive_accounts(o.seed, n);
    const Address airdrop = b.deploy(Contract::airdrop);
    const Amm amm = deploy_amm(b, kTokens, o.pools);
    const Address nft = b.deploy(Contract::nft);
    b.fund(airdrop, addresses_of(senders));

    std::vector<std::vector<Address>> holders(kTokens);
    for (std::size_t i = 0; i < n; ++i) {
        const Account& user = senders[i];
        switch (actions[i]) {
            case Action::transfer:
                b.add(user, fresh_recipient(o.seed, i), {}, kTransferGas,
                      Uint256{rng.between(kMinTransferValue, kMaxTransferValue)});
                break;
            case Action::token_transfer: {
                const std::size_t t = rng.below(kTokens);
                const Address to = rng.below(kExchangeOneIn) == 0
                                       ? hot_recipient(o.seed, rng.below(kHotAccounts))
                                       : fresh_recipient(o.seed, i);
                const Uint256 amount{rng.between(kMinTokenAmount, kMaxTokenAmount)};
                holders[t].push_back(user.address);
                b.add(user, amm.tokens[t], calls::token_transfer(to, amount), kTokenTransferGas);
                break;
            }
            case Action::swap: {
                const std::size_t token_in = rng.below(2);
                holders[token_in].push_back(user.address);
                add_swap(b, rng, amm, user, token_in);
                break;
            }
            case Action::mint:
                b.add(user, nft, calls::nft_mint(), kNftMintGas);
                break;
        }
    }
    mint_holders(b, amm.tokens, holders);
    add_liquidity(b, amm);
}

}  // namespace optimist::workload
