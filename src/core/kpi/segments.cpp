// Segment keys and the per-row segment index (see segments.h).
//
// Case folding without ICU: ASCII is folded directly; any other code point c
// becomes towlower(towupper(c)) in glibc's built-in C.UTF-8 locale, which
// carries the full Unicode simple case mappings (so ς/σ/Σ, ſ/s, Ä/ä, Ω/ω/Ohm
// sign, Kelvin sign/k and ß/ẞ match).
#include "kpi/segments.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_map>

namespace qkpi {
namespace {

// Unicode White_Space (PropList.txt).
bool isWhiteSpace(char16_t c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::u16string_view trim(std::u16string_view t) {
  while (!t.empty() && isWhiteSpace(t.front())) t.remove_prefix(1);
  while (!t.empty() && isWhiteSpace(t.back())) t.remove_suffix(1);
  return t;
}

locale_t utf8Locale() {
  static const locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    if (!l) l = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", static_cast<locale_t>(nullptr));
    return l;  // nullptr: only ASCII is folded
  }();
  return loc;
}

char32_t foldCodePoint(char32_t c) {
  if (c < 0x80) return (c >= u'A' && c <= u'Z') ? c + 0x20 : c;
  locale_t loc = utf8Locale();
  if (!loc) return c;
  wint_t upper = towupper_l(static_cast<wint_t>(c), loc);
  return static_cast<char32_t>(towlower_l(upper, loc));
}

void appendCodePoint(std::u16string& out, char32_t c) {
  if (c < 0x10000) {
    out.push_back(static_cast<char16_t>(c));
  } else {
    c -= 0x10000;
    out.push_back(static_cast<char16_t>(0xD800 + (c >> 10)));
    out.push_back(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
  }
}

std::u16string foldText(std::u16string_view t) {
  std::u16string out;
  out.reserve(t.size());
  bool ascii = std::all_of(t.begin(), t.end(), [](char16_t c) { return c < 0x80; });
  if (ascii) {
    for (char16_t c : t) out.push_back((c >= u'A' && c <= u'Z') ? static_cast<char16_t>(c + 0x20) : c);
    return out;
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    char32_t c = t[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < t.size() && t[i + 1] >= 0xDC00 && t[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (t[i + 1] - 0xDC00);
      ++i;
    }
    // A lone surrogate is kept as it is (towupper leaves it unchanged anyway).
    appendCodePoint(out, (c >= 0xD800 && c <= 0xDFFF) ? c : foldCodePoint(c));
  }
  return out;
}

double normalized(double v) {
  return v == 0 ? 0.0 : v;
}  // -0 -> 0

std::u16string numberKey(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, normalized(v));
  return std::u16string(buf, res.ptr);  // ASCII only
}

std::u16string textKey(std::u16string_view t) {
  return foldText(trim(t));
}

// Code point order of two UTF-16 strings (plain code unit order puts
// U+E000..U+FFFF after the supplementary planes).
bool codePointLess(std::u16string_view a, std::u16string_view b) {
  auto rank = [](char16_t u) -> unsigned {
    if (u < 0xD800) return u;
    return u >= 0xE000 ? u - 0x800u : u + 0x2000u;
  };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char16_t x, char16_t y) { return rank(x) < rank(y); });
}

// The single cell of a Segment argument; nullptr when not given.
const Cell* segmentCell(const Arg& segment) {
  if (segment.notGiven()) return nullptr;
  if (segment.isTable() || segment.rows() != 1 || segment.cols() != 1)
    throw ArgumentError("Segment: expects one value (a customer, site ...), not a range");
  const Cell& c = segment.cell(0, 0);
  return c.isBlankText() ? nullptr : &c;
}

}  // namespace

std::u16string segmentKey(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Empty:
      return {};
    case Cell::Kind::Number:
      return numberKey(c.number);
    case Cell::Kind::Text:
      return textKey(c.text);
  }
  return {};
}

