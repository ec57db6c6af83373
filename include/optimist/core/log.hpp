// Log: the record LOG0..LOG4 emit. One type shared by the state journal (state::StateView),
// the EVM and receipts (tx::Receipt), so logs move between them without conversion.
#pragma once

#include <optimist/core/bytes.hpp>

#include <vector>

namespace optimist {

struct Log {
    Address address;
    std::vector<Hash> topics;
    Bytes data;
    friend bool operator==(const Log&, const Log&) = default;
};

}  // namespace optimist
