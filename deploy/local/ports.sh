# Sourced helper: free_port prints a TCP port nobody listens on, from a range away from the
# usual defaults, so a private node never collides with a system service or another run.
free_port() {
  local used port
  used=$(ss -Htan 2>/dev/null | awk '{print $4}' | sed 's/.*://' | sort -u)
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! grep -qx "$port" <<<"$used" && ! grep -qx "$port" <<<"${RESERVED_PORTS:-}"; then
      RESERVED_PORTS="${RESERVED_PORTS:-}"$'\n'"$port"
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}
