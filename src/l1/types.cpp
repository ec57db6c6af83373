#include <optimist/l1/types.hpp>

namespace optimist::l1 {

std::string_view to_string(L1ErrorKind kind) noexcept {
    switch (kind) {
        case L1ErrorKind::rejected:
            return "rejected";
        case L1ErrorKind::unavailable:
            return "unavailable";
        case L1ErrorKind::internal:
            return "internal";
    }
    return "unknown";
}

std::string_view to_string(OutputStatus status) noexcept {
    switch (status) {
        case OutputStatus::proposed:
            return "proposed";
        case OutputStatus::finalized:
            return "finalized";
        case OutputStatus::invalidated:
            return "invalidated";
    }
    return "unknown";
}

std::optional<OutputStatus> parse_output_status(std::string_view text) noexcept {
    if (text == "proposed") return OutputStatus::proposed;
    if (text == "finalized") return OutputStatus::finalized;
    if (text == "invalidated") return OutputStatus::invalidated;
    return std::nullopt;
}

}  // namespace optimist::l1
