#!/bin/sh
# light_binary.sh - the light `dokaz` (cli/meson.build) links none of the
# heavy libraries, answers its own commands, and hands every other one to
# dokaz-full: a command's help and an unknown command's error come through.
# libcrypto is on the list for its start alone: resolving its symbols took
# 3 ms of every search's 8 ms of process start (hashing is for receiving).
# Usage: light_binary.sh PATH/TO/dokaz
set -eu
light=$1
needed=$(objdump -p "$light" | awk '/NEEDED/ { print $2 }')
for lib in tesseract lept poppler qpdf magic archive heif gmime gsf pff microhttpd sodium \
  gpgme cairo xml2 seccomp crypto; do
  case " $(echo $needed) " in
  *" lib$lib."*)
    echo "dokaz links lib$lib: a light command's code now calls into it;" \
      "link with -Wl,-Map=FILE to see which object pulls it in" >&2
    exit 1
    ;;
  esac
done
"$light" --version | grep -q '^dokaz '
"$light" status --help | grep -q 'dokaz status'
"$light" show --help | grep -q 'dokaz show'
"$light" verify --help | grep -q 'dokaz verify' # run by dokaz-full
if "$light" no-such-command 2>/dev/null; then
  echo "an unknown command succeeded" >&2
  exit 1
fi
echo "dokaz: $(echo $needed)"
