#include "services/screening/rules/rule_labels.h"

namespace penataan::screening {

absl::string_view CategoryLabel(Category c) {
  switch (c) {
    case common::v1::GURU: return "Guru";
    case common::v1::TENAGA_KEPENDIDIKAN: return "Tenaga Kependidikan";
    case common::v1::TENAGA_KESEHATAN: return "Tenaga Kesehatan";
    case common::v1::TENAGA_TEKNIS: return "Tenaga Teknis";
    case common::v1::PENGELOLA_UMUM_OPERASIONAL: return "Pengelola Umum Operasional";
    case common::v1::OPERATOR_LAYANAN_OPERASIONAL: return "Operator Layanan Operasional";
    case common::v1::PENGELOLA_LAYANAN_OPERASIONAL: return "Pengelola Layanan Operasional";
    case common::v1::PENATA_LAYANAN_OPERASIONAL: return "Penata Layanan Operasional";
    default: return "tidak tercatat";
  }
}

absl::string_view EducationLabel(Education e) {
  switch (e) {
    case common::v1::SD: return "SD";
    case common::v1::SMP: return "SMP";
    case common::v1::SMA: return "SMA/SMK";
    case common::v1::D1: return "D-I";
    case common::v1::D2: return "D-II";
    case common::v1::D3: return "D-III";
    case common::v1::D4: return "D-IV";
    case common::v1::S1: return "S-1";
    case common::v1::S2: return "S-2";
    case common::v1::S3: return "S-3";
    default: return "tidak tercatat";
  }
}

absl::string_view PostKindLabel(PostKind k) {
  switch (NormalizePostKind(k)) {
    case v1::FUNCTIONAL_AHLI_MADYA: return "jabatan fungsional Ahli Madya";
    case v1::FUNCTIONAL_AHLI_UTAMA: return "jabatan fungsional Ahli Utama";
    default: return "jabatan pelaksana/umum";
  }
}

absl::string_view StatusLabel(HonorerStatus s) {
  switch (s) {
    case registry::v1::ACTIVE: return "aktif";
    case registry::v1::MS: return "aktif (MS seleksi)";
    case registry::v1::TMS: return "aktif (TMS seleksi)";
    case registry::v1::PPPK_PENUH_WAKTU: return "sudah PPPK penuh waktu";
    case registry::v1::PPPK_PARUH_WAKTU: return "sudah PPPK paruh waktu";
    case registry::v1::DIRUMAHKAN: return "dirumahkan";
    case registry::v1::CONTRACT_ENDED: return "kontrak berakhir";
    case registry::v1::RESIGNED: return "mengundurkan diri";
    case registry::v1::MOVED_TO_CPNS: return "sudah menjadi CPNS";
    default: return "tidak tercatat";
  }
}

}  // namespace penataan::screening
