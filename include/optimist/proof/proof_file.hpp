// The exported one-step proof (`optimist-challenger --proof-dir`, `optimist proof verify`):
// everything needed to check a step offline — the chain rules, the disputed block's inputs
// (as the L1 data derived them), the agreed commitment before the step, the commitment the
// other side claimed after it, and the proof itself.
//
// Format (docs/protocol.md, "Proof files"): "OPSF", version 1, chain id, gas limit, fee
// recipient, block number, timestamp, transaction count and each transaction's wire
// encoding with its sender, the pre commitment, the claimed post commitment, the proof bytes.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/proof/block_inputs.hpp>
#include <optimist/proof/one_step.hpp>

#include <string>

namespace optimist::proof {

struct ProofFile {
    ChainRules rules;
    BlockInputs inputs;
    Hash pre;
    Hash claimed_post;
    Bytes proof;  // encode_step_proof
};

[[nodiscard]] Bytes encode_proof_file(const ProofFile& f);
[[nodiscard]] Result<ProofFile, std::string> decode_proof_file(ByteView in);

// The outcome of checking a proof file.
struct ProofCheck {
    Hash post;             // the commitment the step gives
    bool refutes = false;  // post differs from the claimed post: the claim is wrong
};
// Errors: the file or the proof is malformed, or the proof does not open the pre commitment.
[[nodiscard]] Result<ProofCheck, std::string> check_proof_file(const ProofFile& f);

}  // namespace optimist::proof
