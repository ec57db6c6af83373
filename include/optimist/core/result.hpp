// Result<T, E>: the value-or-error type every module returns at its boundaries.
//
// C++20 has no std::expected, and the core must not throw (STYLE.md: deterministic,
// exception-free core), so decoders, validators and stores return Result. E is usually a
// module's error enum (RlpError, HexError, ...), which keeps the happy path allocation-free.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace optimist {

// Wraps an error so that Result<T, E> can be built from it even when T and E convert
// to each other.
template <typename E>
struct Failure {
    E error;
};

template <typename E>
[[nodiscard]] constexpr Failure<std::decay_t<E>> fail(E&& error) {
    return Failure<std::decay_t<E>>{std::forward<E>(error)};
}

template <typename T, typename E>
class [[nodiscard]] Result {
public:
    using value_type = T;
    using error_type = E;

    constexpr Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
    template <typename F>
        requires std::is_convertible_v<F, E>
    constexpr Result(Failure<F> f) : v_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT

    [[nodiscard]] constexpr bool ok() const noexcept { return v_.index() == 0; }
    constexpr explicit operator bool() const noexcept { return ok(); }

    // REQUIRES: ok().
    constexpr T& value() & { assert(ok()); return *std::get_if<0>(&v_); }
    constexpr const T& value() const& { assert(ok()); return *std::get_if<0>(&v_); }
    constexpr T&& value() && { assert(ok()); return std::move(*std::get_if<0>(&v_)); }
    constexpr T& operator*() & { return value(); }
    constexpr const T& operator*() const& { return value(); }
    constexpr T* operator->() { return &value(); }
    constexpr const T* operator->() const { return &value(); }

    // REQUIRES: !ok().
    constexpr const E& error() const { assert(!ok()); return *std::get_if<1>(&v_); }

    template <typename U>
    constexpr T value_or(U&& fallback) const& {
        return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, E> v_;
};

// Result<void, E>: success carries nothing.
template <typename E>
class [[nodiscard]] Result<void, E> {
public:
    constexpr Result() = default;
    template <typename F>
        requires std::is_convertible_v<F, E>
    constexpr Result(Failure<F> f) : has_error_(true), error_(std::move(f.error)) {}  // NOLINT

    [[nodiscard]] constexpr bool ok() const noexcept { return !has_error_; }
    constexpr explicit operator bool() const noexcept { return ok(); }
    constexpr const E& error() const { assert(!ok()); return error_; }

private:
    bool has_error_ = false;
    E error_{};
};

template <typename E>
using Status = Result<void, E>;

}  // namespace optimist
