#include "cli/csv_reader.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/utf8.h"

namespace penataan::cli {

namespace {

// The header line's delimiter: the most frequent of comma, semicolon and tab
// outside quotes; on a tie the comma, then the semicolon.
char HeaderDelimiter(absl::string_view text) {
  int commas = 0, semicolons = 0, tabs = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;  // "" inside a quoted cell flips twice
    } else if (quoted) {
      continue;
    } else if (c == '\n') {
      break;
    } else {
      commas += c == ',';
      semicolons += c == ';';
      tabs += c == '\t';
    }
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

bool IsUtf16(TextEncoding encoding) {
  return encoding == TextEncoding::kUtf16Le || encoding == TextEncoding::kUtf16Be;
}

}  // namespace

std::string DescribeCsvFormat(const CsvFormat& format) {
  const char* separated = format.delimiter == ';'    ? "semicolons"
                          : format.delimiter == '\t' ? "tabs"
                                                     : "commas";
  const char* encoding = "UTF-8";
  switch (format.encoding) {
    case TextEncoding::kUtf8: break;
    case TextEncoding::kUtf8Bom: encoding = "UTF-8 (with byte-order mark)"; break;
    case TextEncoding::kUtf16Le: encoding = "UTF-16 LE (converted to UTF-8)"; break;
    case TextEncoding::kUtf16Be: encoding = "UTF-16 BE (converted to UTF-8)"; break;
    case TextEncoding::kWindows1252: encoding = "Windows-1252 (converted to UTF-8)"; break;
  }
  return absl::StrCat("separated by ", separated, ", ", encoding);
}

CsvReader::CsvReader(std::istream& in) : in_(in) {
  const std::streampos start = in_.tellg();
  if (start != std::streampos(-1)) {
    EncodingScan scan = ScanEncoding(in_);
    in_.clear();
    in_.seekg(start);
    format_.encoding = scan.encoding;
    encoding_error_ = std::move(scan.error);
    if (!encoding_error_.empty()) return;
  }
  utf16_ = Utf16ToUtf8(format_.encoding == TextEncoding::kUtf16Be);
  if (Fill()) format_.delimiter = HeaderDelimiter(absl::string_view(buf_).substr(pos_));
  for (const char c : {format_.delimiter, '"', '\r', '\n'}) stops_[static_cast<unsigned char>(c)] = true;
  for (const char c : {'"', '\n'}) quoted_stops_[static_cast<unsigned char>(c)] = true;
}

bool CsvReader::Fill() {
  if (pos_ < buf_.size()) return true;
  const bool utf16 = IsUtf16(format_.encoding);
  std::string& block = utf16 ? raw_ : buf_;
  do {
    raw_before_ += raw_block_;
    block.resize(kTextBlockBytes);
    in_.read(&block[0], static_cast<std::streamsize>(block.size()));
    block.resize(static_cast<size_t>(in_.gcount()));
    raw_block_ = static_cast<int64_t>(block.size());
    pos_ = 0;
    if (!started_) {
      started_ = true;
      // A stream that could not be scanned still says UTF-8 by its mark.
      if (format_.encoding == TextEncoding::kUtf8 && absl::StartsWith(block, "\xEF\xBB\xBF")) {
        format_.encoding = TextEncoding::kUtf8Bom;
      }
      const size_t bom = std::min(BomLength(format_.encoding), block.size());
      if (utf16) block.erase(0, bom);
      else pos_ = bom;
    }
    if (utf16) {
      buf_.clear();
      utf16_.Convert(raw_, buf_);  // the scan found every character whole
    }
  } while (pos_ >= buf_.size() && raw_block_ > 0);
  return pos_ < buf_.size();
}

void CsvReader::AppendRun(std::string& cell, const std::array<bool, 256>& stops) {
  const size_t from = pos_;
  while (pos_ < buf_.size() && !stops[static_cast<unsigned char>(buf_[pos_])]) ++pos_;
  cell.append(buf_, from, pos_ - from);
}

int CsvReader::Get() {
  if (!Fill()) return EOF;
  return static_cast<unsigned char>(buf_[pos_++]);
}

int CsvReader::Peek() { return Fill() ? static_cast<unsigned char>(buf_[pos_]) : EOF; }

int64_t CsvReader::bytes_read() const {
  if (!IsUtf16(format_.encoding)) return raw_before_ + static_cast<int64_t>(pos_);
  return buf_.empty() ? raw_before_ + raw_block_
                      : raw_before_ + raw_block_ * static_cast<int64_t>(pos_) /
                                          static_cast<int64_t>(buf_.size());
}

bool CsvReader::Next(std::vector<std::string>& cells) {
  cells.clear();
  if (!encoding_error_.empty()) return false;
  int c = Get();
  if (c == EOF) return false;
  record_line_ = line_;
  const char delimiter = format_.delimiter;
  const bool cp1252 = format_.encoding == TextEncoding::kWindows1252;
  std::string cell;
  auto end_cell = [&] {
    if (cp1252) Cp1252ToUtf8(cell);
    cells.push_back(std::move(cell));
    cell.clear();
  };
  bool quoted = false;
  while (true) {
    if (quoted) {
      if (c == EOF) {
        malformed_ = true;
        end_cell();
        return true;
      }
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          cell.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line_;
        cell.push_back(static_cast<char>(c));
        AppendRun(cell, quoted_stops_);
      }
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == delimiter) {
      end_cell();
    } else if (c == '\r' && Peek() == '\n') {
      // CRLF: the \n ends the record next round.
    } else if (c == '\n' || c == EOF) {
      if (c == '\n') ++line_;
      end_cell();
      return true;
    } else {
      cell.push_back(static_cast<char>(c));
      AppendRun(cell, stops_);
    }
    c = Get();
  }
}

std::string NotUtf8Error(const std::vector<std::string>& cells, int64_t line) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (!IsValidUtf8(cells[i])) {
      return absl::StrCat("line ", line, " column ", i + 1, " is not UTF-8: \"",
                          ValidUtf8(cells[i], 40), "\" (save the file as UTF-8)");
    }
  }
  return "";
}

bool NextDataRecord(CsvReader& csv, std::vector<std::string>& cells,
                    std::vector<std::string>& errors) {
  while (csv.Next(cells)) {
    if (cells.size() == 1 && absl::StripAsciiWhitespace(cells[0]).empty()) continue;
    if (csv.malformed()) {
      errors.push_back(absl::StrCat("line ", csv.line(), ": a quoted cell is not closed"));
      return false;
    }
    if (std::string bad = NotUtf8Error(cells, csv.line()); !bad.empty()) {
      errors.push_back(bad);
      continue;
    }
    return true;
  }
  if (!csv.encoding_error().empty()) errors.push_back(csv.encoding_error());
  return false;
}

}  // namespace penataan::cli
