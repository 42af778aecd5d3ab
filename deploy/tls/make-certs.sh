#!/usr/bin/env bash
# Makes a private CA, a server certificate and one client certificate per principal,
# for mutual TLS between the Penataan services, penataanctl and other agencies:
#   deploy/tls/make-certs.sh DIR [PRINCIPAL ...]
#   deploy/tls/make-certs.sh var/tls national:kemenpanrb instansi:5371
# Each client certificate carries its principal as a SPIFFE URI SAN
# (spiffe://penataan/instansi/5371), which is what the servers trust. The server
# certificate names localhost and 127.0.0.1, plus SERVER_NAMES (space-separated DNS
# names, e.g. "penataan-registry penataan-registry.penataan.svc").
# Production CAs are the operator's; this is for tests, local runs and staging.
set -euo pipefail
dir=${1:?usage: make-certs.sh DIR [PRINCIPAL ...]}
shift
mkdir -p "$dir"
cd "$dir"
days=${DAYS:-825}

if [ ! -f ca.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out ca.key
  openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/O=Penataan/CN=Penataan CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.crt 2>/dev/null
fi

issue() {  # name subject-cn san extended-key-usage
  openssl ecparam -name prime256v1 -genkey -noout -out "$1.key"
  openssl req -new -key "$1.key" -subj "/O=Penataan/CN=$2" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\nkeyUsage=critical,digitalSignature\n' "$3" "$4" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 \
    -days "$days" -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
  chmod 600 "$1.key"
}

san="DNS:localhost,IP:127.0.0.1"
for name in ${SERVER_NAMES:-}; do san="$san,DNS:$name"; done
[ -f server.crt ] || issue server "penataan server" "$san" serverAuth

for principal in "$@"; do
  kind=${principal%%:*}
  id=${principal#*:}
  case "$kind" in national|instansi|service) ;; *) echo "bad principal $principal" >&2; exit 2 ;; esac
  issue "client-$kind-$id" "$principal" "URI:spiffe://penataan/$kind/$id" clientAuth
done
echo "certificates in $dir: ca.crt server.{crt,key} $(ls client-*.crt 2>/dev/null | tr '\n' ' ')"
