#include "cli/csv_reader.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/utf8.h"

namespace penataan::cli {

bool CsvReader::Fill() {
  if (pos_ < buf_.size()) return true;
  buf_.resize(1 << 16);
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.resize(static_cast<size_t>(in_.gcount()));
  pos_ = 0;
  return !buf_.empty();
}

int CsvReader::Get() {
  if (!Fill()) return EOF;
  ++bytes_;
  return static_cast<unsigned char>(buf_[pos_++]);
}

int CsvReader::Peek() { return Fill() ? static_cast<unsigned char>(buf_[pos_]) : EOF; }

bool CsvReader::Next(std::vector<std::string>& cells) {
  cells.clear();
  if (!started_) {
    started_ = true;
    if (Peek() == 0xEF) {  // UTF-8 BOM
      for (int i = 0; i < 3; ++i) Get();
    }
  }
  int c = Get();
  if (c == EOF) return false;
  record_line_ = line_;
  std::string cell;
  bool quoted = false;
  while (true) {
    if (quoted) {
      if (c == EOF) {
        malformed_ = true;
        cells.push_back(std::move(cell));
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
      }
    } else if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r' && Peek() == '\n') {
      // CRLF: the \n ends the record next round.
    } else if (c == '\n' || c == EOF) {
      if (c == '\n') ++line_;
      cells.push_back(std::move(cell));
      return true;
    } else {
      cell.push_back(static_cast<char>(c));
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
  return false;
}

}  // namespace penataan::cli
