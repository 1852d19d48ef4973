#!/usr/bin/env bash
# Man pages (issue 8): each renders with `groff -man -ww -z` without a warning, every command of
# the CLI11 tree (`eks-sso __tree`) has its page, every page names every flag its command
# accepts (its own and the global ones), the contract's exit codes and the environment.
source "$(dirname "$0")/common.sh"
M="$EKS_SSO_SOURCE_DIR/man"
command -v groff >/dev/null || skip "groff not installed (Debian package groff-base)"

run_eks __tree
expect_rc 0 "__tree"
python3 "$(dirname "$0")/tree_lines.py" <"$T/out" >"$T/tree" || fail "__tree is not the JSON tree_lines.py reads"

# The page's text with the man escapes for hyphens and fonts undone.
page_text() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$1"; }

pages=("$M"/*.1)
((${#pages[@]} >= 9)) && pass || fail "man/ has ${#pages[@]} pages, want at least 9"
for page in "${pages[@]}"; do
  name=$(basename "$page")
  groff -man -ww -z "$page" >"$T/out" 2>"$T/err"
  RC=$?
  ERR=$(cat "$T/err")
  if [[ $RC -eq 0 && -z $ERR ]]; then pass; else fail "$name: groff -man -ww -z warns (exit $RC)"; fi
  text=$(page_text "$page")
  for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    grep -q "^\.SH $section\$" "$page" && pass || fail "$name: no $section section"
  done
  for code in 0 1 2 3 4 5 6 7 130; do
    grep -A1 '^\.TP$' "$page" | grep -qx "\.B $code" && pass || fail "$name: exit status $code missing"
  done
  for var in KUBECONFIG AWS_PROFILE AWS_DEFAULT_PROFILE AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE NO_COLOR CI HOME; do
    grep -qx "\.B $var" "$page" && pass || fail "$name: ENVIRONMENT lacks $var"
  done
  for f in "~/.kube/config" "~/.aws/config" "~/.aws/sso/cache/"; do
    grep -qxF ".I $f" "$page" && pass || fail "$name: FILES lacks $f"
  done
  # SEE ALSO names only pages that exist (or kubectl and aws).
  while read -r ref; do
    [[ $ref == kubectl || $ref == aws || -e "$M/$ref.1" ]] && pass || fail "$name: SEE ALSO names a missing page $ref"
  done < <(sed -n '/^\.SH SEE ALSO/,$p' "$page" | sed -n 's/^\.BR \([^ ]*\) .*/\1/p' | sed 's/\\-/-/g')
done

# eks-sso(1): every top-level command and global flag (and --version).
text=$(page_text "$M/eks-sso.1")
while IFS='|' read -r kind path word; do
  case $kind in
    cmd) [[ -n $path ]] && want="$path $word" || want=$word
         grep -qE "^\.B $want( |\$)" <<<"$text" && pass || fail "eks-sso.1 does not describe command '$want'" ;;
    global) grep -qE "^--?[a-z]*,? ?$word\b|^$word\b" <<<"$(grep -A1 '^\.TP$' <<<"$text")" && pass \
              || fail "eks-sso.1 does not document $word" ;;
  esac
done <"$T/tree"
grep -q -- "--version" <<<"$text" && pass || fail "eks-sso.1 lacks --version"

# One page per command without subcommands, naming every flag that command accepts as an
# option entry (a .TP line), not just in passing.
while IFS='|' read -r kind path rest; do
  [[ $kind == leaf ]] || continue
  page="$M/eks-sso-${path// /-}.1"
  if [[ ! -e $page ]]; then fail "no man page for '$path' ($(basename "$page"))"; continue; fi
  entries=$(page_text "$page" | grep -A1 '^\.TP$' | grep -v '^\.TP$\|^--$')
  while IFS='|' read -r k p flag; do
    [[ $k == flag && $p == "$path" ]] || continue
    grep -qE "(^|, )$flag( |,|$)" <<<"$entries" && pass || fail "$(basename "$page") does not document $flag"
  done <"$T/tree"
  grep -q "^eks-sso-${path// /-} - " <<<"$(page_text "$page")" && pass || fail "$(basename "$page"): NAME line"
done <"$T/tree"

# And no page documents a flag the tree does not have.
for page in "${pages[@]}"; do
  while read -r flag; do
    grep -q "|$flag$" "$T/tree" && pass || fail "$(basename "$page") documents $flag, which eks-sso does not have"
  done < <(page_text "$page" | grep -A1 '^\.TP$' | grep -oE '^-[a-z], --[a-z-]+|^--[a-z-]+' | grep -oE -- '--[a-z-]+' | sort -u)
done

finish
