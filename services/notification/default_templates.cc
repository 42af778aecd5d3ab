#include "services/notification/default_templates.h"

namespace penataan::notification {

std::vector<Template> DefaultTemplates(Channel channel) {
  auto make = [channel](const char* id, const char* subject, const char* body) {
    Template t;
    t.id = id;
    t.channel = channel;
    t.subject = subject;
    t.body = body;
    t.created_by = "system";
    return t;
  };
  return {
      make("formasi-deadline-reminder",
           "Pengingat: usulan formasi PPPK ((periode)) ditutup ((batas_waktu)) ((zona_waktu))",
           "Yth. Admin ((instansi)),\n\n"
           "Batas akhir pengiriman usulan formasi PPPK periode ((periode)) adalah "
           "((batas_waktu)) ((zona_waktu)). Sisa waktu: ((sisa_waktu)).\n\n"
           "Usulan yang belum dikirim sampai batas tersebut tidak dapat diterima. "
           "Pastikan seluruh rincian formasi sudah lengkap dan dikirim sebelum batas waktu.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make("formasi-proposal-decision",
           "Keputusan usulan formasi PPPK ((periode)): ((keputusan))",
           "Yth. Admin ((instansi)),\n\n"
           "Usulan formasi PPPK periode ((periode)) telah diputuskan: ((keputusan)).\n"
           "Jumlah formasi yang disetujui: ((jumlah_disetujui)).\n"
           "Catatan: ((catatan))\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make("screening-result-ms",
           "Hasil seleksi administrasi ((seleksi)): Memenuhi Syarat (MS)",
           "Yth. ((nama)),\n\n"
           "Berdasarkan hasil seleksi administrasi ((seleksi)) pada ((instansi)), "
           "pendaftaran Anda nomor ((nomor_pendaftaran)) dinyatakan MEMENUHI SYARAT (MS).\n\n"
           "Ikuti pengumuman tahap berikutnya dari instansi Anda.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make("screening-result-tms",
           "Hasil seleksi administrasi ((seleksi)): Tidak Memenuhi Syarat (TMS)",
           "Yth. ((nama)),\n\n"
           "Berdasarkan hasil seleksi administrasi ((seleksi)) pada ((instansi)), "
           "pendaftaran Anda nomor ((nomor_pendaftaran)) dinyatakan TIDAK MEMENUHI SYARAT "
           "(TMS) dengan alasan:\n((alasan))\n\n"
           "Anda dapat mengajukan sanggah melalui admin instansi paling lambat "
           "((batas_sanggah)). Sanggah yang diajukan setelah batas tersebut tidak diproses.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
      make("appeal-decision",
           "Keputusan sanggah seleksi ((seleksi)): ((keputusan))",
           "Yth. ((nama)),\n\n"
           "Sanggah Anda atas hasil seleksi administrasi ((seleksi)) pada ((instansi)) "
           "telah diputuskan: ((keputusan)).\n"
           "Hasil akhir: ((hasil_akhir)).\n"
           "Catatan: ((catatan))\n\n"
           "Keputusan sanggah bersifat final.\n\n"
           "Pesan ini dikirim otomatis oleh Penataan Tenaga Non-ASN."),
  };
}

}  // namespace penataan::notification
