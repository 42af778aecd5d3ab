#include "cli/csv_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace penataan::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Every record of `bytes`, as the reader returns them.
std::vector<std::vector<std::string>> ReadAll(const std::string& bytes, CsvFormat* format = nullptr,
                                              std::string* error = nullptr) {
  std::istringstream in(bytes);
  CsvReader r(in);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> cells;
  while (r.Next(cells)) records.push_back(cells);
  if (format) *format = r.format();
  if (error) *error = r.encoding_error();
  return records;
}

// `text` (ASCII and Latin-1 letters given as \u escapes in UTF-8) as UTF-16.
std::string Utf16(const std::u16string& text, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char16_t u : text) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  }
  return out;
}

TEST(CsvReader, ReadsQuotedCellsWithCommasQuotesAndNewlines) {
  std::istringstream in(
      "\xEF\xBB\xBFnik,full_name\r\n"
      "1,\"Lake, Maria \"\"Ina\"\"\"\r\n"
      "2,\"two\nlines\"\n"
      "3,\n");
  CsvReader r(in);
  std::vector<std::string> cells;
  ASSERT_TRUE(r.Next(cells));
  EXPECT_THAT(cells, ElementsAre("nik", "full_name"));
  ASSERT_TRUE(r.Next(cells));
  EXPECT_THAT(cells, ElementsAre("1", "Lake, Maria \"Ina\""));
  EXPECT_EQ(r.line(), 2);
  ASSERT_TRUE(r.Next(cells));
  EXPECT_THAT(cells, ElementsAre("2", "two\nlines"));
  ASSERT_TRUE(r.Next(cells));
  EXPECT_EQ(r.line(), 5);
  EXPECT_THAT(cells, ElementsAre("3", ""));
  EXPECT_FALSE(r.Next(cells));
  EXPECT_FALSE(r.malformed());
}

TEST(CsvReader, LastLineWithoutNewlineAndUnclosedQuote) {
  std::istringstream in("a,b\n\"open,c");
  CsvReader r(in);
  std::vector<std::string> cells;
  ASSERT_TRUE(r.Next(cells));
  ASSERT_TRUE(r.Next(cells));
  EXPECT_TRUE(r.malformed());
}

