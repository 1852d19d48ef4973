# bash completion for eks-sso                                   -*- shell-script -*-
#
# Static: the commands and flags are listed below (a test compares them with the binary's own
# tree, `eks-sso __tree`). The only dynamic values, context names, come from
# `eks-sso __complete contexts [--kubeconfig FILE]`, which reads kubeconfig files only: it never
# runs an exec plugin and never opens a connection, so <TAB> stays instant.
#
# Installed as /usr/share/bash-completion/completions/eks-sso, or: source <(eks-sso completion bash)
# The same functions serve `kubectl eks-sso <TAB>` through kubectl_complete-eks_sso.

# The subcommands of a command path ("" is the top level).
__eks_sso_subcommands() {
  case "$1" in
    "") echo "doctor contexts connect login get logout-test credential cache completion status help setup-script version" ;;
    get) echo "nodes" ;;
    cache) echo "clear" ;;
  esac
}

# The long flags of a command path, without the global ones.
__eks_sso_command_flags() {
  case "$1" in
    "") echo "--version" ;;
    doctor) echo "--all-contexts --summary --no-prompt --admin-profile --permission-set --principal" ;;
    contexts) echo "--no-headers" ;;
    connect) echo "--use-cache --no-cache --no-prompt" ;;
    login) echo "--profile --no-browser --use-device-code --login-timeout" ;;
    "get nodes") echo "--selector --no-headers --chunk-size --no-cache" ;;
    logout-test) echo "--real --yes" ;;
    credential) echo "--print-kubeconfig-user --no-cache" ;;
    setup-script) echo "--cluster --region --account --start-url --sso-region --permission-set --group --user --access-policy --admin-profile --profile" ;;
    version) echo "--short" ;;
  esac
}

# The global flags, accepted before or after the command.
__eks_sso_global_flags() {
  echo "--kubeconfig --context --output --request-timeout --exec-timeout --no-color --v --help"
}

# Whether an option takes a value (the next word, or after '=').
__eks_sso_takes_value() {
  case "$1" in
    --kubeconfig | --context | -o | --output | --request-timeout | --exec-timeout | -v | --v | \
      --profile | --admin-profile | --permission-set | --principal | --login-timeout | -l | --selector | --chunk-size | \
      --cluster | --region | --account | --start-url | --sso-region | --group | --user | --access-policy) return 0 ;;
  esac
  return 1
}

# The -o formats a command accepts (CONTRACT.md); before a command is named, all of them.
__eks_sso_outputs() {
  case "$1" in
    "") echo "table json yaml wide name junit markdown" ;;
    doctor) echo "table json yaml junit markdown" ;;
    contexts) echo "table wide json yaml name" ;;
    get | "get nodes") echo "table json yaml wide name" ;;
    *) echo "table json yaml" ;;
  esac
}

# __eks_sso_add CUR WORD...: appends the words starting with CUR, after $prefix, to the reply.
__eks_sso_add() {
  local want=$1 word
  shift
  for word in "$@"; do
    if [[ $word == "$want"* ]]; then
      __eks_sso_reply+=("$prefix$word")
    fi
  done
}

# __eks_sso_contexts BIN KUBECONFIG: the context names, from the kubeconfig files only.
__eks_sso_contexts() {
  if [[ -n $2 ]]; then
    "$1" __complete contexts --kubeconfig "$2" 2>/dev/null
  else
    "$1" __complete contexts 2>/dev/null
  fi
}

