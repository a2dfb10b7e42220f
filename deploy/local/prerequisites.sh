# Sourced by run.sh and test.sh: installs the Debian packages the platform needs when run as root.
# Usage: ensure_prerequisites [browser] || exit 1   ("browser": also Chromium, for the console's browser tests)
ensure_prerequisites() {
  local missing=()
  if [ "${1:-}" = browser ]; then
    [ -x /usr/bin/chromium ] || missing+=(chromium)
  fi
  # The Chinese font supervision embeds in its PDFs (and the browser renders the console in); pdftotext, with
  # which the tests read the PDFs back.
  [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
  command -v pdftotext > /dev/null || missing+=(poppler-utils)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
  command -v ss > /dev/null || missing+=(iproute2)
  command -v flock > /dev/null || missing+=(util-linux)
  command -v pkill > /dev/null || missing+=(procps)
  if [ "${1:-}" = browser ] && ! command -v kubectl > /dev/null; then
    # The deployment tests render the overlays with `kubectl kustomize`. Debian 12's kubernetes-client
    # (kubectl 1.20.2, kustomize 2.0.3) cannot read them (patches with targets), and no other registry
    # reachable here ships a kubectl: it has to be installed by hand (1.21 or later).
    echo "kubectl (1.21 or later) is missing: the deployment tests will fail." >&2
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    return 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
}
