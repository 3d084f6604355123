#include "app/password.h"

#include <sodium.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace minsheng::app {
namespace {

void EnsureSodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string ToHex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Fail(Error::Internal("密码哈希计算失败（内存不足）"));
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureSodium();
  std::string h(hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string RandomHex(std::size_t bytes) {
  EnsureSodium();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return ToHex(buf.data(), buf.size());
}

std::string DigestHex(std::string_view text) {
  EnsureSodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     nullptr, 0);
  return ToHex(digest, sizeof digest);
}

std::string NewReceiptCode() {
  EnsureSodium();
  // One draw of random bytes per code (randombytes_uniform per character was a getrandom() system call each,
  // twelve per intake on the writer thread); a byte at or above the largest multiple of the alphabet's size is
  // skipped so that every character stays equally likely.
  constexpr unsigned kSize = kReceiptAlphabet.size();
  constexpr unsigned kLimit = 256 - 256 % kSize;
  std::string code;
  code.reserve(kReceiptLength);
  unsigned char bytes[32];
  while (code.size() < kReceiptLength) {
    randombytes_buf(bytes, sizeof bytes);
    for (unsigned char b : bytes) {
      if (b >= kLimit) continue;
      code += kReceiptAlphabet[b % kSize];
      if (code.size() == kReceiptLength) break;
    }
  }
  return code;
}

std::optional<std::string> AsReceiptCode(std::string_view text) {
  if (text.size() != kReceiptLength) return std::nullopt;
  std::string code;
  for (char c : text) {
    const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (kReceiptAlphabet.find(upper) == std::string_view::npos) return std::nullopt;
    code += upper;
  }
  return code;
}

}  // namespace minsheng::app