TEST(CsvReader, RecognisesTheDelimiterFromTheHeaderLine) {
  struct Case {
    const char* name;
    std::string bytes;
    char delimiter;
    std::vector<std::vector<std::string>> want;
  } cases[] = {
      {"Indonesian Excel: semicolons, commas inside cells",
       "NIK;Nama;Gaji\r\n1;Lake, Maria;2,5\r\n", ';',
       {{"NIK", "Nama", "Gaji"}, {"1", "Lake, Maria", "2,5"}}},
      {"tabs", "nik\tnama\n1\tMaria; Ina\n", '\t', {{"nik", "nama"}, {"1", "Maria; Ina"}}},
      {"commas, semicolons only inside quotes",
       "\"a;b\",\"c;d;e\",f\n\"x;y\",2,3\n", ',', {{"a;b", "c;d;e", "f"}, {"x;y", "2", "3"}}},
      {"semicolons, commas only inside quotes",
       "\"Nama, lengkap\";\"Unit, kerja\";x\n1;2;3\n", ';',
       {{"Nama, lengkap", "Unit, kerja", "x"}, {"1", "2", "3"}}},
      {"a quote escaped inside a quoted header cell", "\"say \"\"a,b\"\"\";c;d\n", ';',
       {{"say \"a,b\"", "c", "d"}}},
      {"the header decides, not the rows", "a,b\n1;2;3;4,5\n", ',',
       {{"a", "b"}, {"1;2;3;4", "5"}}},
      {"one column: comma", "nik\n1\n", ',', {{"nik"}, {"1"}}},
      {"a tie goes to the comma", "a;b,c\n", ',', {{"a;b", "c"}}},
      {"CRLF line ends", "a;b\r\n1;2\r\n", ';', {{"a", "b"}, {"1", "2"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CsvFormat format;
    EXPECT_EQ(ReadAll(c.bytes, &format), c.want);
    EXPECT_EQ(format.delimiter, c.delimiter);
  }
}

TEST(CsvReader, ReadsEveryEncodingAsUtf8) {
  struct Case {
    const char* name;
    std::string bytes;
    TextEncoding encoding;
    std::vector<std::vector<std::string>> want;
  } cases[] = {
      {"UTF-8 without BOM", "nama\nD\xC3\xA9sir\xC3\xA9" "e\n", TextEncoding::kUtf8,
       {{"nama"}, {"D\xC3\xA9sir\xC3\xA9" "e"}}},
      {"UTF-8 with BOM", "\xEF\xBB\xBFnama\n\xE2\x82\xAC\n", TextEncoding::kUtf8Bom,
       {{"nama"}, {"\xE2\x82\xAC"}}},
      {"ASCII", "nama\nMaria\n", TextEncoding::kUtf8, {{"nama"}, {"Maria"}}},
      {"Windows-1252: \xC3\xA9, \xE2\x82\xAC, curly quotes and a no-break space",
       "nama;gaji\nD\xE9sir\xE9" "e;\x80 5\n\x93Ina\x94;Rp\xA0" "2.500.000\n",
       TextEncoding::kWindows1252,
       {{"nama", "gaji"},
        {"D\xC3\xA9sir\xC3\xA9" "e", "\xE2\x82\xAC 5"},
        {"\xE2\x80\x9CIna\xE2\x80\x9D", "Rp\xC2\xA0" "2.500.000"}}},
      {"Windows-1252 whose header is ASCII", "nik,nama\n1,Andr\xE9\n", TextEncoding::kWindows1252,
       {{"nik", "nama"}, {"1", "Andr\xC3\xA9"}}},
      {"Windows-1252's undefined bytes are their Latin-1 code points", "a\n\x81\x8D\x9D\n",
       TextEncoding::kWindows1252, {{"a"}, {"\xC2\x81\xC2\x8D\xC2\x9D"}}},
      {"UTF-16 LE (Excel's Unicode text)",
       Utf16(u"NIK\tNama\r\n1\tD\u00E9sir\u00E9e \u20AC \U0001F600\r\n", false),
       TextEncoding::kUtf16Le,
       {{"NIK", "Nama"}, {"1", "D\xC3\xA9sir\xC3\xA9" "e \xE2\x82\xAC \xF0\x9F\x98\x80"}}},
      {"UTF-16 BE", Utf16(u"a;b\n1;\u00E9\n", true), TextEncoding::kUtf16Be,
       {{"a", "b"}, {"1", "\xC3\xA9"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    CsvFormat format;
    std::string error;
    EXPECT_EQ(ReadAll(c.bytes, &format, &error), c.want);
    EXPECT_EQ(format.encoding, c.encoding);
    EXPECT_THAT(error, IsEmpty());
  }
}

TEST(CsvReader, Utf16CharactersSplitBetweenBlocksStayWhole) {
  // The pair's halves on both sides of the 64 KiB boundary, then the pair just after it.
  for (size_t pad : {32764u, 32765u}) {
    SCOPED_TRACE(pad);
    std::u16string text = u"a\n" + std::u16string(pad, u'x') + u"\U0001F600\u00E9\n";
    std::string bytes = Utf16(text, false);
    std::vector<std::vector<std::string>> got = ReadAll(bytes);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[1][0], std::string(pad, 'x') + "\xF0\x9F\x98\x80\xC3\xA9");
  }
}

TEST(CsvReader, Utf8CharactersSplitBetweenBlocksAreNotMistakenForWindows1252) {
  for (size_t pad : {65531u, 65532u, 65533u}) {  // the character starts 3, 2, 1 bytes before the end
    SCOPED_TRACE(pad);
    CsvFormat format;
    std::string error;
    const std::string cell = std::string(pad, 'x') + "\xF0\x9F\x98\x80";
    EXPECT_EQ(ReadAll("a\n" + cell + "\n", &format, &error),
              (std::vector<std::vector<std::string>>{{"a"}, {cell}}));
    EXPECT_EQ(format.encoding, TextEncoding::kUtf8);
    EXPECT_THAT(error, IsEmpty());
  }
}

TEST(CsvReader, RefusesWhatIsNotTextOfOneEncoding) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* want;
  } cases[] = {
      {"UTF-8 on line 2, Windows-1252 on line 4",
       "nama\nD\xC3\xA9sir\xC3\xA9" "e\nMaria\nAndr\xE9\n",
       "line 4 is not UTF-8 but line 2 is: the file mixes encodings; save it again in Excel as "
       "\"CSV UTF-8 (Comma delimited)\""},
      {"Windows-1252 first, UTF-8 later", "nama\nAndr\xE9\nx\n\xC3\xA9\n",
       "line 2 is not UTF-8 but line 4 is"},
      {"a UTF-8 BOM with a Windows-1252 byte", "\xEF\xBB\xBFnama\nMaria\nAndr\xE9\n",
       "line 3 is not UTF-8, though the file begins with UTF-8's byte-order mark"},
      {"UTF-16 with half a surrogate pair", Utf16(u"a\nb\n\xD800x\n", false),
       "line 3 is not UTF-16 text"},
      {"UTF-16 cut in the middle of a character", Utf16(u"a\nb\n", false) + "c",
       "ends in the middle of a UTF-16 character"},
      {"an .xlsx workbook", std::string("PK\x03\x04\x14\x00\x06\x00", 8),
       "this is an Excel workbook (.xlsx or .xls), not a CSV file"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::istringstream in(c.bytes);
    CsvReader r(in);
    EXPECT_THAT(r.encoding_error(), HasSubstr(c.want));
    std::vector<std::string> cells, errors;
    EXPECT_FALSE(r.Next(cells));
    EXPECT_FALSE(NextDataRecord(r, cells, errors));
    EXPECT_THAT(errors, ElementsAre(HasSubstr(c.want)));
  }
}

TEST(CsvReader, MixedEncodingsFoundFarApartAcrossBlocks) {
  std::string bytes = "nama\n\xC3\xA9\n";
  for (int i = 0; i < 20000; ++i) bytes += "Maria Manafe\n";
  bytes += "Andr\xE9\n";
  std::string error;
  ReadAll(bytes, nullptr, &error);
  EXPECT_EQ(error.substr(0, 36), "line 20003 is not UTF-8 but line 2 i");
}

TEST(CsvReader, DescribesTheFormatForThePerson) {
  EXPECT_EQ(DescribeCsvFormat({TextEncoding::kWindows1252, ';'}),
            "separated by semicolons, Windows-1252 (converted to UTF-8)");
  EXPECT_EQ(DescribeCsvFormat({TextEncoding::kUtf8, ','}), "separated by commas, UTF-8");
  EXPECT_EQ(DescribeCsvFormat({TextEncoding::kUtf16Le, '\t'}),
            "separated by tabs, UTF-16 LE (converted to UTF-8)");
  EXPECT_EQ(DescribeCsvFormat({TextEncoding::kUtf8Bom, ';'}),
            "separated by semicolons, UTF-8 (with byte-order mark)");
}

TEST(CsvReader, CountsTheBytesOfTheFileForProgress) {
  const std::string utf8 = "\xEF\xBB\xBFnik;nama\n1;Maria\n";
  std::istringstream in(utf8);
  CsvReader r(in);
  std::vector<std::string> cells;
  ASSERT_TRUE(r.Next(cells));
  EXPECT_EQ(r.bytes_read(), 12);  // the mark and the header line
  while (r.Next(cells)) {
  }
  EXPECT_EQ(r.bytes_read(), static_cast<int64_t>(utf8.size()));

  const std::string utf16 = Utf16(u"nik;nama\n1;Maria\n", false);
  std::istringstream in16(utf16);
  CsvReader r16(in16);
  while (r16.Next(cells)) {
  }
  EXPECT_EQ(r16.bytes_read(), static_cast<int64_t>(utf16.size()));
}

TEST(NextDataRecord, SkipsBlankLinesAndStopsAtAnOpenQuote) {
  std::istringstream in("a;b\n\n1;2\n \n3;\"open\n");
  CsvReader r(in);
  std::vector<std::string> cells, errors;
  ASSERT_TRUE(NextDataRecord(r, cells, errors));
  EXPECT_THAT(cells, ElementsAre("a", "b"));
  ASSERT_TRUE(NextDataRecord(r, cells, errors));
  EXPECT_THAT(cells, ElementsAre("1", "2"));
  EXPECT_EQ(r.line(), 3);
  EXPECT_FALSE(NextDataRecord(r, cells, errors));
  EXPECT_THAT(errors, ElementsAre("line 5: a quoted cell is not closed"));
}

}  // namespace
}  // namespace penataan::cli