SegmentIndex::SegmentIndex(const Arg& segments, std::size_t tableRows, std::string_view what) {
  std::string name(what);
  if (segments.isOmitted()) throw ArgumentError(name + ": is required");
  if (segments.isTable()) throw ArgumentError(name + ": expects a range of cells");
  if (segments.cols() != 1) throw ArgumentError(name + ": expects one column");
  if (segments.rows() != tableRows)
    throw ArgumentError(name + ": has " + std::to_string(segments.rows()) + " rows, the table has " +
                        std::to_string(tableRows));

  // Segments in order of first appearance, renumbered into SEGMENTS order below.
  struct Found {
    std::u16string key;
    OutCell display;
    bool numeric = false;  // some cell of the segment is a number
    double value = 0;
  };
  std::vector<Found> found;
  std::unordered_map<std::u16string, int> idByKey;
  // Caches: keys are computed once per distinct raw value. Text views point
  // into the caller's storage, valid for this constructor.
  std::unordered_map<std::u16string_view, int> idByText;
  std::unordered_map<double, int> idByNumber;

  auto intern = [&](std::u16string&& key, const Cell& c) -> int {
    auto [it, added] = idByKey.try_emplace(std::move(key), static_cast<int>(found.size()));
    if (added) {
      Found f;
      f.key = it->first;
      if (c.isNumber())
        f.display = normalized(c.number);
      else
        f.display = std::u16string(trim(c.text));
      found.push_back(std::move(f));
    }
    return it->second;
  };

  rowIds_.resize(tableRows);
  const Cell* prev = nullptr;
  for (std::size_t r = 0; r < tableRows; ++r) {
    const Cell& c = segments.cell(r, 0);
    int id = kBlank;
    if (prev && prev->kind == c.kind &&
        (c.isEmpty() || (c.isNumber() && prev->number == c.number) || (c.isText() && prev->text == c.text))) {
      id = rowIds_[r - 1];
    } else if (c.isNumber()) {
      double v = normalized(c.number);
      if (std::isnan(v)) {
        id = intern(numberKey(v), c);
      } else if (auto it = idByNumber.find(v); it != idByNumber.end()) {
        id = it->second;
      } else {
        id = intern(numberKey(v), c);
        idByNumber.emplace(v, id);
        found[id].numeric = true;
        found[id].value = v;
      }
    } else if (c.isText()) {
      if (auto it = idByText.find(c.text); it != idByText.end()) {
        id = it->second;
      } else {
        std::u16string key = textKey(c.text);
        id = key.empty() ? kBlank : intern(std::move(key), c);
        idByText.emplace(c.text, id);
      }
    }
    rowIds_[r] = id;
    if (id == kBlank) anyBlank_ = true;
    prev = &c;
  }

  // SEGMENTS order: numbers ascending, then text by key.
  std::vector<int> order(found.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const Found& x = found[a];
    const Found& y = found[b];
    if (x.numeric != y.numeric) return x.numeric;
    if (x.numeric && x.value != y.value) return x.value < y.value;
    return codePointLess(x.key, y.key);
  });
  std::vector<int> newId(found.size());
  display_.reserve(found.size());
  keys_.reserve(found.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    newId[order[i]] = static_cast<int>(i);
    display_.push_back(std::move(found[order[i]].display));
    keys_.push_back(std::move(found[order[i]].key));
  }
  for (int& id : rowIds_)
    if (id != kBlank) id = newId[id];
}

std::optional<int> SegmentIndex::find(const Cell& segment) const {
  std::u16string key = segmentKey(segment);
  if (key.empty()) return std::nullopt;
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return static_cast<int>(i);
  return std::nullopt;
}

SegmentFilter::SegmentFilter(const Arg& segments, const Arg& segment, std::size_t tableRows) {
  const Cell* wanted = segmentCell(segment);
  if (segments.notGiven()) {
    if (wanted) throw ArgumentError("Segment: needs Segments (the column of customers, sites ...)");
    return;
  }
  index_.emplace(segments, tableRows, "Segments");
  if (!wanted) return;
  all_ = false;
  target_ = index_->find(*wanted);
}

}  // namespace qkpi
