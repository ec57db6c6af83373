// L1RpcClient: the L1 interface over JSON-RPC, against an optimist-l1 process (the methods
// of rpc_api.hpp, and only those).
//
// Errors: a connection or HTTP failure is `unavailable` (retry later); a JSON-RPC -32000 or
// -32602 error is `rejected` with the server's message; anything else, and a response that
// does not have the expected shape, is `internal`.
//
// Thread safety: every method may be called from any thread (calls are serialized over one
// keep-alive connection).
#pragma once

#include <optimist/l1/l1.hpp>
#include <optimist/rpc/http_client.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace optimist::l1 {

class L1RpcClient final : public L1 {
public:
    // `url` as rpc::HttpClient takes it, e.g. "http://127.0.0.1:8545".
    explicit L1RpcClient(std::string url, rpc::HttpClientOptions options = {});
    ~L1RpcClient() override;

    [[nodiscard]] L1Result<std::uint64_t> chain_id() override;
    [[nodiscard]] L1Result<L1Config> config() override;
    [[nodiscard]] L1Result<L1Head> head() override;
    [[nodiscard]] L1Result<std::uint64_t> nonce(const Address& account, NonceView view) override;
    [[nodiscard]] L1Result<Uint256> balance(const Address& account) override;
    [[nodiscard]] L1Result<Hash> send_raw_transaction(ByteView wire) override;
    [[nodiscard]] L1Result<std::optional<L1Receipt>> receipt(const Hash& tx_hash) override;
    [[nodiscard]] L1Result<std::vector<InboxEntry>> batches(std::uint64_t from_l1_block,
                                                            std::uint64_t to_l1_block) override;
    [[nodiscard]] L1Result<std::vector<OutputProposal>> outputs(std::uint64_t from_index,
                                                                std::uint64_t max) override;
    [[nodiscard]] L1Result<std::vector<DisputeGame>> games(std::uint64_t from_id, std::uint64_t max) override;
    [[nodiscard]] L1Result<std::optional<DisputeGame>> game(std::uint64_t id) override;
    [[nodiscard]] L1Result<Uint256> credit(const Address& account) override;
    [[nodiscard]] L1Result<L1Head> mine() override;

private:
    [[nodiscard]] L1Result<nlohmann::json> call(std::string_view method, nlohmann::json params);

    std::mutex mutex_;
    rpc::HttpClient client_;
};

}  // namespace optimist::l1
