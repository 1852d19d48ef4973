# Real zsh completion in a pseudo-terminal (for test_completion.sh) (zsh/zpty): an interactive `zsh -f` runs compinit and
# loads the completion file, LINE and a TAB are typed, then a key bound to a widget writes the
# edit buffer to a file. Prints "buffer:<BUFFER>" and, when zsh listed candidates, one
# "list:<word>" line per candidate it showed. Usage: zpty_complete.zsh COMPLETION_FILE LINE
zmodload zsh/zpty || exit 9
setopt extended_glob
file=$1 line=$2
dump=$(mktemp "${TMPDIR:-/tmp}/zpty.XXXXXX") || exit 9
rm -f "$dump"
zpty z 'zsh -f -i' || exit 9
zpty -w z "PS1='%% '; PROMPT_EOL_MARK=''; setopt no_beep; LISTMAX=0; zstyle ':completion:*' menu no"
zpty -w z "autoload -Uz compinit && compinit -u -D"
zpty -w z "source ${(q)file}"
zpty -w z "__dump() { print -r -- \"\$BUFFER\" > ${(q)dump}; }; zle -N __dump; bindkey '^X' __dump"
zpty -w z "print RE''ADY"
zpty -r -m z junk '*READY*' || exit 8
zpty -n -w z "$line"$'\t'
zpty -n -w z $'\C-x'
for i in {1..100}; do [[ -s $dump ]] && break; sleep 0.05; done
all=""
while zpty -r -t z chunk; do all+=$chunk; done
zpty -d z
[[ -s $dump ]] || exit 7
print -r -- "buffer:$(<$dump)"
rm -f "$dump"
# The listing: lines "word  -- description" (or bare words), escapes and carriage returns removed.
all=${all//$'\e'\[[0-9;?]#[A-Za-z]/}
all=${all//$'\r'/}
for l in ${(f)all}; do
  [[ $l =~ '^([^ %]+) +-- ' ]] && print -r -- "list:$match[1]"
done
