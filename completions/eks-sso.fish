# fish completion for eks-sso.
#
# Static: the commands and flags are listed below (a test compares them with the binary's own
# tree, `eks-sso __tree`). The only dynamic values, context names, come from
# `eks-sso __complete contexts [--kubeconfig FILE]`, which reads kubeconfig files only: it never
# runs an exec plugin and never opens a connection.
#
# Installed as /usr/share/fish/vendor_completions.d/eks-sso.fish, or:
#   eks-sso completion fish | source

# The command path typed so far ("" at the top level, "get nodes", "doctor", ...).
function __eks_sso_command
    set -l toks (commandline -opc)
    set -l cmd ""
    set -l skip 0
    for tok in $toks[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $tok
            case --kubeconfig --context -o --output --request-timeout --exec-timeout -v --v --profile --admin-profile --permission-set --principal --login-timeout -l --selector --chunk-size
                set skip 1
            case '-*'
            case '*'
                if test "$cmd" = get; and contains -- $tok node no nodes
                    set cmd "get nodes"
                else if test "$cmd" = cache; and test "$tok" = clear
                    set cmd "cache clear"
                else if test -z "$cmd"; and contains -- $tok doctor contexts connect login get logout-test credential cache completion status help setup-script version
                    set cmd $tok
                end
        end
    end
    echo $cmd
end

function __eks_sso_at --description 'true when the command path is $argv[1]'
    test (__eks_sso_command) = "$argv[1]"
end

function __eks_sso_outputs
    switch (__eks_sso_command)
        case ""
            printf '%s\n' table json yaml wide name junit markdown
        case doctor
            printf '%s\n' table json yaml junit markdown
        case contexts
            printf '%s\n' table wide json yaml name
        case get "get nodes"
            printf '%s\n' table json yaml wide name
        case '*'
            printf '%s\n' table json yaml
    end
end

# Context names from the kubeconfig files only, honouring --kubeconfig on the command line.
function __eks_sso_contexts
    set -l toks (commandline -opc)
    set -l kubeconfig
    set -l next 0
    for tok in $toks[2..-1]
        if test $next -eq 1
            set kubeconfig $tok
            set next 0
        else if test "$tok" = --kubeconfig
            set next 1
        else if string match -q -- '--kubeconfig=*' $tok
            set kubeconfig (string replace -- '--kubeconfig=' '' $tok)
        end
    end
    set -l bin $toks[1]
    if set -q kubeconfig[1]
        $bin __complete contexts --kubeconfig (string replace -r '^~/' "$HOME/" -- $kubeconfig) 2>/dev/null
    else
        $bin __complete contexts 2>/dev/null
    end
end

complete -c eks-sso -f

# Commands.
complete -c eks-sso -n '__eks_sso_at ""' -a doctor -d 'Run every check of the EKS SSO guide, with the fix'
complete -c eks-sso -n '__eks_sso_at ""' -a contexts -d 'List the kubeconfig contexts with their auth details'
complete -c eks-sso -n '__eks_sso_at ""' -a connect -d 'Run the exec plugin, reach the API server, say who we are'
complete -c eks-sso -n '__eks_sso_at ""' -a login -d 'Run aws sso login for the context profile, then verify it'
complete -c eks-sso -n '__eks_sso_at ""' -a get -d 'Display resources (like kubectl get)'
complete -c eks-sso -n '__eks_sso_at ""' -a logout-test -d 'Prove that the logged-out state is detected'
complete -c eks-sso -n '__eks_sso_at ""' -a credential -d 'Act as the exec credential plugin, through the cache'
complete -c eks-sso -n '__eks_sso_at ""' -a cache -d 'Manage the on-disk credential cache'
complete -c eks-sso -n '__eks_sso_at ""' -a completion -d 'Print the shell completion script'
complete -c eks-sso -n '__eks_sso_at ""' -a status -d 'One line for shell prompts: profile and SSO time left'
complete -c eks-sso -n '__eks_sso_at ""' -a help -d 'Print the help of eks-sso or of a command'
complete -c eks-sso -n '__eks_sso_at ""' -a setup-script -d "Print a bash script for the guide's setup steps 1-7"
complete -c eks-sso -n '__eks_sso_at ""' -a version -d 'Print the eks-sso version, its commit and build date'
complete -c eks-sso -n '__eks_sso_at get' -a nodes -d 'List the cluster nodes, as kubectl get nodes'
complete -c eks-sso -n '__eks_sso_at cache' -a clear -d 'Remove every cached credential'
complete -c eks-sso -n '__eks_sso_at completion' -a 'bash zsh fish' -d 'Shell'
complete -c eks-sso -n '__eks_sso_at contexts' -a '(__eks_sso_contexts)' -d 'Context'

# Global flags, accepted before or after the command.
complete -c eks-sso -l kubeconfig -r -F -d 'The kubeconfig file to use (KUBECONFIG is then ignored)'
complete -c eks-sso -l context -x -a '(__eks_sso_contexts)' -d 'The kubeconfig context to use'
complete -c eks-sso -s o -l output -x -a '(__eks_sso_outputs)' -d 'Output format'
complete -c eks-sso -l request-timeout -x -d 'Limit for each API request (500ms, 10s, 1m)'
complete -c eks-sso -l exec-timeout -x -d 'Limit for one exec-plugin run'
complete -c eks-sso -l no-color -d 'No colour'
complete -c eks-sso -s v -l v -x -a '0 1 2 3 4 5 6 7 8 9' -d 'Diagnostics on stderr, more with higher N'
complete -c eks-sso -s h -l help -d 'Show help'
complete -c eks-sso -n '__eks_sso_at ""' -l version -d 'Print the version'

# Command flags.
complete -c eks-sso -n '__eks_sso_at doctor' -l all-contexts -d 'Check every context, in parallel'
complete -c eks-sso -n '__eks_sso_at doctor' -l summary -d 'Print only the summary table'
complete -c eks-sso -n '__eks_sso_at doctor' -l no-prompt -d 'Never ask to log in; exit 3 instead'
complete -c eks-sso -n '__eks_sso_at doctor' -l admin-profile -x -d 'Also run the admin checks with this AWS profile'
complete -c eks-sso -n '__eks_sso_at doctor' -l permission-set -x -d 'The permission set to check'
complete -c eks-sso -n '__eks_sso_at doctor' -l principal -x -d 'A user or group that must be assigned'
complete -c eks-sso -n '__eks_sso_at contexts' -l no-headers -d 'Do not print the header line'
complete -c eks-sso -n '__eks_sso_at connect' -l use-cache -d 'Use the on-disk credential cache'
complete -c eks-sso -n '__eks_sso_at connect' -l no-cache -d 'Bypass the credential cache'
complete -c eks-sso -n '__eks_sso_at connect' -l no-prompt -d 'Never ask to log in; exit 3 instead'
complete -c eks-sso -n '__eks_sso_at login' -l profile -x -d 'The AWS profile'
complete -c eks-sso -n '__eks_sso_at login' -l no-browser -d 'Pass --no-browser to aws sso login'
complete -c eks-sso -n '__eks_sso_at login' -l use-device-code -d 'Pass --use-device-code to aws sso login'
complete -c eks-sso -n '__eks_sso_at login' -l login-timeout -x -d 'Limit for the login (default 5m)'
complete -c eks-sso -n '__eks_sso_at "get nodes"' -s l -l selector -x -d 'Label selector'
complete -c eks-sso -n '__eks_sso_at "get nodes"' -l no-headers -d 'Do not print the header line'
complete -c eks-sso -n '__eks_sso_at "get nodes"' -l chunk-size -x -d 'Return large lists in chunks'
complete -c eks-sso -n '__eks_sso_at "get nodes"' -l no-cache -d 'Bypass the credential cache'
complete -c eks-sso -n '__eks_sso_at logout-test' -l real -d 'Really run aws sso logout first'
complete -c eks-sso -n '__eks_sso_at logout-test' -l yes -d 'With --real: do not ask'
complete -c eks-sso -n '__eks_sso_at credential' -l print-kubeconfig-user -d 'Print the kubeconfig users: entry'
complete -c eks-sso -n '__eks_sso_at credential' -l no-cache -d 'Bypass the credential cache'
complete -c eks-sso -n '__eks_sso_at version' -l short -d 'Print only the line eks-sso X.Y.Z'
complete -c eks-sso -n '__eks_sso_at setup-script' -l cluster -x -d 'EKS cluster name'
complete -c eks-sso -n '__eks_sso_at setup-script' -l region -x -d 'Region of the cluster'
complete -c eks-sso -n '__eks_sso_at setup-script' -l account -x -d 'AWS account id'
complete -c eks-sso -n '__eks_sso_at setup-script' -l start-url -x -d 'AWS access portal URL'
complete -c eks-sso -n '__eks_sso_at setup-script' -l sso-region -x -d 'IAM Identity Center region'
complete -c eks-sso -n '__eks_sso_at setup-script' -l permission-set -x -d 'Permission set name'
complete -c eks-sso -n '__eks_sso_at setup-script' -l group -x -d 'Identity Center group'
complete -c eks-sso -n '__eks_sso_at setup-script' -l user -x -d 'Identity Center user name'
complete -c eks-sso -n '__eks_sso_at setup-script' -l access-policy -x -d 'EKS access policy ARN'
complete -c eks-sso -n '__eks_sso_at setup-script' -l admin-profile -x -d 'AWS profile for the admin calls'
complete -c eks-sso -n '__eks_sso_at setup-script' -l profile -x -d 'The user AWS profile to write'

# The kubectl plugin name (kubectl-eks_sso, krew naming) completes the same way.
complete -c kubectl-eks_sso -w eks-sso
