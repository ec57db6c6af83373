// Offline check of an exported one-step proof file.
#include "proof_check.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/proof/proof_file.hpp>
#include <optimist/proof/step_state.hpp>

#include <sstream>

namespace optimist::cli {

namespace {

std::string_view phase_name(proof::Phase p) {
    switch (p) {
        case proof::Phase::block:
            return "block";
        case proof::Phase::evm:
            return "evm";
        case proof::Phase::done:
            return "done";
        case proof::Phase::commit:
            return "commit";
    }
    return "unknown";
}

}  // namespace

std::string describe_phase(const proof::StepProof& p) {
    auto state = proof::decode_step_state(p.pre_state);
    if (!state) return {};
    std::string s = "phase " + std::string(phase_name(state->phase));
    switch (state->phase) {
        case proof::Phase::block:
            s += ": transaction setup";
            break;
        case proof::Phase::done:
            s += ": refund, fees and receipt";
            break;
        case proof::Phase::commit:
            s += ": write one dirty entry to the state trie";
            break;
        case proof::Phase::evm:
            // The top frame is the last revealed one; its code comes with it.
            if (!p.frames.empty()) {
                const proof::FrameCommitment& top = p.frames.back();
                s += ", depth " + std::to_string(top.depth) + ", pc " + std::to_string(top.pc);
                if (top.halted) {
                    s += ": frame exit";
                } else if (p.frame_code.size() == p.frames.size() && top.pc < p.frame_code.back().size()) {
                    const std::uint8_t op = p.frame_code.back()[top.pc];
                    const std::string_view name = evm::kOpTable[op].name;
                    s += ": " + (name.empty() ? "opcode " + to_hex(ByteView(&op, 1)) : std::string(name));
                }
            }
            break;
    }
    return s;
}

std::string describe_step(const proof::StepProof& p) {
    switch (p.kind) {
        case proof::StepKind::block_setup:
            return "block setup (output root of the parent -> state before transaction 0)";
        case proof::StepKind::block_finalize:
            return "block finalization (state after the last transaction -> output root)";
        case proof::StepKind::transaction:
            break;
    }
    std::string s = "step of transaction " + std::to_string(p.tx_index);
    const std::string phase = describe_phase(p);
    return phase.empty() ? s : s + " (" + phase + ")";
}

Result<ProofFileReport, std::string> check_proof_bytes(ByteView file) {
    auto decoded = proof::decode_proof_file(file);
    if (!decoded) return fail(decoded.error());
    const proof::ProofFile& f = *decoded;
    auto step = proof::decode_step_proof(f.proof);
    if (!step) return fail("the step proof does not decode: " + step.error());
    auto check = proof::check_proof_file(f);
    if (!check) return fail("the proof does not verify: " + check.error());
    ProofFileReport r;
    r.chain_id = f.rules.chain_id;
    r.gas_limit = f.rules.gas_limit;
    r.fee_recipient = f.rules.fee_recipient;
    r.l2_block = f.inputs.number;
    r.timestamp = f.inputs.timestamp;
    r.tx_count = f.inputs.txs.size();
    r.kind = step->kind;
    if (step->kind == proof::StepKind::transaction) r.tx_index = step->tx_index;
    r.step = describe_step(*step);
    r.pre = f.pre;
    r.claimed_post = f.claimed_post;
    r.post = check->post;
    r.refutes = check->refutes;
    r.file_bytes = file.size();
    r.proof_bytes = f.proof.size();
    return r;
}

std::string format_proof_report(const ProofFileReport& r) {
    std::ostringstream out;
    out << "L2 block       " << r.l2_block << " (timestamp " << r.timestamp << ", " << r.tx_count
        << " transactions; chain id " << r.chain_id << ", gas limit " << r.gas_limit << ")\n"
        << "step           " << r.step << "\n"
        << "proof          " << r.proof_bytes << " bytes (file " << r.file_bytes << " bytes)\n"
        << "pre            " << to_hex(r.pre.view()) << "\n"
        << "computed post  " << to_hex(r.post.view()) << "\n"
        << "claimed post   " << to_hex(r.claimed_post.view()) << "\n"
        << (r.refutes ? "REFUTES the claim: the step gives a different commitment than the one claimed\n"
                      : "CONFIRMS the claim: the step gives the claimed commitment\n");
    return out.str();
}

}  // namespace optimist::cli
