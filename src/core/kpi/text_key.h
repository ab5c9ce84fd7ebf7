// The segment key of a text (kpi-rules.md, "Segments" and "Segment keys are
// Unicode-equal"): all Unicode white space trimmed at both ends, then
//
//   key = NFC(fold(NFC(text)))
//
// with fold = Unicode default full case folding (CaseFolding.txt, statuses C
// and F; ICU's u_strFoldCase with U_FOLD_CASE_DEFAULT). No host locale is
// involved, so the key is the same on every machine:
//  - NFC first: "Müller" with a combining diaeresis (NFD) and "Müller" (NFC)
//    fold alike (folding is defined on canonically equivalent input only up
//    to the order of combining marks, e.g. U+0345);
//  - full folding: "STRASSE", "Straße" and "STRAẞE" are one key ("strasse"),
//    as the upper case of ß is SS; ligatures fold too (U+FB01 "ﬁ" -> "fi");
//  - NFC again: folding can leave a decomposed sequence (U+1E96 -> h U+0331),
//    so the key itself is NFC;
//  - default (not Turkic) folding: I and i are one key, dotless ı stays a
//    letter of its own, İ (U+0130) folds to i U+0307 (i with a combining dot),
//    not to i.
// ASCII text costs no ICU call: its key is the text in ASCII lower case.
#pragma once

#include <string_view>
#include <vector>

namespace qkpi {

// Unicode White_Space (PropList.txt), U+00A0 included.
bool isWhiteSpace(char16_t c);
std::u16string_view trimWhiteSpace(std::u16string_view t);

// Computes text keys into buffers it keeps, so that computing many keys
// allocates nothing once the buffers are large enough. Not thread-safe: one
// per thread (or per call).
class TextKeyer {
 public:
  // The key of `text` (trimmed here); empty for a blank text. The view is
  // valid until the next call. Throws std::runtime_error when ICU fails.
  std::u16string_view key(std::u16string_view text);

 private:
  std::vector<char16_t> a_, b_;
};

}  // namespace qkpi
