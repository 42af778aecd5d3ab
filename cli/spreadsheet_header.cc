#include "cli/spreadsheet_header.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/excel_cell.h"
#include "common/utf8.h"

namespace penataan::cli {
namespace {

// Non-ASCII characters a header may hold that are not part of its name: the
// no-break space Excel keeps from pasted web text, the general punctuation
// block (typographic dashes and quotes, zero-width spaces), the ideographic space
// and a stray byte-order mark.
bool IsSpaceOrPunctuation(absl::string_view ch) {
  if (ch == "\xC2\xA0" || ch == "\xE3\x80\x80" || ch == "\xEF\xBB\xBF") return true;
  // U+2000-U+206F: E2 80 80 to E2 81 AF.
  return ch.size() == 3 && ch[0] == '\xE2' && (ch[1] == '\x80' || ch[1] == '\x81');
}

std::string Trimmed(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

}  // namespace

std::string HeaderKey(absl::string_view name) {
  std::string key;
  for (size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (absl::ascii_isalnum(c)) key.push_back(absl::ascii_tolower(c));
      ++i;
      continue;
    }
    const absl::string_view ch = name.substr(i, Utf8SequenceLength(c));
    if (!IsSpaceOrPunctuation(ch)) key.append(ch.data(), ch.size());
    i += ch.size();
  }
  return key;
}

ColumnSpec RowNumberColumn() {
  return {"no", {"No.", "Nomor", "No Urut", "Nomor Urut"}, false, true};
}

SpreadsheetHeader::SpreadsheetHeader(const std::vector<std::string>& cells,
                                     const std::vector<ColumnSpec>& spec, UnknownColumns unknown,
                                     std::vector<std::string>& errors)
    : cells_(cells) {
  absl::flat_hash_map<std::string, const ColumnSpec*> by_key;
  for (const ColumnSpec& s : spec) {
    by_key.emplace(HeaderKey(s.field), &s);
    for (const std::string& name : s.names) by_key.emplace(HeaderKey(name), &s);
  }
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string key = HeaderKey(cells[i]);
    // A column without a name is what Excel leaves after the last one ("a;b;;"):
    // nothing to read in it.
    if (key.empty()) continue;
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      if (unknown == UnknownColumns::kRefuse) {
        errors.push_back(absl::StrCat("line 1, column ", i + 1, ": unknown column \"",
                                      ValidUtf8(Trimmed(cells[i]), 40), "\""));
      }
      continue;
    }
    if (it->second->ignored) {
      skipped_.push_back(Trimmed(cells[i]));
      continue;
    }
    auto [at, fresh] = index_.emplace(it->second->field, static_cast<int>(i));
    if (!fresh) {
      errors.push_back(absl::StrCat("line 1, column ", i + 1, ": \"",
                                    ValidUtf8(Trimmed(cells[i]), 40), "\" says again what column ",
                                    at->second + 1, " (\"",
                                    ValidUtf8(Trimmed(cells[at->second]), 40), "\") says"));
    }
  }
  for (const ColumnSpec& s : spec) {
    if (!s.required || s.ignored || index_.contains(s.field)) continue;
    std::vector<std::string> others;
    for (const std::string& name : s.names) {
      if (name != s.field) others.push_back(name);
    }
    errors.push_back(absl::StrCat(
        "line 1: missing column \"", s.field, "\"",
        others.empty() ? "" : absl::StrCat(" (or: ", absl::StrJoin(others, ", "), ")")));
  }
}

int SpreadsheetHeader::Index(const std::string& field) const {
  auto it = index_.find(field);
  return it == index_.end() ? -1 : it->second;
}

std::string SpreadsheetHeader::Typed(const std::string& field) const {
  const int i = Index(field);
  return i < 0 ? field : Trimmed(cells_[i]);
}

std::string SpreadsheetHeader::Cell(const std::vector<std::string>& cells,
                                    const std::string& field) const {
  const int i = Index(field);
  if (i < 0 || i >= static_cast<int>(cells.size())) return "";
  return PlainCell(Trimmed(cells[i]));
}

}  // namespace penataan::cli
