#include "services/registry/instansi_contacts.h"

#include <string>

#include "gtest/gtest.h"

namespace penataan::registry {
namespace {

TEST(InstansiContacts, EmailAddresses) {
  struct Case {
    std::string address;
    bool valid;
  } cases[] = {
      {"admin@bekasikota.go.id", true},
      {"bkpsdm.kupang+formasi@kupangkota.go.id", true},
      {"o'neil@example.co.id", true},
      {"A.Admin@Example.ORG", true},
      {"", false},
      {"admin", false},
      {"admin@localhost", false},         // one label: not a domain on the internet
      {"@bekasikota.go.id", false},
      {"admin@", false},
      {".admin@bekasikota.go.id", false},
      {"ad..min@bekasikota.go.id", false},
      {"admin.@bekasikota.go.id", false},
      {"ad min@bekasikota.go.id", false},
      {"admin@bekasi kota.go.id", false},
      {"a@b@bekasikota.go.id", false},
      {"admin@-bekasi.go.id", false},
      {"admin@bekasi-.go.id", false},
      {"admin@bekasikota..go.id", false},
      {"\"quoted\"@bekasikota.go.id", false},
      {"Admin <admin@bekasikota.go.id>", false},
      {"admin@bekasikota.go.id\r\nBcc: x@y.id", false},
      {"adm\xC3\xADn@bekasikota.go.id", false},  // non-ASCII local part
      {std::string(65, 'a') + "@bekasikota.go.id", false},
      {std::string(64, 'a') + "@bekasikota.go.id", true},
      {"a@" + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(63, 'd') +
           "." + std::string(63, 'e'),
       false},  // 255 bytes
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.address);
    EXPECT_EQ(IsValidEmailAddress(c.address), c.valid);
  }
}

TEST(InstansiContacts, WebhookUrls) {
  struct Case {
    std::string url;
    bool valid;
  } cases[] = {
      {"https://wa-gateway.bekasikota.go.id/hooks/penataan", true},
      {"https://hooks.example.id:8443/p?instansi=3275#x", true},
      {"https://203.0.113.7/hook", true},
      {"https://[2001:db8::1]:8443/hook", true},
      {"https://[2001:db8::1]/hook", true},
      {"https://example.id", true},
      {"http://wa-gateway.bekasikota.go.id/hook", false},
      {"HTTPS://example.id/hook", false},
      {"ftp://example.id/hook", false},
      {"https://", false},
      {"https:///hook", false},
      {"https://user:secret@example.id/hook", false},
      {"https://user@example.id/hook", false},
      {"https://example.id:0/hook", false},
      {"https://example.id:65536/hook", false},
      {"https://example.id:/hook", false},
      {"https://example.id:80x/hook", false},
      {"https://exa mple.id/hook", false},
      {"https://example.id/ho ok", false},
      {"https://example.id/hook\n", false},
      {"https://ex_ample.id/hook", false},
      {"https://[2001:db8::1/hook", false},
      {"https://[]/hook", false},
      {"https://[2001:db8::1]x/hook", false},
      {"https://example.id/h\xC3\xA9", false},
      {"https://example.id/" + std::string(2048, 'a'), false},
      // Internal hosts are stored: notification judges them with its operator's
      // allow-list when it sends (an on-premise gateway may be allowed there).
      {"https://10.20.1.5/hook", true},
      {"https://[fd00::5]:8443/hook", true},
      {"https://localhost.example.id/hook", true},
      {"https://172.32.0.1/hook", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.url);
    std::string problem = WebhookUrlProblem(c.url);
    EXPECT_EQ(problem.empty(), c.valid) << problem;
    // A refusal describes; it never quotes the URL (it may carry a secret path).
    if (!problem.empty() && c.url.size() > 10) {
      EXPECT_EQ(problem.find(c.url), std::string::npos);
    }
  }
}

TEST(InstansiContacts, ListsNameEachBadField) {
  const InstansiContact good{"Admin BKPSDM Kota Bekasi", "admin@bekasikota.go.id", ""};
  struct Case {
    const char* name;
    std::vector<InstansiContact> contacts;
    std::vector<std::string> fields;  // of the violations, in order
  } cases[] = {
      {"one good", {good}, {}},
      {"none", {}, {"contacts.contacts"}},
      {"eleven", std::vector<InstansiContact>(11, good), {"contacts.contacts"}},
      {"ten distinct", {}, {}},  // filled below
      {"second without email",
       {good, {"Operator", "", ""}},
       {"contacts.contacts[1].email"}},
      {"bad email and webhook",
       {{"", "bukan-email", "http://x.id/h"}},
       {"contacts.contacts[0].email", "contacts.contacts[0].webhook_url"}},
      {"repeated email, case aside",
       {good, {"", "ADMIN@bekasikota.go.id", ""}},
       {"contacts.contacts[1].email"}},
      {"display name of 200 characters", {{std::string(100, 'a') + std::string(100, 'a'),
                                           "a@b.id", ""}}, {}},
      {"display name of 201 characters", {{std::string(201, 'a'), "a@b.id", ""}},
       {"contacts.contacts[0].display_name"}},
      // 200 two-byte characters are 400 bytes, and still 200 characters.
      {"display name of 200 two-byte characters",
       {{[] {
           std::string s;
           for (int i = 0; i < 200; ++i) s += "\xC3\xA9";
           return s;
         }(),
         "a@b.id", ""}},
       {}},
      {"display name not UTF-8", {{"Admin \xC3", "a@b.id", ""}},
       {"contacts.contacts[0].display_name"}},
      {"display name with a newline", {{"Admin\nBcc", "a@b.id", ""}},
       {"contacts.contacts[0].display_name"}},
  };
  for (int i = 0; i < 10; ++i) {
    cases[3].contacts.push_back({"", "admin" + std::to_string(i) + "@bekasikota.go.id", ""});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<Violation> got = ValidateContacts(c.contacts, "contacts.contacts");
    std::vector<std::string> fields;
    for (const Violation& v : got) fields.push_back(v.field);
    EXPECT_EQ(fields, c.fields);
  }
}

}  // namespace
}  // namespace penataan::registry
