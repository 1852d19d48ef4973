// Result<T>: a value or an eks::Error (C++20 has no std::expected). std::optional means "absent";
// a Result error means "could not tell". Model: ccache util/expected.hpp.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "lib/util/error.hpp"

namespace eks {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(m_v); }
  const T& value() const& { assert(ok()); return std::get<0>(m_v); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(m_v)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(m_v); }
  Error&& take_error() { assert(!ok()); return std::get<1>(std::move(m_v)); }

 private:
  std::variant<T, Error> m_v;
};

// Result<void>
struct Ok {};
using Status = Result<Ok>;

}  // namespace eks

// TRY(expr): evaluates a Result or Status; on an error, returns that error from the enclosing
// function (which returns a Result or Status). TRY_ASSIGN(decl, expr): the same, and on success
// declares `decl` (e.g. `auto loaded`, `std::string text`) from the value. They replace the
// hand-written `if (!x) { return x.take_error(); }`. Model: ccache util/expected.hpp (TRY).
#define EKS_TRY_CONCAT_(a_, b_) a_##b_
#define EKS_TRY_NAME_(line_) EKS_TRY_CONCAT_(eks_try_result_, line_)
#define TRY(expr_)                      \
  do {                                  \
    auto eks_try_result_ = (expr_);     \
    if (!eks_try_result_) {             \
      return eks_try_result_.take_error(); \
    }                                   \
  } while (false)
#define TRY_ASSIGN(decl_, expr_) EKS_TRY_ASSIGN_(EKS_TRY_NAME_(__LINE__), decl_, expr_)
#define EKS_TRY_ASSIGN_(tmp_, decl_, expr_) \
  auto tmp_ = (expr_);                      \
  if (!tmp_) {                              \
    return tmp_.take_error();               \
  }                                         \
  decl_ = std::move(*tmp_)
