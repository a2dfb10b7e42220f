#!/usr/bin/env bash
# Prints an access token of a console user, for what the console does not show: the services'
# /operations/messages/parked endpoints (README.md, "Parked messages"), which take the `office` role.
#
#   console-token.sh [GATEWAY]      e.g. TOKEN=$(deploy/local/console-token.sh http://127.0.0.1:8080)
#
# GATEWAY is the gateway's address (default $PARK_GATEWAY): locally the address ./run.sh prints, on
# Kubernetes `kubectl -n park port-forward deploy/gateway 8080:8080` and http://127.0.0.1:8080.
# The user name is $PARK_USER or asked; the password is $PARK_PASSWORD or asked without echo. Neither
# is ever printed, and the password reaches curl on its standard input, never on a command line that
# `ps` would show.
#
# It signs in as the console does: the authorization code flow with PKCE (S256) of the client
# `park-console`, the password sent to the gateway's own sign-in page, the code taken from the answer
# (never followed to the console) and redeemed with the verifier. It asks for scope `api` only: no
# refresh token is issued, and the access token it prints lives 10 minutes (Identity__AccessTokenLifetime).
# Only the token goes to standard output; what went wrong goes to standard error, with exit status 1.
set -euo pipefail

gateway="${1:-${PARK_GATEWAY:-}}"
gateway="${gateway%/}"
if [[ -z "$gateway" ]]; then
  echo "usage: $0 GATEWAY   (or set PARK_GATEWAY), e.g. $0 http://127.0.0.1:8080" >&2
  exit 2
fi
fail() { echo "console-token: $*" >&2; exit 1; }

user="${PARK_USER:-}"
if [[ -z "$user" ]]; then read -rp "User name: " user </dev/tty; fi
password="${PARK_PASSWORD:-}"
if [[ -z "$password" ]]; then read -rsp "Password: " password </dev/tty; echo >&2; fi
[[ -n "$user" && -n "$password" ]] || fail "a user name and a password are needed"

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
verifier=$(openssl rand 32 | base64url)
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | base64url)
state=$(openssl rand 16 | base64url)

# The console's address, where the gateway sends the code: under the issuer it announces.
discovery=$(curl -fsS "$gateway/.well-known/openid-configuration") || fail "no token server answers at $gateway"
issuer=$(sed -n 's/.*"issuer" *: *"\([^"]*\)".*/\1/p' <<<"$discovery")
[[ -n "$issuer" ]] || fail "$gateway announces no issuer"
redirect="${issuer%/}/console/"

# The sign-in page's form, as a browser sends it back: the authorization request and what the user typed.
answer=$(printf '%s' "$password" | curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "$gateway/connect/authorize" \
  --data-urlencode response_type=code --data-urlencode client_id=park-console --data-urlencode "redirect_uri=$redirect" \
  --data-urlencode scope=api --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256 \
  --data-urlencode "state=$state" --data-urlencode "username=$user" --data-urlencode "password@-") || fail "the sign-in page did not answer"
unset password
status="${answer%% *}"
location="${answer#* }"
case "$status" in
  302|303) ;;
  401) fail "the user name or the password is wrong, or the account is locked for a while" ;;
  429) fail "too many sign-ins from this address: try again in a minute" ;;
  *) fail "the sign-in page answered $status" ;;
esac

param() { sed -n "s/.*[?&]$1=\([^&#]*\).*/\1/p" <<<"$location"; }
urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }
[[ "$(urldecode "$(param state)")" == "$state" ]] || fail "the answer came back with another state"
code=$(urldecode "$(param code)")
[[ -n "$code" ]] || fail "no code in the answer: $(urldecode "$(param error_description)")"

tokens=$(curl -sS "$gateway/connect/token" --data-urlencode grant_type=authorization_code --data-urlencode client_id=park-console \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" --data-urlencode "code_verifier=$verifier") || fail "the token endpoint did not answer"
token=$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$tokens")
[[ -n "$token" ]] || fail "no token: $tokens"
printf '%s\n' "$token"
