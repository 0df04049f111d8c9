#!/usr/bin/env bash
# The baseline for `trustui list`: a minimal bash + curl loop that fetches every
# page of the trust relationships, one request at a time, following the
# `page_token` of each `next` link.
#
#   curl_list.sh ADMIN_URL PAGE_SIZE
#
# It stops where trustui stops: on a missing `next` link or an empty page
# (Hydra v2.3.0 keeps a `next` link on an empty page). Per page it runs one
# curl, in the subshell that captures its byte count, and parses the Link header
# with bash builtins. Bodies go to a scratch file and are not parsed.
set -euo pipefail

readonly endpoint=${1:?ADMIN_URL is required}
readonly page_size=${2:?PAGE_SIZE is required}
readonly path=/admin/trust/grants/jwt-bearer/issuers
readonly max_pages=10000
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

next_re='[?&]page_token=([^&>]*)>; *rel="next"'
token=""
pages=0
while ((pages < max_pages)); do
    url="$endpoint$path?page_size=$page_size"
    [[ -n $token ]] && url+="&page_token=$token"
    size=$(curl --silent --show-error --fail --max-time 30 --dump-header "$scratch/headers" \
        --output "$scratch/body" --write-out '%{size_download}' "$url")
    pages=$((pages + 1))
    # An empty page is "[]" and a newline.
    ((size > 3)) || break

    token=""
    while IFS= read -r line; do
        if [[ ${line,,} == link:* ]]; then
            # Each link is `<URL>; rel="..."`, separated by commas.
            IFS=',' read -ra links <<<"$line"
            for link in "${links[@]}"; do
                [[ $link =~ $next_re ]] && token=${BASH_REMATCH[1]}
            done
        fi
    done <"$scratch/headers"
    [[ -n $token ]] || break
done
echo "$pages pages" >&2
