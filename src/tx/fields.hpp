// The field layout shared by encoding and the signing hash (codec.hpp, signing.hpp).
#pragma once

#include <optimist/core/rlp.hpp>
#include <optimist/tx/transaction.hpp>

namespace optimist::tx::detail {

// Appends, into an open list, every field of `t` that precedes the signature, in the order
// of its type: legacy [nonce, gasPrice, gas, to, value, data]; EIP-2930 prefixes chainId and
// appends accessList; EIP-1559 splits the price into maxPriorityFee, maxFee; EIP-4844 adds
// maxFeePerBlobGas and blobVersionedHashes.
void append_unsigned_fields(rlp::Encoder& out, const Transaction& t);

}  // namespace optimist::tx::detail
