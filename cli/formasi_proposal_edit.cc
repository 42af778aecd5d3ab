#include "cli/formasi_proposal_edit.h"

#include "absl/container/flat_hash_map.h"

namespace penataan::cli {

LeaveOutChange ApplyLeaveOuts(formasi::v1::Proposal& proposal,
                              const std::vector<LeaveOut>& entries) {
  LeaveOutChange change;
  absl::flat_hash_map<std::string, int> index;  // honorer → position in left_out
  for (int i = 0; i < proposal.left_out_size(); ++i) index[proposal.left_out(i).honorer()] = i;
  absl::flat_hash_map<std::string, bool> leaving;
  for (const LeaveOut& e : entries) {
    auto it = index.find(e.honorer);
    formasi::v1::LeftOutHonorer* slot;
    if (it != index.end()) {
      slot = proposal.mutable_left_out(it->second);
      // Counted once per honorer, whatever the number of entries naming it.
      if (!leaving.contains(e.honorer)) ++change.replaced;
    } else {
      index[e.honorer] = proposal.left_out_size();
      slot = proposal.add_left_out();
      slot->set_honorer(e.honorer);
      ++change.added;
    }
    slot->set_reason(e.reason);
    slot->set_note(e.note);
    leaving[e.honorer] = true;
  }
  google::protobuf::RepeatedPtrField<formasi::v1::ProposalLine> kept;
  for (formasi::v1::ProposalLine& line : *proposal.mutable_lines()) {
    if (line.honorers_size() == 0) {
      *kept.Add() = std::move(line);
      continue;
    }
    google::protobuf::RepeatedPtrField<std::string> names;
    for (const std::string& h : line.honorers()) {
      if (leaving.contains(h)) {
        ++change.taken_from_lines;
        continue;
      }
      *names.Add() = h;  // copied: an unchanged line is kept as it was
    }
    if (names.size() == line.honorers_size()) {
      *kept.Add() = std::move(line);
      continue;
    }
    change.lines_changed = true;
    if (names.empty()) continue;
    line.set_count(line.count() - (line.honorers_size() - names.size()));
    line.mutable_honorers()->Swap(&names);
    *kept.Add() = std::move(line);
  }
  proposal.mutable_lines()->Swap(&kept);
  return change;
}

}  // namespace penataan::cli
