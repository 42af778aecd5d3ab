#ifndef PENATAAN_SERVICES_NOTIFICATION_DEFAULT_TEMPLATES_H_
#define PENATAAN_SERVICES_NOTIFICATION_DEFAULT_TEMPLATES_H_

// The Indonesian templates for the events the other services raise, stored at
// start-up when their id does not exist yet (an admin's later versions are kept):
//
//   formasi-deadline-reminder  instansi, periode, batas_waktu (in the instansi's
//                              zone), zona_waktu (WIB/WITA/WIT), sisa_waktu
//   formasi-proposal-decision  instansi, periode, keputusan, jumlah_disetujui, catatan
//   screening-result-ms        nama, instansi, seleksi, nomor_pendaftaran
//   screening-result-tms       nama, instansi, seleksi, nomor_pendaftaran, alasan
//                              (every failed rule, one per line), batas_sanggah
//   appeal-decision            nama, instansi, seleksi, keputusan, hasil_akhir, catatan
//
// A formasi or screening service fills the values; the wording lives here.

#include <vector>

#include "services/notification/notification_model.h"

namespace penataan::notification {

std::vector<Template> DefaultTemplates(Channel channel);

}  // namespace penataan::notification

#endif  // PENATAAN_SERVICES_NOTIFICATION_DEFAULT_TEMPLATES_H_
