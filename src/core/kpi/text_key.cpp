// Text keys with ICU (see text_key.h). Only ICU's C API is used (unorm2,
// u_strFoldCase): stable across ICU versions, no C++ ABI to match.
#include "kpi/text_key.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <stdexcept>
#include <string>

namespace qkpi {
namespace {

static_assert(sizeof(UChar) == sizeof(char16_t));

const UNormalizer2* nfc() {
  static const UNormalizer2* n = [] {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2* p = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err) || !p) throw std::runtime_error(std::string("ICU NFC: ") + u_errorName(err));
    return p;
  }();
  return n;
}

[[noreturn]] void icuFailed(const char* what, UErrorCode err) {
  throw std::runtime_error(std::string("segment key: ICU ") + what + ": " + u_errorName(err));
}

// Runs an ICU "write into dest, return the needed length" function into buf,
// growing buf once on overflow. Returns the length written.
template <typename F>
std::size_t intoBuffer(std::vector<char16_t>& buf, std::size_t guess, const char* what, F&& f) {
  if (buf.size() < guess) buf.resize(guess);
  UErrorCode err = U_ZERO_ERROR;
  int32_t n = f(reinterpret_cast<UChar*>(buf.data()), static_cast<int32_t>(buf.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    buf.resize(static_cast<std::size_t>(n));
    err = U_ZERO_ERROR;
    n = f(reinterpret_cast<UChar*>(buf.data()), static_cast<int32_t>(buf.size()), &err);
  }
  if (U_FAILURE(err)) icuFailed(what, err);
  return static_cast<std::size_t>(n);
}

// NFC of s: s itself when it is already NFC (the usual case, no copy), else
// the normalised text in buf.
std::u16string_view toNfc(std::u16string_view s, std::vector<char16_t>& buf) {
  const UNormalizer2* n = nfc();
  const auto* src = reinterpret_cast<const UChar*>(s.data());
  const auto len = static_cast<int32_t>(s.size());
  UErrorCode err = U_ZERO_ERROR;
  int32_t yes = unorm2_spanQuickCheckYes(n, src, len, &err);
  if (U_FAILURE(err)) icuFailed("NFC check", err);
  if (yes == len) return s;
  std::size_t out = intoBuffer(
      buf, s.size() + s.size() / 2 + 4, "NFC",
      [&](UChar* d, int32_t cap, UErrorCode* e) { return unorm2_normalize(n, src, len, d, cap, e); });
  return {buf.data(), out};
}

}  // namespace

bool isWhiteSpace(char16_t c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::u16string_view trimWhiteSpace(std::u16string_view t) {
  while (!t.empty() && isWhiteSpace(t.front())) t.remove_prefix(1);
  while (!t.empty() && isWhiteSpace(t.back())) t.remove_suffix(1);
  return t;
}

std::u16string_view TextKeyer::key(std::u16string_view text) {
  std::u16string_view t = trimWhiteSpace(text);
  bool ascii = true;
  for (char16_t c : t) ascii &= c < 0x80;
  if (ascii) {  // NFC and folding of ASCII: ASCII lower case
    if (a_.size() < t.size()) a_.resize(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
      char16_t c = t[i];
      a_[i] = (c >= u'A' && c <= u'Z') ? static_cast<char16_t>(c + 0x20) : c;
    }
    return {a_.data(), t.size()};
  }
  // NFC into a_ (or t itself), fold into b_, NFC into a_ (or b_ itself).
  std::u16string_view composed = toNfc(t, a_);
  const auto* src = reinterpret_cast<const UChar*>(composed.data());
  const auto len = static_cast<int32_t>(composed.size());
  std::size_t folded = intoBuffer(b_, composed.size() + composed.size() / 2 + 4, "case folding",
                                  [&](UChar* d, int32_t cap, UErrorCode* e) {
                                    return u_strFoldCase(d, cap, src, len, U_FOLD_CASE_DEFAULT, e);
                                  });
  return toNfc({b_.data(), folded}, a_);
}

}  // namespace qkpi
