#!/usr/bin/env bash
# Render workbooks to PDF and PNG pages with LibreOffice, to look at them as a person would.
# Usage: scripts/render_pdf.sh OUTDIR FILE.xlsx [FILE.xlsx …]
set -euo pipefail
out=$1; shift
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$@" >/dev/null 2>&1
for pdf in "$out"/*.pdf; do
  pdftoppm -r "${DPI:-70}" -png "$pdf" "${pdf%.pdf}"
done
ls "$out"
