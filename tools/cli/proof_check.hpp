// `optimist proof verify`: checks an exported one-step proof file (proof::ProofFile, written by
// `optimist-challenger run --proof-dir`) offline and describes what it proves. A library
// function so tests/cli can feed it real, tampered and truncated files.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/proof/one_step.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace optimist::cli {

struct ProofFileReport {
    std::uint64_t chain_id = 0;
    std::uint64_t gas_limit = 0;
    Address fee_recipient;
    std::uint64_t l2_block = 0;
    std::uint64_t timestamp = 0;
    std::size_t tx_count = 0;
    proof::StepKind kind = proof::StepKind::transaction;
    std::optional<std::uint64_t> tx_index;  // transaction steps only
    std::string step;                       // describe_step()
    Hash pre;                               // the agreed commitment before the step
    Hash claimed_post;                      // what the other side claimed after it
    Hash post;                              // what the step gives
    bool refutes = false;                   // post != claimed_post
    std::size_t file_bytes = 0;
    std::size_t proof_bytes = 0;
};

// Decodes and verifies a proof file. Errors say why the file does not verify: it is not a
// proof file (bad magic), is truncated or malformed, or its proof does not open the pre
// commitment or lacks a witness the step reads.
[[nodiscard]] Result<ProofFileReport, std::string> check_proof_bytes(ByteView file);

// What a step proof is about, for people: "block setup ...", "block finalization ...", or
// "step of transaction 2 (phase evm, depth 0, pc 17: SSTORE)".
[[nodiscard]] std::string describe_step(const proof::StepProof& p);
// The part in parentheses for a transaction step: the phase of the pre-step state and, inside
// the EVM, the top frame's depth, pc and opcode. Empty when the pre-state does not decode.
[[nodiscard]] std::string describe_phase(const proof::StepProof& p);

// The report as the lines `optimist proof verify` prints, ending with "REFUTES the claim" or
// "CONFIRMS the claim".
[[nodiscard]] std::string format_proof_report(const ProofFileReport& r);

int run_proof(const std::vector<std::string>& args);

}  // namespace optimist::cli
