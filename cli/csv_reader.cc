#include "cli/csv_reader.h"

namespace penataan::cli {

int CsvReader::Get() {
  int c = in_.get();
  if (c != EOF) ++bytes_;
  return c;
}

bool CsvReader::Next(std::vector<std::string>& cells) {
  cells.clear();
  if (!started_) {
    started_ = true;
    if (in_.peek() == 0xEF) {  // UTF-8 BOM
      char bom[3];
      in_.read(bom, 3);
      bytes_ += 3;
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
        if (in_.peek() == '"') {
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
    } else if (c == '\r' && in_.peek() == '\n') {
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

}  // namespace penataan::cli
