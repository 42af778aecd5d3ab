#include "services/registry/instansi_contacts.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/utf8.h"

namespace penataan::registry {
namespace {

constexpr size_t kMaxLocalPartBytes = 64;

bool IsAtext(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
         absl::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != absl::string_view::npos;
}

bool ValidLocalPart(absl::string_view local) {
  if (local.empty() || local.size() > kMaxLocalPartBytes) return false;
  if (local.front() == '.' || local.back() == '.' || absl::StrContains(local, "..")) return false;
  return std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || IsAtext(c); });
}

bool ValidLabel(absl::string_view label) {
  return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
         std::all_of(label.begin(), label.end(), [](char c) {
           return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-';
         });
}

// Two or more LDH labels: a name that resolves on the internet, not "localhost".
bool ValidDomain(absl::string_view domain) {
  if (domain.size() > 253) return false;
  std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  return labels.size() >= 2 && std::all_of(labels.begin(), labels.end(), ValidLabel);
}

// Printable ASCII only: a URL's other characters are percent-encoded, and one that
// is not is more likely pasted from a document than meant.
bool IsPrintableAscii(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const unsigned char u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

bool HasControlCharacter(absl::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const unsigned char u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

size_t CodePoints(absl::string_view utf8) {
  return static_cast<size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool ValidPort(absl::string_view port) {
  int n = 0;
  return !port.empty() && port.size() <= 5 &&
         std::all_of(port.begin(), port.end(),
                     [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); }) &&
         absl::SimpleAtoi(port, &n) && n >= 1 && n <= 65535;
}

bool ValidIpv6Literal(absl::string_view inside) {
  return !inside.empty() && absl::StrContains(inside, ':') &&
         std::all_of(inside.begin(), inside.end(), [](char c) {
           return absl::ascii_isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
         });
}

}  // namespace

bool IsValidEmailAddress(absl::string_view address) {
  if (address.size() > kMaxEmailBytes) return false;
  const size_t at = address.find('@');
  if (at == absl::string_view::npos) return false;
  return ValidLocalPart(address.substr(0, at)) && ValidDomain(address.substr(at + 1));
}

std::string WebhookUrlProblem(absl::string_view url) {
  if (url.size() > kMaxWebhookUrlBytes) {
    return absl::StrCat("is longer than ", kMaxWebhookUrlBytes, " bytes");
  }
  if (!IsPrintableAscii(url)) {
    return "has spaces, control or non-ASCII characters (percent-encode them)";
  }
  absl::string_view rest = url;
  // Only https: the body carries an instansi's reminders and decisions.
  if (!absl::ConsumePrefix(&rest, "https://")) return "must be an https:// URL";
  const absl::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  // A user or password in the URL would be stored, shown and sent as plain text.
  if (absl::StrContains(authority, '@')) {
    return "must not carry a user name or password (user@ or user:password@)";
  }
  absl::string_view host = authority;
  if (absl::ConsumePrefix(&host, "[")) {
    const size_t close = host.find(']');
    if (close == absl::string_view::npos || !ValidIpv6Literal(host.substr(0, close))) {
      return "has no valid host";
    }
    absl::string_view after = host.substr(close + 1);
    if (after.empty()) return "";
    if (!absl::ConsumePrefix(&after, ":") || !ValidPort(after)) {
      return "has a port that is not a number from 1 to 65535";
    }
    return "";
  }
  const size_t colon = host.find(':');
  if (colon != absl::string_view::npos) {
    const absl::string_view port = host.substr(colon + 1);
    host = host.substr(0, colon);
    if (!ValidPort(port)) return "has a port that is not a number from 1 to 65535";
  }
  if (host.empty() || host.size() > 253) return "has no host";
  std::vector<absl::string_view> labels = absl::StrSplit(host, '.');
  if (!std::all_of(labels.begin(), labels.end(), ValidLabel)) return "has no valid host";
  // Which hosts may be reached is notification's to judge, with its operator's
  // --webhook_allowed_hosts (an on-premise WhatsApp gateway on 10.20.0.0/16, say),
  // at the address it connects to; a host it refuses drops only that recipient.
  return "";
}

std::vector<Violation> ValidateContacts(const std::vector<InstansiContact>& contacts,
                                        absl::string_view prefix) {
  std::vector<Violation> bad;
  if (contacts.size() < kMinContacts || contacts.size() > kMaxContacts) {
    bad.push_back({std::string(prefix), 0,
                   absl::StrCat("give ", kMinContacts, " to ", kMaxContacts, " contacts, not ",
                                contacts.size())});
    return bad;
  }
  // Lower-cased address -> index of its first use.
  absl::flat_hash_map<std::string, size_t> seen;
  for (size_t i = 0; i < contacts.size(); ++i) {
    const InstansiContact& c = contacts[i];
    const std::string field = absl::StrCat(prefix, "[", i, "]");
    if (!IsValidUtf8(c.display_name)) {
      bad.push_back({absl::StrCat(field, ".display_name"), 0, "is not valid UTF-8"});
    } else if (CodePoints(c.display_name) > kMaxContactDisplayNameChars) {
      bad.push_back({absl::StrCat(field, ".display_name"), 0,
                     absl::StrCat("is longer than ", kMaxContactDisplayNameChars, " characters")});
    } else if (HasControlCharacter(c.display_name)) {
      bad.push_back({absl::StrCat(field, ".display_name"), 0, "has control characters"});
    }
    if (c.email.empty()) {
      bad.push_back({absl::StrCat(field, ".email"), 0, "is required"});
    } else if (!IsValidEmailAddress(c.email)) {
      bad.push_back({absl::StrCat(field, ".email"), 0,
                     "is not an email address of the form name@domain.tld"});
    } else {
      auto [it, fresh] = seen.emplace(absl::AsciiStrToLower(c.email), i);
      if (!fresh) {
        bad.push_back({absl::StrCat(field, ".email"), 0,
                       absl::StrCat("repeats ", prefix, "[", it->second, "].email")});
      }
    }
    if (!c.webhook_url.empty()) {
      std::string problem = WebhookUrlProblem(c.webhook_url);
      if (!problem.empty()) {
        bad.push_back({absl::StrCat(field, ".webhook_url"), 0, std::move(problem)});
      }
    }
  }
  return bad;
}

}  // namespace penataan::registry