# __eks_sso_candidates WORD...: the words of the command line up to the cursor, the last one being
# the word under completion (whole: not split at ':' or '='). Sets __eks_sso_reply to the
# candidates and __eks_sso_files to 1 when file names should be completed instead.
__eks_sso_candidates() {
  local -a w=("$@")
  local n=${#w[@]}
  local cur=${w[n - 1]} cmd="" kubeconfig="" valflag="" prefix="" word i subs
  local bin=${__eks_sso_bin:-${w[0]}}
  if [[ $bin == "~/"* ]]; then
    bin=$HOME/${bin#"~/"}
  fi
  __eks_sso_reply=()
  __eks_sso_files=0
  for ((i = 1; i < n - 1; i++)); do
    word=${w[i]}
    if [[ $word == --kubeconfig=* ]]; then
      kubeconfig=${word#--kubeconfig=}
    elif [[ $word == -* ]]; then
      if [[ $word != *=* ]] && __eks_sso_takes_value "$word"; then
        if ((i + 1 == n - 1)); then
          valflag=$word
          break
        fi
        i=$((i + 1))
        if [[ $word == --kubeconfig ]]; then
          kubeconfig=${w[i]}
        fi
      fi
    else
      if [[ $cmd == get && ($word == node || $word == no) ]]; then
        word=nodes
      fi
      subs=" $(__eks_sso_subcommands "$cmd") "
      if [[ $subs == *" $word "* ]]; then
        cmd=${cmd:+$cmd }$word
      fi
    fi
  done
  if [[ $kubeconfig == "~/"* ]]; then
    kubeconfig=$HOME/${kubeconfig#"~/"}
  fi
  if [[ -z $valflag && $cur == --*=* ]]; then
    valflag=${cur%%=*}
    prefix=$valflag=
    cur=${cur#*=}
  fi
  if [[ -n $valflag ]]; then
    case "$valflag" in
      --context)
        local -a names
        mapfile -t names < <(__eks_sso_contexts "$bin" "$kubeconfig")
        __eks_sso_add "$cur" "${names[@]}"
        ;;
      -o | --output) __eks_sso_add "$cur" $(__eks_sso_outputs "$cmd") ;;
      -v | --v) __eks_sso_add "$cur" 0 1 2 3 4 5 6 7 8 9 ;;
      --kubeconfig) __eks_sso_files=1 ;;
    esac
    return 0
  fi
  if [[ $cur == -* ]]; then
    __eks_sso_add "$cur" $(__eks_sso_command_flags "$cmd") $(__eks_sso_global_flags)
    return 0
  fi
  subs=$(__eks_sso_subcommands "$cmd")
  if [[ -n $subs ]]; then
    __eks_sso_add "$cur" $subs
  elif [[ $cmd == completion ]]; then
    __eks_sso_add "$cur" bash zsh fish
  elif [[ $cmd == contexts ]]; then
    local -a names
    mapfile -t names < <(__eks_sso_contexts "$bin" "$kubeconfig")
    __eks_sso_add "$cur" "${names[@]}"
  fi
  return 0
}

_eks_sso() {
  local -a words __eks_sso_reply
  local __eks_sso_files=0 head="" cur i
  if [[ -n ${COMP_LINE-} ]]; then
    # Split on blanks only, so that "user@arn:aws:eks:..." and "--output=json" stay whole.
    local line=${COMP_LINE:0:COMP_POINT}
    read -r -a words <<<"$line"
    if [[ ${#words[@]} -eq 0 || $line == *[[:space:]] ]]; then
      words+=("")
    fi
    # Bash replaces only the text after the last COMP_WORDBREAKS character (':' and '=' by
    # default): drop that head from the candidates, as bash-completion's __ltrim_colon_completions.
    cur=${words[${#words[@]} - 1]}
    for ((i = ${#cur} - 1; i >= 0; i--)); do
      if [[ $COMP_WORDBREAKS == *"${cur:i:1}"* ]]; then
        head=${cur:0:i+1}
        break
      fi
    done
  else
    words=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
  fi
  __eks_sso_candidates "${words[@]}"
  if ((__eks_sso_files)); then
    compopt -o filenames 2>/dev/null
    cur=${words[${#words[@]} - 1]}
    mapfile -t COMPREPLY < <(compgen -f -- "${cur#*=}")
    return 0
  fi
  COMPREPLY=("${__eks_sso_reply[@]#"$head"}")
  return 0
}

complete -F _eks_sso eks-sso kubectl-eks_sso
