// Segment keys and the per-row segment index (see segments.h); the text key
// itself (trim, NFC, case folding with ICU) is in text_key.cpp.
#include "kpi/segments.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_map>

#include "kpi/text_key.h"

namespace qkpi {
namespace {

double normalized(double v) {
  return v == 0 ? 0.0 : v;
}  // -0 -> 0

// The shortest decimal text of a number, written into buf (ASCII).
std::string_view numberText(double v, std::array<char, 64>& buf) {
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), normalized(v));
  return {buf.data(), static_cast<std::size_t>(res.ptr - buf.data())};
}

std::u16string numberKey(double v) {
  std::array<char, 64> buf{};
  std::string_view t = numberText(v, buf);
  return {t.begin(), t.end()};
}

bool isAscii(std::u16string_view t) {
  bool ascii = true;
  for (char16_t c : t) ascii &= c < 0x80;
  return ascii;
}

// ASCII text t (trimmed) against a key: its key is its ASCII lower case.
bool asciiKeyEquals(std::u16string_view t, std::u16string_view key) {
  if (t.size() != key.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    char16_t c = t[i];
    if (((c >= u'A' && c <= u'Z') ? static_cast<char16_t>(c + 0x20) : c) != key[i]) return false;
  }
  return true;
}

bool asciiEquals(std::string_view a, std::u16string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
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

// The shape rules of a Segments argument (the same for every function).
void checkSegments(const Arg& segments, std::size_t tableRows, std::string_view what) {
  std::string name(what);
  if (segments.isOmitted()) throw ArgumentError(name + ": is required");
  if (segments.isTable()) throw ArgumentError(name + ": expects a range of cells");
  if (segments.cols() != 1) throw ArgumentError(name + ": expects one column");
  if (segments.rows() != tableRows)
    throw ArgumentError(name + ": has " + std::to_string(segments.rows()) + " rows, the table has " +
                        std::to_string(tableRows));
}

// Does a cell's segment key equal one given key? Row by row, without
// building keys for the common cases and without a heap allocation per row:
//  - a number against the key: two numbers have the same shortest-decimal
//    key exactly when they are equal doubles (-0 = 0), so the number is
//    compared by value with the number the key spells, if any;
//  - an ASCII text: its key is its ASCII lower case, compared in place;
//  - any other text: its key is built in reused buffers (ICU), and the
//    verdict is remembered by the text's address for the rest of the call
//    (Calc hands equal strings of a range as one shared string, so a
//    repeated non-ASCII customer costs one ICU call).
class KeyMatcher {
 public:
  explicit KeyMatcher(const Cell& target) {
    if (target.isNumber()) {
      key_ = numberKey(target.number);
      if (!std::isnan(target.number)) number_ = normalized(target.number);
    } else if (target.isText()) {
      key_ = std::u16string(keyer_.key(target.text));
      number_ = spelledNumber(key_);
    }
  }
  bool blankTarget() const { return key_.empty(); }

  bool matches(const Cell& c) {
    switch (c.kind) {
      case Cell::Kind::Empty:
        return false;
      case Cell::Kind::Number: {
        if (std::isnan(c.number)) {  // NaN is not equal to itself: compare its text
          std::array<char, 64> buf{};
          return asciiEquals(numberText(c.number, buf), key_);
        }
        return number_ && normalized(c.number) == *number_;
      }
      case Cell::Kind::Text:
        return textMatches(c.text);
    }
    return false;
  }

 private:
  // The number whose shortest decimal text is `key`, if there is one.
  static std::optional<double> spelledNumber(std::u16string_view key) {
    if (key.empty() || key.size() > 40 || !isAscii(key)) return std::nullopt;
    std::array<char, 64> in{};
    std::copy(key.begin(), key.end(), in.begin());
    double d = 0;
    auto res = std::from_chars(in.data(), in.data() + key.size(), d);
    if (res.ec != std::errc() || res.ptr != in.data() + key.size() || std::isnan(d)) return std::nullopt;
    std::array<char, 64> out{};
    if (!asciiEquals(numberText(d, out), key)) return std::nullopt;
    return normalized(d);
  }

  bool textMatches(std::u16string_view text) {
    std::u16string_view t = trimWhiteSpace(text);
    if (t.empty()) return false;
    if (isAscii(t)) return asciiKeyEquals(t, key_);
    if (cache_.empty()) cache_.resize(kSlots);  // once, at the first non-ASCII row
    Slot& s = cache_[slotOf(text)];
    if (s.data == text.data() && s.size == text.size()) return s.match;
    bool match = keyer_.key(t) == std::u16string_view(key_);
    s = {text.data(), text.size(), match};
    return match;
  }

  // A direct-mapped cache of verdicts by text address and length: a few
  // hundred distinct customers fit; more distinct texts only cost ICU calls.
  struct Slot {
    const char16_t* data = nullptr;
    std::size_t size = 0;
    bool match = false;
  };
  static constexpr unsigned kSlotBits = 12;
  static constexpr std::size_t kSlots = std::size_t{1} << kSlotBits;
  static std::size_t slotOf(std::u16string_view t) {
    std::uint64_t h = (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(t.data())) ^ t.size()) *
                      0x9E3779B97F4A7C15ull;  // Fibonacci hashing: the top bits
    return static_cast<std::size_t>(h >> (64 - kSlotBits));
  }

  std::u16string key_;
  std::optional<double> number_;
  TextKeyer keyer_;
  std::vector<Slot> cache_;
};

}  // namespace

std::u16string segmentKey(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Empty:
      return {};
    case Cell::Kind::Number:
      return numberKey(c.number);
    case Cell::Kind::Text: {
      TextKeyer keyer;
      return std::u16string(keyer.key(c.text));
    }
  }
  return {};
}

SegmentIndex::SegmentIndex(const Arg& segments, std::size_t tableRows, std::string_view what) {
  checkSegments(segments, tableRows, what);

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
  TextKeyer keyer;

  auto intern = [&](std::u16string_view key, const Cell& c) -> int {
    auto [it, added] = idByKey.try_emplace(std::u16string(key), static_cast<int>(found.size()));
    if (added) {
      Found f;
      f.key = it->first;
      if (c.isNumber())
        f.display = normalized(c.number);
      else
        f.display = std::u16string(trimWhiteSpace(c.text));
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
        std::u16string_view key = keyer.key(c.text);
        id = key.empty() ? kBlank : intern(key, c);
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
  checkSegments(segments, tableRows, "Segments");
  if (!wanted) return;
  all_ = false;
  kept_.assign(tableRows, 0);
  KeyMatcher matcher(*wanted);
  if (matcher.blankTarget()) return;  // white space only: blank rows are in no segment
  for (std::size_t r = 0; r < tableRows; ++r) kept_[r] = matcher.matches(segments.cell(r, 0)) ? 1 : 0;
}

}  // namespace qkpi
