// Password hashing (argon2id, libsodium) and random secrets.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace minsheng::app {

// An argon2id hash string (salt and parameters included) of `password`.
Result<std::string> HashPassword(std::string_view password);
// Whether `password` matches `hash` (constant time). A malformed hash never matches.
bool VerifyPassword(std::string_view hash, std::string_view password);
// `bytes` random bytes as lowercase hex.
std::string RandomHex(std::size_t bytes);
// Lowercase hex of the BLAKE2b-256 digest of `text`.
std::string DigestHex(std::string_view text);
// The receipt codes' alphabet, in ASCII order, without look-alikes (no 0/O, 1/I/L), and their length.
inline constexpr std::string_view kReceiptAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kReceiptLength = 12;
// A random receipt code: kReceiptLength characters of kReceiptAlphabet, ~60 bits.
std::string NewReceiptCode();
// `text` as a receipt code (upper-cased) if it could be one: 12 characters of that alphabet, any case.
std::optional<std::string> AsReceiptCode(std::string_view text);

}  // namespace minsheng::app
